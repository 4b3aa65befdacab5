#include "window/StatusText.h"

#include <QObject>

#include <cmath>

namespace modescope::ui
{

namespace
{
QString percent(double share)
{
    return QString::number(100 * share, 'f', 1) + "%";
}

// The MAD-GAN family with k > 1 has the Sim switch (its snapshots carry D_i's owner map).
bool hasSimSwitch(const Snapshot& s)
{
    return s.generatorDensity.size() > 1 && !s.owner.empty() && s.owner.front() >= 0;
}

QString simText(const Snapshot& s)
{
    if (std::isnan(s.simViolationRate) && hasSimSwitch(s)) // no step yet: nothing measured
        return s.simOn ? QObject::tr("Sim on") : QObject::tr("Sim off");
    if (std::isnan(s.simViolationRate))
        return QObject::tr("Sim n/a");
    return QObject::tr("Sim %1: hinge %2, violations %3")
        .arg(s.simOn ? QObject::tr("on") : QObject::tr("off"))
        .arg(s.simHinge, 0, 'g', 3)
        .arg(percent(s.simViolationRate));
}
} // namespace

QString headline(const Metrics& metrics, int modes)
{
    return QObject::tr("modes covered %1/%2").arg(metrics.modesBalanced).arg(modes);
}

QString cureText(const CureTime& cure, int modes)
{
    if (!cure.reached())
        return {};
    const QString since
        = QObject::tr("all %1 modes covered since step %2").arg(modes).arg(cure.step);
    if (std::isnan(cure.seconds)) // rows of a run logged before the clock was kept
        return since;
    return QObject::tr("%1, %2 s").arg(since).arg(cure.seconds, 0, 'f', 0);
}

QString statusText(
    const Snapshot& s, int modes, const QString& device, const CureTime& cure, bool paused)
{
    const QString speed = paused ? QObject::tr("paused")
                                 : QObject::tr("%1 steps/s").arg(s.stepsPerSecond, 0, 'f', 0);
    const QString line = QObject::tr("step %1   %2   %3   %4   HQ %5   %6")
                             .arg(s.iteration)
                             .arg(speed)
                             .arg(device)
                             .arg(headline(s.metrics, modes))
                             .arg(percent(s.metrics.hqFraction))
                             .arg(simText(s));
    return cure.reached() ? line + "   " + cureText(cure, modes) : line;
}

QString statusDetails(const Snapshot& s, int modes)
{
    const Metrics& m = s.metrics;
    QStringList lines;
    lines << QObject::tr("Step %1, %2 steps/s; figures on %3 samples per generator")
                 .arg(s.iteration)
                 .arg(s.stepsPerSecond, 0, 'f', 1)
                 .arg(m.samplesPerGenerator);
    lines << QObject::tr("Modes covered %1 of %2: modes whose high-quality samples are at least "
                         "half their weight's share of all samples")
                 .arg(m.modesBalanced)
                 .arg(modes);
    lines << QObject::tr("Modes captured (PacGAN) %1: modes with at least one high-quality "
                         "sample; lenient, for comparing with papers")
                 .arg(m.modesCaptured);
    lines << QObject::tr("HQ %1: samples within 3 sd of their nearest mode")
                 .arg(percent(m.hqFraction));
    lines << QObject::tr("Reverse KL %1: KL(p_gen || w) over modes (0: every mode its share)")
                 .arg(m.reverseKl, 0, 'g', 3);
    if (s.dimension == 2)
        lines << QObject::tr("KL hist, chi-square n/a: the MAD-GAN paper's histogram measures "
                             "are 1-D only");
    else
        lines << QObject::tr("KL hist %1, chi-square %2: the MAD-GAN paper's histogram measures "
                             "(bins 0.5 wide; chi-square grows with N)")
                     .arg(m.klHist, 0, 'g', 3)
                     .arg(m.chiSquare, 0, 'g', 4);
    if (std::isnan(s.simViolationRate) && hasSimSwitch(s))
        lines << QObject::tr("Sim %1: hinge and violations are measured from the next step")
                     .arg(s.simOn ? QObject::tr("on") : QObject::tr("off"));
    else if (std::isnan(s.simViolationRate))
        lines << QObject::tr("Sim n/a: only madgan and madgan-sim have per-generator heads");
    else
        lines << QObject::tr("Sim %1: mean hinge lambda * hinge_i %2; violated triples %3 "
                             "(floor about 50% by construction, SPEC section 1)")
                     .arg(s.simOn ? QObject::tr("on") : QObject::tr("off (measured only)"))
                     .arg(s.simHinge, 0, 'g', 3)
                     .arg(percent(s.simViolationRate));
    return lines.join('\n');
}

QString figureCaptionFor(const TrainConfig& config, long long step, bool simOn)
{
    const QString sim = !hasPerGeneratorHeads(config.method) ? QString()
        : simOn                                              ? QObject::tr(", Sim on")
                                                             : QObject::tr(", Sim off");
    return QObject::tr("%1 \u00b7 %2, k = %3%4 \u00b7 seed %5 \u00b7 step %6")
        .arg(QString::fromStdString(config.presetName))
        .arg(QString::fromStdString(toString(config.method)))
        .arg(config.effectiveGenerators())
        .arg(sim)
        .arg(config.seed)
        .arg(step);
}

} // namespace modescope::ui
