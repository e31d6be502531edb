package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.ConfigParser;
import io.aerie.config.LoopbackNodeConfig;
import io.aerie.server.Aerie;
import io.aerie.util.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Nodes of one cluster in this JVM, each with its own ports on loopback and the first node's
 * heartbeat port as seed. Nodes can stop and start again under the same node id and ports.
 */
final class LocalCluster implements AutoCloseable {
    private final int size;
    private final int replicationFactor;
    private final int[][] ports;
    private final Aerie[] nodes;
    private final Process[] processes;
    private final int[] racks;
    private @Nullable Path processDir;
    private @Nullable Path scDir;

    LocalCluster(int size, int replicationFactor) throws IOException {
        this.size = size;
        this.replicationFactor = replicationFactor;
        this.ports = new int[size][3];
        this.nodes = new Aerie[size];
        this.processes = new Process[size];
        this.racks = new int[size];
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int[] p : ports) {
            for (int i = 0; i < 3; i++) {
                p[i] = FreePorts.pick(taken);
            }
        }
    }

    /** Puts node {@code i} on rack {@code rack} (before it starts). */
    LocalCluster rack(int i, int rack) {
        racks[i] = rack;
        return this;
    }

    /** Makes namespace {@code test} strong-consistency, each node keeping its state under {@code dir}. */
    LocalCluster strongConsistency(Path dir) {
        scDir = dir;
        return this;
    }

    /** Node {@code i}'s config, in aerospike.conf form. */
    String config(int i) {
        Path sc = scDir;
        List<Integer> seeds = new ArrayList<>();
        for (int[] p : ports) {
            seeds.add(p[1]);
        }
        return new LoopbackNodeConfig(
                        "aerie-it",
                        0xA0 + i,
                        sc == null ? null : sc.resolve("node" + i),
                        new LoopbackNodeConfig.Ports(ports[i][0], ports[i][1], ports[i][2]),
                        seeds,
                        replicationFactor,
                        sc != null,
                        racks[i])
                .text();
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

    /** Starts node {@code i} as a process of its own, logging into {@code dir}. */
    void startProcess(int i, Path dir) throws IOException {
        processDir = dir;
        Path conf = dir.resolve("node" + i + ".conf");
        Files.writeString(conf, config(i));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-ea",
                "-Xmx512m",
                "-D" + io.aerie.info.ClusterInfoCommands.NEMESIS_PROPERTY + "=true",
                "-cp",
                System.getProperty("java.class.path"),
                io.aerie.server.Main.class.getName(),
                "--config",
                conf.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(
                dir.resolve("node" + i + ".log").toFile()));
        processes[i] = pb.start();
    }

    /** Kills node {@code i}'s process with SIGKILL. */
    void kill(int i) throws InterruptedException {
        Process p = processes[i];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            processes[i] = null;
        }
    }

    /** Indexes of the nodes running as processes. */
    List<Integer> runningProcesses() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (processes[i] != null && processes[i].isAlive()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Asks process node {@code i} an info command; empty when it does not answer. */
    String info(int i, String command) {
        try {
            return com.aerospike.client.Info.request("127.0.0.1", ports[i][0], command);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Waits until every process node says the cluster has {@code n} nodes and no migration is left. */
    void awaitProcessesStable(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            List<String> keys = new ArrayList<>();
            for (int i : runningProcesses()) {
                keys.add(info(i, "cluster-stable:size=" + n + ";ignore-migrations=no"));
            }
            if (keys.stream().noneMatch(k -> k.isEmpty() || k.startsWith("ERROR"))
                    && keys.stream().distinct().count() == 1) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("cluster state (logs in %s): %s", processDir, keys)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
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
            Process p = processes[i];
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }
}
