#include "window/HelpDialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace modescope::ui
{

HelpDialog::HelpDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("ModeScope guide"));
    auto* text = new QTextBrowser(this);
    text->setObjectName("guide");
    text->setHtml(guideHtml());
    text->setOpenExternalLinks(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    resize(640, 720);
}

QString HelpDialog::guideHtml()
{
    return tr(R"(<h2>What you are looking at</h2>
<p>A GAN learns to draw samples from the <b>target</b>: a mixture of Gaussian modes, the grey
filled curve. Each generator G<sub>i</sub> is drawn as a coloured curve: the density of its
samples, as its share p<sub>i</sub>/k of the generators' mixture (K shows each p<sub>i</sub>
whole). The dashed curve is their average: what the model as a whole generates.
D<sub>real</sub>(x), on the purple right axis, is the discriminator's probability that a sample
at x is real. Under the plot, the <b>owner strip</b> colours each x by the generator whose head
of D is largest there: the region D credits to that generator (madgan and madgan-sim only;
the other methods' D has one real/fake output, so there is no owner). For <i>wgan-gp</i> the
right axis is the <b>critic (scaled)</b>: a WGAN critic gives a score, not a probability, so it
is drawn scaled to 0-1 over the view (only its shape means something). For <i>pacgan</i> it is
D's probability of "real" for a pack of m copies of the same x.</p>

<h2>Two dimensions: the map</h2>
<p>The presets <i>ring-8</i> and <i>grid-25</i> (and any preset whose means are [x, y]) are
2-D: the plot becomes a map at equal aspect. The target's density is the grey heat map (on a
log scale, so each mode shows its whole disc); each generator's samples (up to 500) are dots
in its colour. D toggles D<sub>real</sub> as a purple layer (dark where D is sure a point is
real); O toggles the <b>owner map</b>, each point coloured by the generator whose head of D is
largest there. Drag pans, the wheel zooms, F or a double-click shows the whole view box. Mode
collapse in 2-D: the dots of every generator gather on a few grey spots while the others stay
bare. The mixture editor has a mean x and a mean y column; chi-square and KL hist are 1-D
measures and read n/a.</p>

<h2>Images: Fashion-MNIST</h2>
<p>The preset <i>fashion-mnist</i> trains on real images (ten kinds of clothing, 28 x 28). The
plot becomes a grid: a row per generator with its latest images, drawn in its colour, over a
row of real images, one of each class. A small classifier, the <b>judge</b>, says which class
each generated image shows; classes then stand in for modes: <b>modes covered</b> counts classes
whose confidently judged images make up at least half their share, HQ is the share judged with
probability 0.9 or more, and the ownership map's columns are the classes. The first image run
trains the judge (about two minutes, shown in the status bar); later runs load it. Mode
collapse on images: a generator's row of near copies, or every row drawing the same kind while
other kinds in the real row have no row of their own.</p>
<p>The preset <i>stacked-fashion-mnist</i> is the papers' Stacked MNIST on Fashion-MNIST: each
image is three images drawn at random, one a channel, drawn in cyan, magenta and yellow ink, so
there are 1000 classes, named by their three channels' classes (318: a dress, a trouser and a
bag). Each channel is judged alone by the same judge.</p>

<h2>What mode collapse looks like</h2>
<p>Every generator curve piles onto one or two grey peaks while the other peaks stay bare; the
<b>modes covered</b> count stays low and the ownership map has empty columns. Try the preset
<i>seed-3mode</i> with method <i>gan</i>: the single generator first spreads one hump over all
three modes (it cannot split itself) and then sits on one of them. Switch the method to
<i>madgan-sim</i> and press R: within a few seconds its three generators take one mode each, and
the ownership map shows one dark cell per row in different columns. Once every mode stays
covered, the status bar and the lane's title say since when: <b>all 3 modes covered since step
900, 7 s</b> (the seconds of training, drawing excluded). On seed-3mode this happens on every
seed the project has tried; on other presets it is a rate over seeds, so compare methods over
several (modescope-sweep does that).</p>
<p>The networks see the data standardized (its mean taken away, divided by its spread: the preset
field <i>data_scaling</i>), so a generator starts across the modes instead of beside them;
everything drawn and measured is in the data's own units. The preset <i>paper-1d</i> trains on
raw x, as the MAD-GAN paper did.</p>

<h2>Lanes: methods side by side</h2>
<p>The settings panel's <b>Compare</b> group adds lanes (up to four): other runs on the same
target, seed and networks, each with its own method and k, drawn under the first with the same
x axis and generator i in the same colour. Each lane's title counts its modes covered. In
lock-step (L) every lane trains to the same step before any goes on, so a picture compares like
with like. The metrics plot adds each lane's modes covered; the chooser above the ownership map
shows any lane's map. Export and Save write a comparison folder: one figure with every lane, a
run folder per lane and compare.json.</p>

