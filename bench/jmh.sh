#!/usr/bin/env bash
# Runs the JMH micro-benchmarks of aerie-bench. Usage: bench/jmh.sh [benchmark-regex] [jmh options...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/lib/common.sh"
aerie_find_jdk
aerie_build_if_stale aerie-bench
cd "$AERIE_ROOT"
exec java -cp "aerie-bench/target/classes:aerie-bench/target/lib/*" org.openjdk.jmh.Main "$@"
