package io.aerie.info;

import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.storage.Partition;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * The commands a client sends to discover and tend a node: identity, features, peers and the
 * partition map. A single node owns every partition of every namespace.
 */
public final class ClusterInfoCommands {
    /** The Aerospike server version we answer as; 4 parts, as the 9.x client requires. */
    public static final String BUILD = "8.1.0.0";

    /** Aerospike 8.1's feature list; the Java client reads pscans, query-show, batch-any, pquery. */
    static final String FEATURES =
            "batch-any;batch-index;blob-bits;cdt-index;cdt-list;cdt-map;cluster-stable;float;geo;"
                    + "sindex-exists;peers;pipelining;pquery;pscans;query-show;relaxed-sc;replicas;replicas-all;replicas-master;"
                    + "replicas-max;truncate-namespace;udf";

    private ClusterInfoCommands() {}

    /** Registers the discovery and tending commands. */
    public static void register(InfoRegistry registry, NodeState node, Namespaces namespaces) {
        registry.register("node", (n, a) -> node.nodeId());
        registry.register("build", (n, a) -> BUILD);
        registry.register("version", (n, a) -> "Aerie " + BUILD);
        registry.register("edition", (n, a) -> "Aerospike Community Edition");
        registry.register("features", (n, a) -> FEATURES);
        registry.register("status", (n, a) -> "ok");
        registry.register("cluster-name", (n, a) -> {
            String name = node.clusterName();
            return name == null ? "null" : name;
        });
        registry.register("user-agent-set", (n, a) -> "ok");
        registry.register("partition-generation", (n, a) -> Integer.toString(node.partitionGeneration()));
        registry.register("rebalance-generation", (n, a) -> Integer.toString(Math.max(node.partitionGeneration(), 0)));
        registry.register("peers-generation", (n, a) -> Integer.toString(node.peersGeneration()));
        for (String v : List.of(
                "peers-clear-std",
                "peers-clear-alt",
                "peers-tls-std",
                "peers-tls-alt",
                "alumni-clear-std",
                "alumni-tls-std")) {
            registry.register(v, (n, a) -> node.peersGeneration() + "," + node.servicePort() + ",[]");
        }
        for (String v : List.of("service-clear-std", "service-clear-alt", "service")) {
            registry.register(v, (n, a) -> services(node));
        }
        registry.register("service-tls-std", (n, a) -> "");
        registry.register("service-tls-alt", (n, a) -> "");
        registry.register("services", (n, a) -> "");
        registry.register("services-alumni", (n, a) -> "");
        registry.register("services-alternate", (n, a) -> "");
        registry.register("namespaces", (n, a) -> String.join(";", namespaces.names()));
        registry.register("replicas", (n, a) -> replicas(namespaces, true));
        registry.register("replicas-all", (n, a) -> replicas(namespaces, false));
        registry.register("replicas-master", (n, a) -> replicasMaster(namespaces));
        registry.register("cluster-stable", (n, a) -> clusterKey(node));
        registry.register("cluster-generation", (n, a) -> "1");
    }

    /** The node's cluster key in hex; a single node keeps one key for its lifetime. */
    static String clusterKey(NodeState node) {
        return Long.toHexString(Long.parseUnsignedLong(node.nodeId(), 16) ^ node.startMillis())
                .toUpperCase(java.util.Locale.ROOT);
    }

    private static String services(NodeState node) {
        StringJoiner j = new StringJoiner(",");
        for (String addr : node.serviceAddresses()) {
            String host = addr.contains(":") ? "[" + addr + "]" : addr;
            j.add(host + ":" + node.servicePort());
        }
        return j.toString();
    }

    /** Every partition owned: 4096 bits set, base64, as each replica column. */
    static String fullBitmap() {
        byte[] bits = new byte[Partition.COUNT / 8];
        java.util.Arrays.fill(bits, (byte) 0xFF);
        return Base64.getEncoder().encodeToString(bits);
    }

    private static String replicas(Namespaces namespaces, boolean withRegime) {
        String bitmap = fullBitmap();
        StringJoiner j = new StringJoiner(";");
        for (Namespace ns : namespaces.all()) {
            // One node: min(replication-factor, cluster size) = 1 column, this node master of all.
            j.add(ns.name() + ":" + (withRegime ? "0," : "") + "1," + bitmap);
        }
        return j.toString();
    }

    private static String replicasMaster(Namespaces namespaces) {
        String bitmap = fullBitmap();
        StringJoiner j = new StringJoiner(";");
        for (Namespace ns : namespaces.all()) {
            j.add(ns.name() + ":" + bitmap);
        }
        return j.toString();
    }
}
