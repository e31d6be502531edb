# Shared by the bin/ scripts and .ci/run: locate the repository and a JDK 25, and build on demand.

AERIE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export AERIE_ROOT

# Use $JAVA_HOME when it is JDK 25 or newer, else Temurin 25 where this project's machines keep it.
aerie_find_jdk() {
    local candidate version
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        version="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
        if [ -n "$version" ] && [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "error: Aerie needs JDK 25. Set JAVA_HOME to a JDK 25 (looked in \$JAVA_HOME and /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
    exit 1
}

# Builds MODULE (and what it depends on) when its classes are missing or older than any source.
aerie_build_if_stale() {
    local module="$1" stamp="$AERIE_ROOT/$1/target/.aerie-built"
    if [ ! -f "$stamp" ] || [ -n "$(find "$AERIE_ROOT" -path '*/src/main/*' -newer "$stamp" -print -quit)" ] \
        || [ -n "$(find "$AERIE_ROOT" -name pom.xml -newer "$stamp" -print -quit)" ]; then
        echo "building $module ..." >&2
        (cd "$AERIE_ROOT" && mvn -q -B -Dstyle.color=never -pl "$module" -am package -DskipTests -Dspotless.check.skip=true -Dcheckstyle.skip=true) >&2
        touch "$stamp"
    fi
}

# JVM flags of every node this project starts from a script (Aerie and the null node alike).
# Compact object headers save 4 bytes on every object the index holds. Where the kernel hands out
# transparent huge pages on request, the heap asks for them: a record read is a random access into a
# heap of many MiB (no throughput gain measured on the two-core machine, 0.999 with against without,
# but no cost either). Leak detection (on in tests) costs a stack trace per sampled buffer in production.
aerie_node_jvm_flags() {
    AERIE_NODE_JVM_FLAGS=(-XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED -Dio.netty.leakDetection.level=disabled)
    if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
        AERIE_NODE_JVM_FLAGS+=(-XX:+UseTransparentHugePages)
    fi
}

# For bench/ scripts: JDK, server and tools built, working directory at the repository root.
aerie_bench_setup() {
    aerie_find_jdk
    aerie_build_if_stale aerie-server
    aerie_build_if_stale aerie-tools
    cd "$AERIE_ROOT"
}

# For bench/ scripts: sets keys, size and bins from load-tool options (-k, -o, -b) given as
# arguments, defaulting to the load tool's 100000, 1024 and 1.
aerie_load_shape() {
    keys=100000; size=1024; bins=1
    local args=("$@") i
    for ((i = 0; i < ${#args[@]}; i++)); do
        case "${args[$i]}" in
            -k) keys="${args[$((i + 1))]}" ;;
            -o) size="${args[$((i + 1))]}" ;;
            -b) bins="${args[$((i + 1))]}" ;;
        esac
    done
}

# For bench/ scripts: starts the null node in the background on PORT, answering reads with SIZE
# bytes over BINS bins, logging to LOG; its pid is in $! afterwards.
aerie_start_null_node() {
    aerie_node_jvm_flags
    java "${AERIE_NODE_JVM_FLAGS[@]}" -cp "aerie-tools/target/classes:aerie-tools/target/lib/*" io.aerie.tools.bench.NullNode "$1" "$2" "$3" \
        > "$4" 2>&1 &
}
