#!/usr/bin/env bash
# tools/image_generators.py on a hand-made image run: two generators, one drawing class 3 four
# times and class 1 once (purity 0.8), the other class 1 twice and class 2 once (purity 2/3):
# 2 distinct dominant classes, median purity 0.73. The split I(G; C) / H(C) by hand: classes
# 3/8, 1/8, 4/8 give H(C) = 0.9743 nats; H(C | G) = 5/8 H(4/5, 1/5) + 3/8 H(2/3, 1/3) =
# 5/8 x 0.5004 + 3/8 x 0.6365 = 0.5514; (0.9743 - 0.5514) / 0.9743 = 0.43. Classes 1, 2 and 3
# judged: 3. A folder without samples.csv exits 1 naming it.
set -euo pipefail
tool=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tools/image_generators.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/run"
cat > "$work/run/samples.csv" <<'CSV'
generator,image,class,class_name,probability
1,0,3,Dress,0.99
1,1,3,Dress,0.95
1,2,1,Trouser,0.91
1,3,3,Dress,0.50
1,4,3,Dress,0.97
2,0,1,Trouser,0.99
2,1,2,Pullover,0.80
2,2,1,Trouser,0.93
CSV
out=$(python3 "$tool" "$work/run")
echo "$out"
grep -q "dominant classes \[3, 1\]; 2 distinct of 2 generators; purity median 0.73 \[0.67, 0.80\]; split 0.43; 3 classes judged" <<<"$out"
mkdir "$work/empty"
if err=$(python3 "$tool" "$work/empty" 2>&1); then echo "accepted a folder with no samples.csv"; exit 1; fi
grep -q "empty: no samples.csv" <<<"$err"
echo "ok"
