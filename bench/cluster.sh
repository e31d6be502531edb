#!/usr/bin/env bash
# Cluster figures on this machine (client and every node share its cores):
#   1. throughput of one node against a 3-node replication-factor-2 cluster under the same load
#      (default: 100,000 keys of 1 KiB, 50% reads / 50% updates, 16 threads, 20 s);
#   2. the time a 3-node cluster takes to re-replicate RECORDS records (default 1,000,000 of 512 B)
#      after SIGKILL of one node: from the kill until both survivors report cluster-stable with
#      no migration left.
# Usage: bench/cluster.sh [records] [record-bytes]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"
aerie_find_jdk
cd "$AERIE_ROOT"
records="${1:-1000000}"
size="${2:-512}"
out="$(mktemp -d)"
load_opts=(-k 100000 -o 1024 -w RU,50 -z 16 -d 20 --warmup 5)

stable() { # port size
    local answer
    answer="$(bin/aerie-info -p "$1" "cluster-stable:size=$2;ignore-migrations=no" 2>/dev/null || true)"
    [ -n "$answer" ] && [[ "$answer" != *ERROR* ]]
}

start_cluster() { # nodes base-port dir
    bin/aerie-cluster "$1" --base-port "$2" --dir "$3" > "$3.out" 2>&1 &
    for _ in $(seq 600); do
        stable "$2" "$1" && return 0
        sleep 0.2
    done
    echo "cluster of $1 on $2 did not become stable; see $3" >&2
    exit 1
}

trap 'for d in "$out"/c1 "$out"/c3 "$out"/r3; do bin/aerie-cluster stop --dir "$d" > /dev/null 2>&1 || true; done' EXIT

for n in 1 3; do
    port=$((5000 + 100 * n))
    start_cluster "$n" "$port" "$out/c$n"
    bin/aerie-load -p "$port" -w I -k 100000 -o 1024 -z 16 > "$out/insert-$n.txt"
    bin/aerie-load -p "$port" "${load_opts[@]}" --json "$out/load-$n.json" > "$out/load-$n.txt"
    echo "$n node(s): $(grep 'total  tps' "$out/load-$n.txt") | $(grep '^  read ' "$out/load-$n.txt" | sed 's/.*latency us: /read us: /') | $(grep '^  write ' "$out/load-$n.txt" | sed 's/.*latency us: /write us: /')"
    bin/aerie-cluster stop --dir "$out/c$n" > /dev/null
done
python3 - "$out" <<'PY'
import json, sys
one, three = (json.load(open(f"{sys.argv[1]}/load-{n}.json"))["tps"] for n in (1, 3))
print(f"3-node rf2 / 1-node throughput: {three:.0f} / {one:.0f} = {three / one:.2f}")
PY

start_cluster 3 5500 "$out/r3"
bin/aerie-load -p 5500 -w I -k "$records" -o "$size" -z 16 > "$out/insert-r.txt"
echo "loaded: $(grep 'total  tps' "$out/insert-r.txt")"
victim="$(cat "$out/r3/node2.pid")"
t0=$(date +%s.%N)
kill -9 "$victim"
sleep 0.5
until stable 5500 2 && stable 5510 2; do sleep 0.1; done
t1=$(date +%s.%N)
objects=0
for p in 5500 5510; do
    n="$(bin/aerie-info -p "$p" namespace/test | tr ';' '\n' | sed -n 's/^objects=//p')"
    objects=$((objects + n))
done
echo "re-replication of $records records of $size B after SIGKILL of one of 3 nodes: $(python3 -c "print(f'{$t1 - $t0:.1f}')") s (copies on the survivors: $objects, expected $((2 * records)))"
echo "details: $out"
