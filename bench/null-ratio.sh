#!/usr/bin/env bash
# Measures Aerie against the null node (a node that answers every request at once) under the same
# client load on this machine, and prints the throughput ratio. Usage:
#   bench/null-ratio.sh [aerie-compare options...]     default: -k 100000 -o 1024 -w RU,50 -z 16 --pairs 20 --slice 3
# Aerie runs from bin/aerie on port 3000, the null node on 3100; both are stopped at the end. After
# the keys are loaded into Aerie, one client process (bin/aerie-compare) drives both nodes in turn,
# switching every slice, and reports the ratio of each back-to-back pair of slices: separate runs of
# the load tool swung by 10% and more from one to the next on this machine.
# The null node answers reads with a record of the load's object size and bins, so the client does
# the same work per request against both; NULL_OBJECT_SIZE=0 makes it answer reads with a bare OK.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"
aerie_bench_setup
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(-k 100000 -o 1024 -w RU,50 -z 16 --pairs 20 --slice 3)
out="$(mktemp -d)"
bin/aerie ${AERIE_ARGS:-} > "$out/aerie.log" 2>&1 &
aerie_pid=$!
aerie_load_shape "${opts[@]}"
aerie_start_null_node 3100 "${NULL_OBJECT_SIZE:-$size}" "$bins" "$out/null.log"
null_pid=$!
trap 'kill $aerie_pid $null_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q "ready" "$out/aerie.log" 2>/dev/null && grep -q listening "$out/null.log" 2>/dev/null && break; sleep 0.2; done
bin/aerie-load -p 3000 -w I -k "$keys" -o "$size" -b "$bins" -z 16 > "$out/insert.txt"
# Both nodes must run the same number of client event loops, or the yardstick is not the same
# network layer (Netty starts a loop's thread when the loop takes its first connection).
loops() { grep -l '^multiThreadIoEv' /proc/"$1"/task/*/comm 2>/dev/null | wc -l; }
bin/aerie-compare --yardstick-port 3100 -p 3000 --yardstick-pid "$null_pid" --subject-pid "$aerie_pid" "${opts[@]}" --json "$out/compare.json" | tee "$out/compare.txt"
null_loops=$(loops "$null_pid"); aerie_loops=$(loops "$aerie_pid")
echo "event-loop threads (with the acceptor's): null node $null_loops, aerie $aerie_loops"
if [ "$null_loops" != "$aerie_loops" ]; then
    echo "error: the two nodes ran different numbers of event loops; the ratio is not a fair comparison" >&2
    exit 1
fi
echo "details: $out"
