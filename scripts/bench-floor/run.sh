#!/bin/bash
# The standard Majordomo workloads of issue 13 (A: 4 clients × 16 in flight, 4 plain workers; C: 4 × 32, 16 workers;
# 1×1: one request in flight, 4 workers; 100-byte bodies), every broker in one interleaved run with
# ../shared/tools/mdpload/bench.sh:
#   raw-tcp, proxy-tcp      libzmq alone: a ROUTER echo, and zmq_proxy with echo workers (two hops, no MDP)
#   floor                   floorbroker.c: the least an MDP broker can do with libzmq (one ROUTER, zero copy)
#   zguide                  only if ZGUIDE_BROKER names a zguide mdbroker built by hand (bench.sh's README)
#   each XK binary given    `xk dispatcher` without --data (a plain broker), RFC 18 dialect
#
#   scripts/bench-floor/run.sh [-r REPS] [-d SECONDS] XK_BINARY...
# Prints bench.sh's tables; compare server CPU per round trip (srvCPUus/rt) within one run.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MDPLOAD_DIR="${MDPLOAD_DIR:-$ROOT/../shared/tools/mdpload}"
REPS=3; DUR=4
while getopts "r:d:" opt; do
    case $opt in r) REPS=$OPTARG ;; d) DUR=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-r REPS] [-d SECONDS] XK_BINARY..." >&2; exit 2; }
[ -f "$MDPLOAD_DIR/bench.sh" ] || { echo "no mdpload at $MDPLOAD_DIR (set MDPLOAD_DIR)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$MDPLOAD_DIR"/bench.sh "$MDPLOAD_DIR"/mdpload.c "$MDPLOAD_DIR"/Makefile "$WORK"/
make -s -C "$WORK" >/dev/null
cc -O2 -o "$WORK/floorbroker" "$HERE/floorbroker.c" -lzmq
targets=(raw-tcp proxy-tcp "cmd:floor:2:$WORK/floorbroker {EP}")
[ -n "${ZGUIDE_BROKER:-}" ] && targets+=(zguide)
for xk in "$@"; do
    targets+=("cmd:$(basename "$xk"):2:$xk dispatcher --config $ROOT/config/hai-ba-trung.yaml --endpoint {EP} --log-level warning")
done
for workload in "A -c 4 -p 16 -w 4" "C -c 4 -p 32 -w 16" "1x1 -c 1 -p 1 -w 4"; do
    set -- $workload
    name=$1; shift
    echo "== workload $name ($*), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    "$WORK/bench.sh" -r "$REPS" -d "$DUR" -W 1 "$@" "${targets[@]}" 2>&1 | sed -n '/^medians/,$p'
done
