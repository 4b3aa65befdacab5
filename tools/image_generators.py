#!/usr/bin/env python3
"""How an image run's generators split the classes (docs/RESULTS.md, Fashion-MNIST): for each run
folder given, each generator's dominant class (the class the judge gives most of its samples) and
its purity (that class's share of them), from the run's samples.csv; then how many distinct
dominant classes the run's generators have, their median purity, and the split: the mutual
information between generator and judged class over the entropy of the classes judged,
I(G; C) / H(C), 1 when each generator draws classes no other draws, 0 when every generator draws
the same mix (for k = 10 generators of 200 images each its estimate is biased up by about
81 / (2 x 2000) = 0.02 nats, under 0.01 of H(C) for ten even classes); and how many classes
the judge gave any image at all, whatever its probability (the count Stacked MNIST tables give as
modes captured).

    tools/image_generators.py RUN_FOLDER...
"""
import collections
import csv
import math
import statistics
import sys


def entropy(counts):
    total = sum(counts)
    return -sum(n / total * math.log(n / total) for n in counts if n > 0)


def split(judged):
    """I(G; C) / H(C) from judged[g][c] counts; 0 when only one class is judged."""
    classes = collections.Counter()
    for counter in judged.values():
        classes.update(counter)
    total = sum(classes.values())
    h_c = entropy(classes.values())
    if h_c == 0:
        return 0.0
    h_c_given_g = sum(sum(c.values()) / total * entropy(c.values()) for c in judged.values())
    return (h_c - h_c_given_g) / h_c


def main(folders):
    if not folders:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for folder in folders:
        try:
            with open(f"{folder}/samples.csv", newline="") as f:
                rows = list(csv.DictReader(f))
        except OSError as e:
            print(f"{folder}: no samples.csv ({e.strerror}): not a finished image run", file=sys.stderr)
            return 1
        if not rows or "class" not in rows[0]:
            print(f"{folder}/samples.csv: not an image run's (no class column)", file=sys.stderr)
            return 1
        judged = collections.defaultdict(collections.Counter)
        for row in rows:
            judged[int(row["generator"])][int(row["class"])] += 1
        dominant, purity = [], []
        for g in sorted(judged):
            label, n = judged[g].most_common(1)[0]
            dominant.append(label)
            purity.append(n / sum(judged[g].values()))
        print(f"{folder}: dominant classes {dominant}; {len(set(dominant))} distinct of "
              f"{len(dominant)} generators; purity median {statistics.median(purity):.2f} "
              f"[{min(purity):.2f}, {max(purity):.2f}]; split {split(judged):.2f}; "
              f"{len(set().union(*judged.values()))} classes judged (at any probability)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
