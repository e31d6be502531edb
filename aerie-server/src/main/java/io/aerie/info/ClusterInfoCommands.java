package io.aerie.info;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
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
            registry.register(v, (n, a) -> peers(node));
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
        registry.register("replicas", (n, a) -> replicas(node, namespaces, true));
        registry.register("replicas-all", (n, a) -> replicas(node, namespaces, false));
        registry.register("replicas-master", (n, a) -> replicasMaster(node, namespaces));
        registry.register("cluster-stable", (n, a) -> clusterStable(node, a));
        if (Boolean.getBoolean(NEMESIS_PROPERTY)) {
            registry.register("nemesis-isolate", (n, a) -> isolate(node, a));
        }
        registry.register("cluster-generation", (n, a) -> Integer.toString(node.peersGeneration()));
    }

    /** The system property that enables fault-injection commands (tests and the fault harness only). */
    public static final String NEMESIS_PROPERTY = "aerie.nemesis";

    /** {@code nemesis-isolate:nodes=ID,ID}: drop heartbeat and fabric traffic with those nodes; no nodes heals. */
    private static String isolate(NodeState node, String args) {
        ClusterService c = node.cluster();
        if (c == null) {
            return "ERROR::no cluster";
        }
        String list = InfoRegistry.params(args).getOrDefault("nodes", "");
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (String id : list.split(",")) {
            if (!id.isBlank()) {
                ids.add(Long.parseUnsignedLong(id.trim(), 16));
            }
        }
        c.isolate(ids);
        return "ok";
    }

    /** The cluster key in hex, as Aerospike prints it. */
    static String clusterKey(NodeState node) {
        ClusterService c = node.cluster();
        long key = c == null ? Long.parseUnsignedLong(node.nodeId(), 16) ^ node.startMillis() : c.clusterKey();
        return Long.toHexString(key).toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code cluster-stable:size=N;ignore-migrations=no}: the cluster key once the cluster is whole and settled. */
    private static String clusterStable(NodeState node, String args) {
        java.util.Map<String, String> p = InfoRegistry.params(args);
        ClusterService c = node.cluster();
        if (c == null || node.partitionGeneration() < 0) {
            // Still joining: not ready to serve.
            return "ERROR::unstable-cluster";
        }
        String size = p.get("size");
        if (size != null && !size.equals(Integer.toString(c.view().size()))) {
            return "ERROR::cluster-not-specified-size";
        }
        boolean ignoreMigrations = "yes".equalsIgnoreCase(p.getOrDefault("ignore-migrations", "no"))
                || "true".equalsIgnoreCase(p.getOrDefault("ignore-migrations", "no"));
        if (!c.ready() || c.clusterKey() != c.view().clusterKey() || (!ignoreMigrations && !c.stable())) {
            return "ERROR::unstable-cluster";
        }
        return clusterKey(node);
    }

    /** {@code peers-*}: generation, default port, then each other member with its client addresses. */
    private static String peers(NodeState node) {
        ClusterService c = node.cluster();
        StringJoiner list = new StringJoiner(",", "[", "]");
        if (c != null) {
            for (ClusterService.Peer peer : c.peers()) {
                StringJoiner hosts = new StringJoiner(",", "[", "]");
                for (String h : peer.serviceHosts()) {
                    hosts.add((h.contains(":") ? "[" + h + "]" : h) + ":" + peer.servicePort());
                }
                list.add("[" + Long.toHexString(peer.nodeId()).toUpperCase(java.util.Locale.ROOT) + ",," + hosts + "]");
            }
        }
        return node.peersGeneration() + "," + node.servicePort() + "," + list;
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

    /**
     * Per namespace, regime (AP: 0), the number of copies and one bitmap per copy: column 0 has the
     * partitions this node serves now, column i those it holds a full copy of as replica i.
     */
    private static String replicas(NodeState node, Namespaces namespaces, boolean withRegime) {
        ClusterService c = node.cluster();
        StringJoiner j = new StringJoiner(";");
        for (Namespace ns : namespaces.all()) {
            PartitionStates states = c == null ? null : c.states(ns.name());
            if (states == null) {
                j.add(ns.name() + ":" + (withRegime ? "0," : "") + "1," + fullBitmap());
                continue;
            }
            int columns = states.replicationFactor();
            StringJoiner row = new StringJoiner(",");
            for (int col = 0; col < columns; col++) {
                row.add(bitmap(states, col));
            }
            j.add(ns.name() + ":" + (withRegime ? regime(states) + "," : "") + columns + "," + row);
        }
        return j.toString();
    }

    /** The regime clients see: 0 for AP; for strong consistency at least 1, so they know it is. */
    private static int regime(PartitionStates states) {
        var sc = states.sc();
        return sc == null ? 0 : Math.max(1, sc.regime());
    }

    private static String bitmap(PartitionStates states, int column) {
        byte[] bits = new byte[Partition.COUNT / 8];
        for (int pid = 0; pid < Partition.COUNT; pid++) {
            boolean owned = column == 0 ? states.isMaster(pid) : states.isReplica(pid, column) && states.canRead(pid);
            if (owned) {
                bits[pid >> 3] |= (byte) (0x80 >>> (pid & 7));
            }
        }
        return Base64.getEncoder().encodeToString(bits);
    }

    private static String replicasMaster(NodeState node, Namespaces namespaces) {
        ClusterService c = node.cluster();
        StringJoiner j = new StringJoiner(";");
        for (Namespace ns : namespaces.all()) {
            PartitionStates states = c == null ? null : c.states(ns.name());
            j.add(ns.name() + ":" + (states == null ? fullBitmap() : bitmap(states, 0)));
        }
        return j.toString();
    }
}
