#!/usr/bin/env python3
"""The table of a soak's log (bench/soak.sh's output) as docs/RELIABILITY.md shows it: ten
minutes a row (steps/s, resident memory, longest GUI stall a minute, minutes over the 50 ms
promise, the hypervisor's steal), then every stall the window logged over 50 ms with what
overlapped it, and the final and cycle lines.
    bench/soak_table.py LOG
"""
import json
import sys

PROMISE_MS = 50


def main(path):
    lines = open(path).read().splitlines()
    rows = [json.loads(l) for l in lines if l.startswith('{"seconds"')]
    stalls = [json.loads(l) for l in lines if '"stall_ms"' in l]
    print("| minutes | steps/s, each lane | resident MB | longest GUI stall a minute, ms "
          "| minutes over 50 ms | steal, ms a minute |")
    print("|---|---|---|---|---|---|")
    for b in range(0, len(rows), 10):
        blk = rows[b:b + 10]
        sps = [r["steps_per_second"] for r in blk]
        mb = [r["resident_mb"] for r in blk]
        st = [r["longest_stall_ms"] for r in blk]
        steal = [r.get("machine_steal_ms", float("nan")) for r in blk]
        print(f"| {b + 1}-{b + len(blk)} | {min(sps):.0f}-{max(sps):.0f} | {min(mb):.0f}-{max(mb):.0f} "
              f"| {min(st)}-{max(st)} | {sum(1 for x in st if x > PROMISE_MS)} of {len(st)} "
              f"| {min(steal):.0f}-{max(steal):.0f} |")
    if rows:
        st = [r["longest_stall_ms"] for r in rows]
        print(f"\nminutes: {len(rows)}, over {PROMISE_MS} ms: "
              f"{sum(1 for x in st if x > PROMISE_MS)}, longest {max(st)} ms")
    print(f"stalls logged over {PROMISE_MS} ms: {len(stalls)}")
    for s in stalls:
        work = "; ".join(f'{w["what"]} {w["ms"]} ms from {w["from_ms"]}' for w in s["work"])
        print(f'  at {s["at_s"]} s: {s["stall_ms"]} ms (running {s["gui_running_ms"]}, '
              f'waiting for a core {s["gui_waiting_for_cpu_ms"]}, blocked {s["gui_blocked_ms"]}; '
              f'steal {s["machine_steal_ms"]}) {work or "no slow work noted"}'
              f'{"; seen: " + ", ".join(s["gui_seen"]) if s.get("gui_seen") else ""}')
    for l in lines:
        if l.startswith('{"gui') or l.startswith('cycles'):
            print(l.strip()[:400])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
