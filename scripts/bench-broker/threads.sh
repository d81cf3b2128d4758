#!/usr/bin/env bash
# Per-thread CPU time and context switches of a plain dispatcher per round trip, from /proc (no profiler attached).
#
#   scripts/bench-broker/threads.sh XK PORT [dispatcher options...]
#
# Starts `XK dispatcher` (no --data: a plain broker) on 127.0.0.1:PORT, loads it with mdpload ($MDPLOAD, default
# /tmp/mdp/mdpload; build it from ../shared/tools/mdpload) for 1 s warm-up + 4 s, reads the loop thread's and
# libzmq's I/O thread's utime+stime and voluntary/involuntary switches over 3 s of it, and prints them per round trip.
# Workload: C=clients P=in flight W=workers from the environment (default 4, 16, 4: workload A).
set -euo pipefail
XK=$1 PORT=$2; shift 2
MDPLOAD=${MDPLOAD:-/tmp/mdp/mdpload}
CFG=${CFG:-$(cd "$(dirname "$0")/../.." && pwd)/config/hai-ba-trung.yaml}
C=${C:-4} P=${P:-16} W=${W:-4}
LOAD=$(mktemp)
$XK dispatcher --config "$CFG" --endpoint "tcp://127.0.0.1:$PORT" --log-level warning "$@" >/dev/null 2>&1 &
SP=$!
trap 'kill $SP 2>/dev/null || true; rm -f "$LOAD"' EXIT
sleep 1
"$MDPLOAD" mdp -V 2 -e "tcp://127.0.0.1:$PORT" -c "$C" -p "$P" -w "$W" -b 100 -d 4 -W 1 >"$LOAD" 2>&1 &
LP=$!
snap() { for t in /proc/$SP/task/*; do
  echo "$(tr ' ' _ <"$t/comm") $(awk '{print $14+$15}' "$t/stat") $(awk '/ctxt/{printf "%s ",$2}' "$t/status")"; done; }
sleep 1.5; A=$(snap); sleep 3; B=$(snap)
wait $LP
RT=$(sed -n 's/.* rtps=\([0-9]*\).*/\1/p' "$LOAD")
python3 - "$RT" "$(getconf CLK_TCK)" "$A" "$B" <<'PY'
import sys
rt, tick = int(sys.argv[1]) * 3, int(sys.argv[2])
def read(text):
    threads = {}
    for line in text.splitlines():
        p = line.split()
        # The loop thread's kernel name is Foundation's `oot.default-qos`; libzmq's I/O thread is ZMQbg/IO/0.
        if len(p) >= 4 and p[0] in ('oot.default-qos', 'ZMQbg/IO/0'):
            v = list(map(int, p[1:4]))
            if p[0] not in threads or v[0] > threads[p[0]][0]: threads[p[0]] = v
    return threads
a, b = read(sys.argv[3]), read(sys.argv[4])
out, total = [f"rtps={rt // 3}"], 0.0
for key, name in (('oot.default-qos', 'loop'), ('ZMQbg/IO/0', 'io')):
    seconds = (b[key][0] - a[key][0]) / tick
    total += seconds
    out.append(f"{name}: {seconds * 1e6 / rt:.1f}us vol={(b[key][1] - a[key][1]) / rt:.2f} "
               f"invol={(b[key][2] - a[key][2]) / rt:.2f}")
out.append(f"both={total * 1e6 / rt:.1f}us")
print('  '.join(out))
PY
