#!/usr/bin/env bash
# Where a plain dispatcher's CPU goes under workload A, by thread and by what the code was doing.
#
#   scripts/bench-broker/profile.sh XK PORT OUT
#
# Records 3 s of `perf record --call-graph dwarf` (cpu-clock: the VM has no hardware counters) of `XK dispatcher`
# under mdpload ($MDPLOAD, default /tmp/mdp/mdpload), writes OUT.data, and prints breakdown.py's table. The release
# build's own DWARF is enough for perf to name Swift frames; libzmq's frames stay addresses (no debug symbols).
set -euo pipefail
XK=$1 PORT=$2 OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
MDPLOAD=${MDPLOAD:-/tmp/mdp/mdpload}
$XK dispatcher --config "$HERE/../../config/hai-ba-trung.yaml" --endpoint "tcp://127.0.0.1:$PORT" --log-level warning \
  >/dev/null 2>&1 &
SP=$!
trap 'kill $SP 2>/dev/null || true' EXIT
sleep 1.5
"$MDPLOAD" mdp -V 2 -e "tcp://127.0.0.1:$PORT" -c 4 -p 16 -w 4 -b 100 -d 6 -W 1 >"$OUT.load" 2>&1 &
LP=$!
sleep 2
perf record -F 2000 --call-graph dwarf,16384 -p $SP -o "$OUT.data" -- sleep 3 >/dev/null 2>&1
wait $LP
grep RESULT "$OUT.load"
perf script -i "$OUT.data" -F comm,tid,ip,sym 2>/dev/null | python3 "$HERE/breakdown.py"
