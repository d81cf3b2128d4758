#!/bin/bash
# Durable xk.submit load, as measured for issue 13 (docs/performance.md):
#   scripts/bench-submit/run.sh XK_BINARY PORT
# starts `XK_BINARY dispatcher --data <fresh folder>` (journal on disk, synchronous=FULL), keeps 4 clients × 16
# submissions in flight for $DUR seconds (default 4) and prints answers/s and the dispatcher's CPU (all threads)
# per accepted submission. Run it for two binaries in turn to compare them in one run.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
BIN=$1; PORT=$2; DIR=$(mktemp -d)
[ -x "$HERE/subload" ] || cc -O2 -o "$HERE/subload" "$HERE/subload.c" -lzmq -lpthread || exit 1
"$BIN" dispatcher --config "${XK_CONFIG:-config/hai-ba-trung.yaml}" --endpoint "tcp://127.0.0.1:$PORT" --data "$DIR" \
    --log-level warning > "$DIR.log" 2>&1 &
P=$!
for _ in $(seq 1 200); do ss -ltn | grep -q ":$PORT " && break; sleep 0.05; done
sleep 0.3
TICK=$(getconf CLK_TCK)
c0=$(awk '{print $14+$15}' /proc/$P/stat)
R=$("$HERE/subload" "tcp://127.0.0.1:$PORT" 4 16 "${DUR:-4}")
c1=$(awk '{print $14+$15}' /proc/$P/stat)
kill $P; wait $P 2>/dev/null
ok=$(echo "$R" | sed -n 's/.*ok=\([0-9]*\).*/\1/p')
echo "$(basename "$BIN") $R cpu_us_per_submit=$(awk -v a="$c0" -v b="$c1" -v n="$ok" -v t="$TICK" 'BEGIN{printf "%.1f", (b-a)*1e6/t/n}')"
rm -rf "$DIR" "$DIR.log"
