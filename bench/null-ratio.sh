#!/usr/bin/env bash
# Measures Aerie against the null node (a node that answers every request at once) under the same
# client load on this machine, and prints the throughput ratio. Usage:
#   bench/null-ratio.sh [rounds] [load-tool options...]     default: 2 rounds of -k 100000 -o 1024 -w RU,50 -z 16 -d 30
# Aerie runs from bin/aerie on port 3000, the null node on 3100; both are stopped at the end.
# The null node answers reads with a record of the load's object size and bins, so the client does
# the same work per request against both; NULL_OBJECT_SIZE=0 makes it answer reads with a bare OK
# (the yardstick of the first measurements, which spares the client the reply's bytes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"
aerie_bench_setup
rounds="${1:-2}"
shift || true
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(-k 100000 -o 1024 -w RU,50 -z 16 -d 30 --warmup 5)
out="$(mktemp -d)"
bin/aerie ${AERIE_ARGS:-} > "$out/aerie.log" 2>&1 &
aerie_pid=$!
aerie_load_shape "${opts[@]}"
aerie_start_null_node 3100 "${NULL_OBJECT_SIZE:-$size}" "$bins" "$out/null.log"
null_pid=$!
trap 'kill $aerie_pid $null_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q "ready" "$out/aerie.log" 2>/dev/null && grep -q listening "$out/null.log" 2>/dev/null && break; sleep 0.2; done
bin/aerie-load -p 3000 -w I -k "$keys" -o "$size" -z 16 > "$out/insert.txt"
for r in $(seq "$rounds"); do
    for target in null aerie; do
        port=3000; [ "$target" = null ] && port=3100
        bin/aerie-load -p "$port" "${opts[@]}" --json "$out/$target-$r.json" > "$out/$target-$r.txt"
        echo "round $r $target: $(grep 'total  tps' "$out/$target-$r.txt") | $(grep '^  read ' "$out/$target-$r.txt" | sed 's/.*latency us: //')"
    done
done
python3 - "$out" "$rounds" <<'PY'
import json, sys
out, rounds = sys.argv[1], int(sys.argv[2])
tps = {t: [json.load(open(f"{out}/{t}-{r}.json"))["tps"] for r in range(1, rounds + 1)] for t in ("null", "aerie")}
n, a = sum(tps["null"]) / rounds, sum(tps["aerie"]) / rounds
print(f"null node tps {tps['null']} mean {n:.0f}; aerie tps {tps['aerie']} mean {a:.0f}; ratio {a / n:.3f}")
PY
echo "details: $out"
