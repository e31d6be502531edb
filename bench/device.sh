#!/usr/bin/env bash
# The device engine on a local file, measured with the load tool:
#   1. insert RECORDS records of SIZE bytes, then a 50/50 read/update load for SECONDS
#      (commit-to-device off), index bytes per record, then a clean stop and a warm restart from
#      the saved index, and a cold start (index image removed, as after a crash);
#   2. the same read/update load with commit-to-device on;
#   3. churn: updates over a file only about twice the data, then device use, free blocks and
#      write amplification from the node's statistics.
# Section 1 runs with a post-write cache of one block, so its heap figure and reads measure the
# index and the file, not the cache.
# Usage: bench/device.sh [records] [size] [seconds]    default: 1000000 1024 20
# The file goes to $AERIE_BENCH_DIR (default: a new temporary directory on local disk).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"
aerie_bench_setup
records="${1:-1000000}"
size="${2:-1024}"
seconds="${3:-20}"
dir="${AERIE_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$dir"
# Every section starts from empty files.
rm -f "$dir"/main.dat "$dir"/commit.dat "$dir"/churn.dat
launcher=""
trap 'stop_node' EXIT

stop_node() {
    if [[ -n "$launcher" ]]; then
        pkill -TERM -f "io.aerie.server.Main --config $dir" 2>/dev/null || true
        wait "$launcher" 2>/dev/null || true
        launcher=""
    fi
}

# start_node NAME FILESIZE_MIB COMMIT [POST_WRITE_CACHE]: writes $dir/NAME.conf and starts a node on it.
start_node() {
    cat > "$dir/$1.conf" <<CONF
namespace test {
	nsup-period 120
	storage-engine device {
		file $dir/$1.dat
		filesize $2M
		commit-to-device $3
		post-write-cache ${4:-256M}
	}
}
CONF
    AERIE_JAVA_OPTS="${AERIE_JAVA_OPTS:-} -Xmx8g" bin/aerie --config "$dir/$1.conf" > "$dir/$1.log" 2>&1 &
    launcher=$!
    for _ in $(seq 3000); do grep -q "ready" "$dir/$1.log" 2>/dev/null && return; sleep 0.2; done
    echo "node did not start; see $dir/$1.log" >&2
    exit 1
}

info() { python3 - "$1" <<'PY'
import socket, struct, sys
s = socket.create_connection(("127.0.0.1", 3000))
body = (sys.argv[1] + "\n").encode()
s.sendall(struct.pack(">Q", (2 << 56) | (1 << 48) | len(body)) + body)
head = s.recv(8, socket.MSG_WAITALL)
n = struct.unpack(">Q", head)[0] & ((1 << 48) - 1)
data = b""
while len(data) < n:
    data += s.recv(n - len(data))
print(data.decode().split("\t", 1)[-1].strip())
PY
}
ns_stat() { info "namespace/test" | tr ';' '\n' | grep "^$1=" | cut -d= -f2; }
pid_of() { pgrep -f "io.aerie.server.Main --config $dir/$1.conf" | head -1; }
heap_kib() { jcmd "$1" GC.run > /dev/null; jcmd "$1" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
summary() { grep -E "^(read|write|total) " "$1" || tail -12 "$1"; }

filesize=$(( (records * (size + 200) * 3 / 1048576 / 8 + 2) * 8 ))
echo "== 1. commit-to-device false: $records records of $size B, file of $filesize MiB in $dir (post-write cache 8 MiB)"
# A post-write cache of one block, so the heap figure is the index's, not the cache's.
start_node main "$filesize" false 8M
pid="$(pid_of main)"
heap0=$(heap_kib "$pid"); rss0=$(rss_kib "$pid")
bin/aerie-load -w I -k "$records" -o "$size" -z 16 > "$dir/insert.txt"
echo "-- insert"; summary "$dir/insert.txt"
heap1=$(heap_kib "$pid"); rss1=$(rss_kib "$pid")
echo "index per record: off heap $(( $(ns_stat index_used_bytes) / records )) B (index_used_bytes), heap $(( (heap1 - heap0) * 1024 / records )) B (after a full GC), RSS $(( (rss1 - rss0) * 1024 / records )) B"
bin/aerie-load -w RU,50 -k "$records" -o "$size" -z 16 -d "$seconds" --warmup 5 > "$dir/ru.txt"
echo "-- read/update 50/50"; summary "$dir/ru.txt"
echo "device: used $(ns_stat data_used_bytes) of $(ns_stat data_total_bytes) B, device reads $(ns_stat device_reads)"
stop_node
start_node main "$filesize" false 8M
echo "restart after a clean stop: $(grep -o 'warm restart took.*\|cold start read.*' "$dir/main.log"), $(ns_stat cold_start_ms) ms"
stop_node
rm -f "$dir/main.dat.aerie-index"
start_node main "$filesize" false 8M
echo "restart without the saved index (as after a crash): $(grep -o 'cold start read.*' "$dir/main.log")"
stop_node

keys=$(( records < 100000 ? records : 100000 ))
echo "== 2. commit-to-device true: read/update 50/50 over $keys keys"
start_node commit "$filesize" true
bin/aerie-load -w I -k "$keys" -o "$size" -z 16 > "$dir/commit-insert.txt"
bin/aerie-load -w RU,50 -k "$keys" -o "$size" -z 16 -d "$seconds" --warmup 5 > "$dir/commit-ru.txt"
echo "-- read/update 50/50"; summary "$dir/commit-ru.txt"
echo "device forces (fsyncs): $(ns_stat device_forces)"
stop_node

churn_keys=$(( records / 4 ))
churn_size=$(( (churn_keys * (size + 200) * 3 / 1048576 / 8 + 4) * 8 ))
echo "== 3. churn: $churn_keys keys of $size B updated for $((seconds * 2)) s in a file of $churn_size MiB (about 3x the data)"
start_node churn "$churn_size" false
bin/aerie-load -w I -k "$churn_keys" -o "$size" -z 16 > "$dir/churn-insert.txt"
# Writes refused while defragmentation catches up (stop-writes, code 8) show in the summary.
bin/aerie-load -w RU,0 -k "$churn_keys" -o "$size" -z 16 -d "$((seconds * 2))" > "$dir/churn.txt" || true
echo "-- updates"; summary "$dir/churn.txt"
for s in data_used_bytes data_total_bytes data_used_pct data_avail_pct free_wblocks defrag_reads defrag_writes device_write_amplification; do
    echo "$s=$(ns_stat $s)"
done
stop_node
