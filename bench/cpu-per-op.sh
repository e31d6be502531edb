#!/usr/bin/env bash
# CPU per request of a server and of the client under one load, split by server thread group
# (event loops, GC, compiler, ...): steadier than throughput on a noisy machine. Usage:
#   bench/cpu-per-op.sh aerie|null [load-tool options...]     default: -k 100000 -o 1024 -w RU,50 -z 16
# Starts a fresh node on port 3000 (Aerie loads the keys first; the null node answers reads with a
# record of the object size), runs the load for 40 s and samples /proc over the 30 s after a warm-up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"
aerie_bench_setup
target="${1:?aerie or null}"
shift
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(-k 100000 -o 1024 -w RU,50 -z 16)
aerie_load_shape "${opts[@]}"
out="$(mktemp -d)"
if [ "$target" = aerie ]; then
    bin/aerie > "$out/server.log" 2>&1 &
    launcher=$!
    for _ in $(seq 100); do grep -q "ready" "$out/server.log" 2>/dev/null && break; sleep 0.1; done
    # bin/aerie execs java: the launcher's pid is the node's (a pgrep could find another node).
    pid=$launcher
    bin/aerie-load -p 3000 -w I -k "$keys" -o "$size" -b "$bins" -z 16 > "$out/insert.txt"
else
    aerie_start_null_node 3000 "$size" "$bins" "$out/server.log"
    launcher=$!
    pid=$launcher
    for _ in $(seq 100); do grep -q "listening" "$out/server.log" 2>/dev/null && break; sleep 0.1; done
fi
trap 'kill $launcher 2>/dev/null || true' EXIT
# Per thread group (name without digits): user and system clock ticks.
threads() {
    for t in /proc/"$pid"/task/*; do
        echo "$(tr -d '0-9# ' < "$t/comm") $(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}')"
    done | awk '{u[$1] += $2; s[$1] += $3} END {for (k in u) print k, u[k], s[k]}'
}
client_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
bin/aerie-load -p 3000 "${opts[@]}" -d 40 --warmup 5 --json "$out/load.json" > "$out/load.txt" &
load=$!
sleep 8
threads > "$out/t1"; c1=$(client_ticks $load)
sleep 30
threads > "$out/t2"; c2=$(client_ticks $load)
wait $load
python3 - "$out" "$c1" "$c2" "$(getconf CLK_TCK)" <<'PY'
import json, sys
out, c1, c2, hz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def load(f):
    return {l.split()[0]: (int(l.split()[1]), int(l.split()[2])) for l in open(f)}
a, b = load(f"{out}/t1"), load(f"{out}/t2")
tps = json.load(open(f"{out}/load.json"))["tps"]
ops = tps * 30
us = lambda ticks: ticks * 1e6 / hz / ops
tu = ts = 0
for k in sorted(b):
    du, ds = b[k][0] - a.get(k, (0, 0))[0], b[k][1] - a.get(k, (0, 0))[1]
    tu, ts = tu + du, ts + ds
    if du + ds > 0:
        print(f"  {k:20s} user {us(du):5.2f}  sys {us(ds):5.2f} us/request")
print(f"  server total         user {us(tu):5.2f}  sys {us(ts):5.2f} us/request")
print(f"  client (load tool)   {us(c2 - c1):5.2f} us/request at {tps:.0f} requests/s")
PY
