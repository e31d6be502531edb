#!/usr/bin/env bash
# Loads N records of SIZE bytes into a fresh node and prints heap (after a full GC) and RSS per
# record. Usage: bench/memory.sh [records] [size]     default: 1000000 1024
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"
aerie_bench_setup
records="${1:-1000000}"
size="${2:-1024}"
out="$(mktemp -d)"
cat > "$out/aerospike.conf" <<CONF
namespace test {
	nsup-period 120
	storage-engine memory {
		data-size 8G
	}
}
CONF
AERIE_JAVA_OPTS="${AERIE_JAVA_OPTS:-} -Xmx8g" bin/aerie --config "$out/aerospike.conf" > "$out/aerie.log" 2>&1 &
launcher=$!
trap 'kill $launcher 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "ready" "$out/aerie.log" 2>/dev/null && break; sleep 0.2; done
# bin/aerie execs java: the launcher's pid is the node's (a pgrep could find another node).
pid=$launcher
heap() { jcmd "$pid" GC.run > /dev/null; jcmd "$pid" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
heap0=$(heap); rss0=$(rss)
bin/aerie-load -w I -k "$records" -o "$size" -z 16 > "$out/insert.txt"
grep "write  count" "$out/insert.txt"
heap1=$(heap); rss1=$(rss)
python3 - "$records" "$size" "$heap0" "$heap1" "$rss0" "$rss1" <<'PY'
import sys
n, size, h0, h1, r0, r1 = map(int, sys.argv[1:])
print(f"{n} records of {size} B: heap {(h1 - h0) * 1024 / n:.0f} B/record (used after full GC: {h1 // 1024} MiB),"
      f" RSS {(r1 - r0) * 1024 / n:.0f} B/record (RSS {r1 // 1024} MiB)")
PY