<h2>The methods</h2>
<ul>
<li><b>gan</b>: one generator, one real/fake discriminator.</li>
<li><b>independent</b>: k generators against one ordinary discriminator; nothing tells them
apart, so they may all collapse onto the same mode.</li>
<li><b>madgan</b>: D has k+1 outputs (real, or made by G<sub>i</sub>), so it must tell the
generators apart, which pushes them to different modes.</li>
<li><b>madgan-sim</b>: madgan with the similarity hinge (Sim) on from the start. Sim can be
switched on and off at any step in either.</li>
<li><b>unrolled</b> (Metz et al. 2017): one generator whose loss is taken against the D that K
more of its own Adam steps would make (the preset field unrolled.steps, default 5), with the
gradient flowing through those steps; G learns how D would answer its move.</li>
<li><b>wgan-gp</b> (Gulrajani et al. 2017): a critic scores samples (no probability); it takes
n_critic steps (default 5) per generator step, each with a gradient penalty (lambda 10) that
keeps its slope near 1 on lines between real and generated samples.</li>
<li><b>pacgan</b> (Lin et al. 2018): one generator; D judges m samples at once (pacgan.packing,
2 to 4; 1 is gan). A pack of samples all from one mode looks fake, so collapse is punished.</li>
</ul>
<p><b>Two routes out of collapse.</b> Route 1 improves the <i>optimisation</i> so one generator
reaches a better optimum: unrolled, wgan-gp. Route 2 changes the <i>architecture</i> so the model
is made to hold more modes: madgan, madgan-sim (k generators, D must tell them apart) and pacgan
(D sees packs). <b>Compare &gt; Two routes</b> (Ctrl+2) opens gan, unrolled and madgan-sim side by
side, each lane saying its route; docs/ROUTES.md has the maths and where ModeScope departs from
each paper.</p>

<h2>The metrics</h2>
<p>Measured on 500 samples per generator at each snapshot (2500 in run folders and sweeps). A
sample is <b>high quality</b> when it lies within 3 sd of its nearest mode.</p>
<ul>
<li><b>modes covered</b> (modes_balanced, the headline): modes whose high-quality samples are
at least half of the mode's fair share w<sub>m</sub> of all samples. It matches the picture.</li>
<li><b>modes captured (PacGAN)</b>: modes with at least one high-quality sample, the lenient
count of VEEGAN and PacGAN; one stray sample counts. Use it to compare with those papers.</li>
<li><b>HQ share</b>: the share of high-quality samples; low when generators sit between modes.</li>
<li><b>reverse KL</b>: KL(p<sub>gen</sub> || w) over modes, each sample given to its nearest
mode; 0 when every mode gets its weight's share.</li>
<li><b>KL hist</b> and <b>chi-square</b>: the MAD-GAN paper's histogram measures over bins
0.5 wide, with an overflow bin so mass outside the range counts as a miss. Chi-square grows
with the number of samples: compare it only at equal N (metrics.csv's <i>samples</i>).</li>
<li><b>Sim violations</b>: the share of (i, j, z) triples where the Sim hinge is active. With
positive cosines at most one of a pair's two constraints can hold, so its floor is about 0.5;
read its changes, not its level (a run can cover every mode with most triples violated).
<b>Sim hinge</b> is the mean penalty &lambda; &middot; hinge added to
the generators' losses. Both are n/a for every method but madgan and madgan-sim.</li>
<li><b>ownership map</b>: row G<sub>i</sub>, column m: the share of generator i's samples
nearest to mode m. One dark cell per row, each in its own column, is the cure.</li>
</ul>

<h2>Sim: the similarity hinge of MAD-GAN-Sim</h2>
<p>For the same noise z, samples of different generators that look alike to &phi; (D's last
hidden layer by default; cosine similarity) must be told apart by D<sub>real</sub>, by a margin
&nu; times their similarity; a violation costs generator i &lambda; times its size. Learning
rates, Sim, &lambda; and &nu; act at the next step; everything else at Reset (R).</p>
<p>A preset may give a method its own learning rates (the image presets give the plain GAN
G 2e-4, D 1e-4 beside MAD-GAN's G 1e-4, D 8e-4): each lane trains at its method's, and choosing
a method shows its rates. A rate typed in applies to every lane.</p>

<h2>Keys</h2>
<table>
<tr><td><b>Space</b></td><td>start / pause</td></tr>
<tr><td><b>S</b></td><td>one step, then pause</td></tr>
<tr><td><b>R</b></td><td>reset: new networks with the panel's settings (asks before discarding a
trained run)</td></tr>
<tr><td><b>D, O, K</b></td><td>D<sub>real</sub> axis, owner strip, shares or whole densities
(on a map: the D<sub>real</sub> layer and the owner map)</td></tr>
<tr><td><b>C</b></td><td>on a map: each generator's contour around the densest half of its
samples</td></tr>
<tr><td><b>F</b></td><td>fit the plot to every curve shown (or double-click)</td></tr>
<tr><td><b>End</b></td><td>back to live after scrubbing the history slider</td></tr>
<tr><td><b>Ctrl+S, Ctrl+O</b></td><td>save, open a session (a run folder; with lanes, a
comparison folder holding one run folder per lane)</td></tr>
<tr><td><b>L</b></td><td>lanes in lock-step (every lane at the same step) or each at its own
speed</td></tr>
<tr><td><b>Ctrl+E</b></td><td>export figures, data, strip and video</td></tr>
<tr><td><b>F1</b></td><td>this guide</td></tr>
</table>
<p>Every plot, axis and legend entry explains itself in a tooltip; click a legend entry to hide
its curve.</p>)");
}

} // namespace modescope::ui
