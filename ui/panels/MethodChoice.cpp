#include "panels/MethodChoice.h"

#include <QComboBox>

namespace modescope::ui
{

QString methodTip(Method method)
{
    switch (method) {
    case Method::Gan:
        return QObject::tr("gan: one generator, one discriminator (the baseline that collapses)");
    case Method::Independent:
        return QObject::tr(
            "independent: k generators against one ordinary discriminator (a baseline: nothing "
            "pushes them apart)");
    case Method::MadGan:
        return QObject::tr("madgan (route 2, architecture): k generators; D has k+1 heads and "
                           "must tell which generator made a sample (Ghosh et al. 2018)");
    case Method::MadGanSim:
        return QObject::tr("madgan-sim (route 2): madgan with the similarity hinge on");
    case Method::Unrolled:
        return QObject::tr(
            "unrolled (route 1, optimisation): one generator whose loss is taken against D "
            "unrolled K steps ahead, with the gradient through the unrolling (Metz et al. 2017)");
    case Method::WganGp:
        return QObject::tr("wgan-gp (route 1, optimisation): a critic with a gradient penalty, "
                           "n_critic critic steps per generator step (Gulrajani et al. 2017)");
    case Method::PacGan:
        return QObject::tr("pacgan (route 2, architecture): one generator; D judges packs of m "
                           "samples at once (Lin et al. 2018); m = 1 is the plain GAN");
    }
    return {};
}

QString routeText(Method method)
{
    return QString::fromStdString(routeOf(method));
}

void fillMethodBox(QComboBox* box)
{
    for (Method m : { Method::Gan, Method::Independent, Method::Unrolled, Method::WganGp,
             Method::MadGan, Method::MadGanSim, Method::PacGan }) {
        box->addItem(QString::fromStdString(toString(m)), int(m));
        box->setItemData(box->count() - 1, methodTip(m), Qt::ToolTipRole);
    }
}

} // namespace modescope::ui
