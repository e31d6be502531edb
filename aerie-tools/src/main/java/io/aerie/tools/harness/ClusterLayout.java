package io.aerie.tools.harness;

import io.aerie.config.LoopbackNodeConfig;
import io.aerie.config.LoopbackNodeConfig.Ports;
import io.aerie.util.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where each node of a harness cluster lives: its ports on loopback, its fixed node id and its config file, so a
 * node restarts as the same node on the same ports.
 *
 * @param ports each node's ports, by index
 * @param replicationFactor of namespace {@code test}
 * @param dir the run directory: configs, logs and each node's work directory go under it
 */
public record ClusterLayout(List<Ports> ports, int replicationFactor, Path dir) {
    /** Node ids are {@code A0}, {@code A1}, ... in hex, as the integration tests number them. */
    static final int FIRST_NODE_ID = 0xA0;

    public ClusterLayout {
        ports = List.copyOf(ports);
        if (replicationFactor < 1 || replicationFactor > ports.size()) {
            throw new IllegalArgumentException(
                    "replication factor " + replicationFactor + " needs 1 to " + ports.size() + " nodes");
        }
    }

    /** A layout of {@code nodes} nodes on free ports picked now. */
    public static ClusterLayout allocate(int nodes, int replicationFactor, Path dir) throws IOException {
        List<Ports> ports = new ArrayList<>();
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(new Ports(FreePorts.pick(taken), FreePorts.pick(taken), FreePorts.pick(taken)));
        }
        return new ClusterLayout(ports, replicationFactor, dir);
    }

    /** Number of nodes. */
    public int size() {
        return ports.size();
    }

    /** Node {@code i}'s id, upper-case hex as info commands take it. */
    public String nodeId(int i) {
        return Integer.toHexString(FIRST_NODE_ID + i).toUpperCase(Locale.ROOT);
    }

    /** The ids of the nodes {@code indexes}, comma-separated, as {@code nemesis-isolate} and rosters take them. */
    public String nodeIds(List<Integer> indexes) {
        List<String> ids = new ArrayList<>();
        indexes.forEach(i -> ids.add(nodeId(i)));
        return String.join(",", ids);
    }

    /** Node {@code i}'s config file. */
    public Path configFile(int i) {
        return dir.resolve("node" + i + ".conf");
    }

    /** Node {@code i}'s log, appended to across restarts. */
    public Path logFile(int i) {
        return dir.resolve("node" + i + ".log");
    }

    /** Node {@code i}'s config, in aerospike.conf form: strong consistency on namespace {@code test}, in memory. */
    public String config(int i) {
        Ports p = ports.get(i);
        return new LoopbackNodeConfig(
                        "aerie-harness",
                        FIRST_NODE_ID + i,
                        dir.resolve("node" + i),
                        p,
                        ports.stream().map(Ports::heartbeat).toList(),
                        replicationFactor,
                        true,
                        0)
                .text();
    }
}
