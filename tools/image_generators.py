#!/usr/bin/env python3
"""How an image run's generators split the classes (docs/RESULTS.md, Fashion-MNIST): for each run
folder given, each generator's dominant class (the class the judge gives most of its samples) and
its purity (that class's share of them), from the run's samples.csv; then how many distinct
dominant classes the run's generators have, and their median purity.

    tools/image_generators.py RUN_FOLDER...
"""
import collections
import csv
import statistics
import sys


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
              f"[{min(purity):.2f}, {max(purity):.2f}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
