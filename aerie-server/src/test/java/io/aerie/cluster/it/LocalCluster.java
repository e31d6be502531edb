package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.ConfigParser;
import io.aerie.server.Aerie;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Nodes of one cluster in this JVM, each with its own ports on loopback and the first node's
 * heartbeat port as seed. Nodes can stop and start again under the same node id and ports.
 */
final class LocalCluster implements AutoCloseable {
    private final int size;
    private final int replicationFactor;
    private final int[][] ports;
    private final Aerie[] nodes;

    LocalCluster(int size, int replicationFactor) throws IOException {
        this.size = size;
        this.replicationFactor = replicationFactor;
        this.ports = new int[size][3];
        this.nodes = new Aerie[size];
        for (int[] p : ports) {
            for (int i = 0; i < 3; i++) {
                p[i] = freePort();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Node {@code i}'s config, in aerospike.conf form. */
    String config(int i) {
        return """
                service {
                    cluster-name aerie-it
                    node-id %X
                }
                network {
                    service {
                        address 127.0.0.1
                        port %d
                    }
                    heartbeat {
                        mode mesh
                        address 127.0.0.1
                        port %d
                        mesh-seed-address-port 127.0.0.1 %d
                        interval 100
                        timeout 10
                    }
                    fabric {
                        address 127.0.0.1
                        port %d
                    }
                }
                namespace test {
                    replication-factor %d
                    storage-engine memory {
                        data-size 512M
                    }
                }
                """.formatted(0xA0 + i, ports[i][0], ports[i][1], ports[0][1], ports[i][2], replicationFactor);
    }

    /** Starts node {@code i}. */
    Aerie start(int i) throws Exception {
        nodes[i] = Aerie.start(ConfigParser.parse(config(i), "node" + i + ".conf"));
        return nodes[i];
    }

    /** Starts every node, one after the other. */
    LocalCluster startAll() throws Exception {
        for (int i = 0; i < size; i++) {
            start(i);
        }
        return this;
    }

    /** Stops node {@code i} (its records in memory are gone). */
    void stop(int i) {
        Aerie n = nodes[i];
        if (n != null) {
            n.close();
            nodes[i] = null;
        }
    }

    Aerie node(int i) {
        return nodes[i];
    }

    int servicePort(int i) {
        return ports[i][0];
    }

    List<Aerie> running() {
        List<Aerie> out = new ArrayList<>();
        for (Aerie n : nodes) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    /** Waits until every running node agrees the cluster has {@code n} nodes and no migration is left. */
    void awaitStable(int n) throws InterruptedException {
        awaitAll(
                a -> !a.info("cluster-stable:size=" + n + ";ignore-migrations=no")
                        .startsWith("ERROR"),
                60_000);
        // Every node stable under the same key.
        List<String> keys = running().stream()
                .map(a -> a.info("cluster-stable:size=" + n))
                .distinct()
                .toList();
        assertThat(keys).hasSize(1);
    }

    void awaitAll(Predicate<Aerie> done, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!running().stream().allMatch(done)) {
            assertThat(System.nanoTime())
                    .as(
                            "cluster state: %s",
                            running().stream().map(a -> a.info("statistics")).toList())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < size; i++) {
            stop(i);
        }
    }
}
