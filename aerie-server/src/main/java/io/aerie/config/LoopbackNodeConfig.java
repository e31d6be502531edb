package io.aerie.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The aerospike.conf text of one node of a cluster on loopback, as the integration tests and the
 * fault harness start them: client, mesh heartbeat (100 ms x 10, every node's heartbeat port a
 * seed, so a restarted node finds whoever is up) and fabric on 127.0.0.1, and namespace {@code
 * test} in memory.
 *
 * @param clusterName {@code cluster-name}
 * @param nodeId {@code node-id}
 * @param workDirectory {@code work-directory}; null for the default
 * @param ports the node's own ports
 * @param seedHeartbeatPorts the heartbeat ports of every node of the cluster
 * @param replicationFactor of namespace {@code test}
 * @param strongConsistency whether namespace {@code test} is in strong-consistency mode
 * @param rackId the node's {@code rack-id} in namespace {@code test}
 */
public record LoopbackNodeConfig(
        String clusterName,
        long nodeId,
        @Nullable Path workDirectory,
        Ports ports,
        List<Integer> seedHeartbeatPorts,
        int replicationFactor,
        boolean strongConsistency,
        int rackId) {

    /**
     * One node's ports on loopback.
     *
     * @param service client and info port
     * @param heartbeat mesh heartbeat port
     * @param fabric intra-cluster port
     */
    public record Ports(int service, int heartbeat, int fabric) {}

    public LoopbackNodeConfig {
        seedHeartbeatPorts = List.copyOf(seedHeartbeatPorts);
    }

    /** The config file's text. */
    public String text() {
        StringBuilder seeds = new StringBuilder();
        for (int port : seedHeartbeatPorts) {
            seeds.append("        mesh-seed-address-port 127.0.0.1 ")
                    .append(port)
                    .append('\n');
        }
        Path work = workDirectory;
        return """
                service {
                    cluster-name %s
                    node-id %s
                %s}
                network {
                    service {
                        address 127.0.0.1
                        port %d
                    }
                    heartbeat {
                        mode mesh
                        address 127.0.0.1
                        port %d
                %s        interval 100
                        timeout 10
                    }
                    fabric {
                        address 127.0.0.1
                        port %d
                    }
                }
                namespace test {
                    replication-factor %d
                %s    rack-id %d
                    storage-engine memory {
                        data-size 512M
                    }
                }
                """.formatted(
                        clusterName,
                        Long.toHexString(nodeId).toUpperCase(Locale.ROOT),
                        work == null ? "" : "    work-directory " + work.toAbsolutePath() + "\n",
                        ports.service(),
                        ports.heartbeat(),
                        seeds,
                        ports.fabric(),
                        replicationFactor,
                        strongConsistency ? "    strong-consistency true\n" : "",
                        rackId);
    }
}
