package io.aerie.info;

import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.namespace.Nsup;
import io.aerie.util.CitrusleafEpoch;
import io.aerie.util.Clock;
import io.aerie.util.NodeClock;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntSupplier;

/** {@code statistics}, {@code truncate}, the empty-request summary and small node facts. */
final class NodeInfoCommands {
    /** The keys Aerospike 8.1 answers an empty request with, in its order. */
    static final List<String> SUMMARY = List.of(
            "features",
            "node",
            "compatibility-id",
            "edition",
            "build_ee_sha",
            "build_sha",
            "build_arch",
            "build_time",
            "build_os",
            "build",
            "version",
            "statistics",
            "services-alumni",
            "services",
            "partition-generation");

    private NodeInfoCommands() {}

    static void register(
            InfoRegistry registry,
            NodeState node,
            Namespaces namespaces,
            Nsup nsup,
            Clock clock,
            IntSupplier connections) {
        registry.register("statistics", (n, a) -> statistics(node, namespaces, clock, connections));
        if (clock instanceof NodeClock nc && Boolean.getBoolean(ClusterInfoCommands.NEMESIS_PROPERTY)) {
            registry.register("nemesis-clock", (n, a) -> skew(nc, a));
        }
        registry.register("truncate", (n, a) -> truncate(node, namespaces, nsup, clock, InfoRegistry.params(a), false));
        registry.register(
                "truncate-namespace", (n, a) -> truncate(node, namespaces, nsup, clock, InfoRegistry.params(a), true));
        registry.register("truncate-undo", (n, a) -> {
            throw new IllegalArgumentException("truncate-undo is not supported");
        });
        registry.register("compatibility-id", (n, a) -> "1");
        registry.register("build_ee_sha", (n, a) -> "");
        registry.register("build_sha", (n, a) -> "aerie");
        registry.register("build_arch", (n, a) -> System.getProperty("os.arch", "x86_64"));
        registry.register("build_time", (n, a) -> "2026-11-24");
        registry.register("build_os", (n, a) -> "jvm");
        registry.register(
                "release",
                (n, a) -> "edition=Aerospike Community Edition;version=" + ClusterInfoCommands.BUILD + ";os=jvm;arch="
                        + System.getProperty("os.arch", "x86_64") + ";sha=aerie");
        registry.register("sindex", (n, a) -> "");
        registry.register("sindex-list", (n, a) -> "");
        registry.register("udf-list", (n, a) -> "");
        registry.register("jobs", (n, a) -> "");
        registry.register("query-show", (n, a) -> "");
        registry.register("scan-show", (n, a) -> "");
        registry.register("logs", (n, a) -> "0:stderr");
        registry.setSummary(SUMMARY);
    }

    /** {@code nemesis-clock:offset-ms=N}: the node's clock reads N ms off the system's (fault injection). */
    private static String skew(NodeClock clock, String args) {
        String v = InfoRegistry.params(args).get("offset-ms");
        try {
            clock.setOffset(Long.parseLong(v == null ? "" : v.trim()));
            return "ok";
        } catch (NumberFormatException e) {
            return "ERROR::offset-ms must be a whole number of milliseconds";
        }
    }

    private static String statistics(NodeState node, Namespaces namespaces, Clock clock, IntSupplier connections) {
        long objects = 0;
        for (Namespace ns : namespaces.all()) {
            objects += ns.objects();
        }
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        StringJoiner j = new StringJoiner(";");
        var cluster = node.cluster();
        j.add("cluster_size=" + (cluster == null ? 1 : cluster.view().size()));
        j.add("cluster_key=" + ClusterInfoCommands.clusterKey(node));
        j.add("cluster_generation=" + node.peersGeneration());
        j.add("cluster_principal="
                + (cluster == null
                        ? node.nodeId()
                        : Long.toHexString(cluster.view().principal()).toUpperCase(java.util.Locale.ROOT)));
        j.add("cluster_integrity=true");
        j.add("cluster_clock_skew_ms=" + (cluster == null ? 0 : cluster.clockSkewMillis()));
        j.add("cluster_clock_skew_stop_writes_sec=" + (cluster == null ? 0 : cluster.clockSkewStopWritesSeconds()));
        j.add("cluster_is_member=true");
        j.add("cluster_clock_skew_ms=0");
        j.add("uptime=" + Math.max(0, (clock.currentTimeMillis() - node.startMillis()) / 1000));
        j.add("objects=" + objects);
        j.add("client_connections=" + connections.getAsInt());
        j.add("heap_used_bytes=" + heapUsed);
        j.add("heap_total_bytes=" + rt.totalMemory());
        j.add("heap_max_bytes=" + rt.maxMemory());
        int tx = cluster == null ? 0 : cluster.txRemaining();
        int rx = cluster == null ? 0 : cluster.rxRemaining();
        j.add("migrate_allowed=true");
        j.add("migrate_partitions_remaining=" + (tx + rx));
        j.add("migrate_tx_partitions_remaining=" + tx);
        j.add("migrate_rx_partitions_remaining=" + rx);
        return j.toString();
    }

    /**
     * Truncates a set, or a namespace, as of {@code lut} (nanoseconds since 1970, as the client
     * sends it; now when absent). Records written later survive. The sweep runs in the background.
     */
    private static String truncate(
            NodeState node,
            Namespaces namespaces,
            Nsup nsup,
            Clock clock,
            Map<String, String> p,
            boolean wholeNamespace) {
        String nsName = InfoRegistry.param(p, "namespace", "ns");
        Namespace ns = nsName == null ? null : namespaces.get(nsName);
        if (ns == null) {
            throw new IllegalArgumentException("namespace not found");
        }
        String set = wholeNamespace ? null : p.get("set");
        if (!wholeNamespace && (set == null || set.isEmpty())) {
            throw new IllegalArgumentException("missing set");
        }
        long nowMillis = clock.currentTimeMillis();
        long lutMillis = nowMillis;
        String lut = p.get("lut");
        if (lut != null) {
            try {
                lutMillis = Long.parseLong(lut) / 1_000_000L;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("lut is not a number", e);
            }
            if (lutMillis > nowMillis) {
                throw new IllegalArgumentException("lut is in the future");
            }
            if (lutMillis <= CitrusleafEpoch.EPOCH_MILLIS) {
                throw new IllegalArgumentException("lut is before 2010");
            }
        }
        ns.truncate(set, CitrusleafEpoch.millis(lutMillis));
        nsup.sweepSoon(ns);
        var cluster = node.cluster();
        if (cluster != null && !cluster.alone()) {
            // Every member truncates too, as Aerospike's truncate goes through system metadata.
            cluster.broadcastTruncation(
                    new io.aerie.cluster.Metadata.Truncation(ns.name(), set, CitrusleafEpoch.millis(lutMillis)));
        }
        return "ok";
    }
}
