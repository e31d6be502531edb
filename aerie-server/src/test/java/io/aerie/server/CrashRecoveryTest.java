package io.aerie.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a node with SIGKILL in the middle of a write and delete load under commit-to-device,
 * restarts it on the same file, and checks every key: each holds its last acknowledged value (or
 * the value of the one operation that was in flight when the process died), no acknowledged delete
 * has come back, and every value read is intact. Three rounds here; {@code bin/crash-test ROUNDS}
 * runs more.
 */
class CrashRecoveryTest {
    private static final int KEYS = 400;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    /** A key's state: deleted or never written ({@code seq < 0}), or holding the value written as {@code seq}. */
    private record State(long seq) {
        static final State ABSENT = new State(-1);
    }

    @Test
    void acknowledgedWritesAndDeletesSurviveSigkill() throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("AERIE_CRASH_ROUNDS", "3"));
        long seed = Long.parseLong(System.getenv().getOrDefault("AERIE_CRASH_SEED", "" + System.nanoTime()));
        Random random = new Random(seed);
        State[] acked = new State[KEYS];
        java.util.Arrays.fill(acked, State.ABSENT);
        State[] inFlight = new State[KEYS];
        long totalAcked = 0;
        int inFlightApplied = 0;
        int inFlightLost = 0;
        for (int round = 0; round < rounds; round++) {
            int port = freePort();
            Path conf = writeConfig(port);
            Process node = startNode(conf, round);
            try (AerospikeClient client = connect(port)) {
                verify(client, acked, inFlight, "round " + round + " (seed " + seed + ")");
                for (int k = 0; k < KEYS; k++) {
                    State seen = read(client, k);
                    if (inFlight[k] != null) {
                        if (seen.equals(inFlight[k]) && !seen.equals(acked[k])) {
                            inFlightApplied++;
                        } else {
                            inFlightLost++;
                        }
                    }
                    acked[k] = seen;
                    inFlight[k] = null;
                }
                totalAcked += load(client, acked, inFlight, random, node, 300 + random.nextInt(1200));
            } finally {
                node.destroyForcibly();
                node.waitFor(30, TimeUnit.SECONDS);
            }
        }
        int port = freePort();
        Process node = startNode(writeConfig(port), rounds);
        try (AerospikeClient client = connect(port)) {
            verify(client, acked, inFlight, "after the last kill (seed " + seed + ")");
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
        System.out.printf(
                "crash test: %d rounds, %d acknowledged operations, in flight at a kill: %d applied, %d not; seed %d%n",
                rounds, totalAcked, inFlightApplied, inFlightLost, seed);
        assertThat(totalAcked).isPositive();
    }

    /** Runs the load until {@code millis} have passed, then kills the node mid-load; returns the acknowledged count. */
    private static long load(
            AerospikeClient client, State[] acked, @Nullable State[] inFlight, Random random, Process node, int millis)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int owner = t;
            long threadSeed = random.nextLong();
            Thread th = new Thread(() -> {
                Random r = new Random(threadSeed);
                WritePolicy wp = new WritePolicy();
                wp.totalTimeout = 3000;
                wp.maxRetries = 0;
                long seq = threadSeed & 0x0FFF_FFFF_FFFFL;
                while (!stop.get()) {
                    int k = owner + THREADS * r.nextInt(KEYS / THREADS);
                    boolean delete = r.nextInt(10) < 3;
                    State next = delete ? State.ABSENT : new State(++seq);
                    inFlight[k] = next;
                    try {
                        if (delete) {
                            client.delete(wp, new Key("test", "crash", k));
                        } else {
                            client.put(wp, new Key("test", "crash", k), bins(k, next.seq()));
                        }
                    } catch (AerospikeException e) {
                        return; // the node died under this operation: it stays in flight
                    }
                    acked[k] = next;
                    inFlight[k] = null;
                    count.incrementAndGet();
                }
            });
            threads.add(th);
            th.start();
        }
        Thread.sleep(millis);
        node.destroyForcibly(); // SIGKILL
        node.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread th : threads) {
            th.join(TimeUnit.SECONDS.toMillis(30));
        }
        return count.get();
    }

    private static Bin[] bins(int key, long seq) {
        return new Bin[] {new Bin("k", key), new Bin("seq", seq), new Bin("p", payload(seq))};
    }

    /** A payload whose length and bytes follow from the sequence number, so a damaged value shows. */
    private static byte[] payload(long seq) {
        byte[] p = new byte[100 + (int) (seq % 2900)];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (seq * 31 + i);
        }
        return p;
    }

    private static State read(AerospikeClient client, int k) {
        Policy p = new Policy();
        p.totalTimeout = 5000;
        Record r = client.get(p, new Key("test", "crash", k));
        if (r == null) {
            return State.ABSENT;
        }
        long seq = r.getLong("seq");
        assertThat(r.getInt("k")).as("key bin of %d", k).isEqualTo(k);
        assertThat((byte[]) r.getValue("p")).as("payload of key %d", k).isEqualTo(payload(seq));
        return new State(seq);
    }

    private static void verify(AerospikeClient client, State[] acked, @Nullable State[] inFlight, String when) {
        for (int k = 0; k < KEYS; k++) {
            State seen = read(client, k);
            State inFlightState = inFlight[k];
            if (inFlightState != null) {
                assertThat(seen)
                        .as("key %d %s: the last acknowledged state or the one in flight", k, when)
                        .isIn(acked[k], inFlightState);
            } else {
                assertThat(seen)
                        .as("key %d %s: the last acknowledged state", k, when)
                        .isEqualTo(acked[k]);
            }
        }
    }

    private Path writeConfig(int port) throws IOException {
        Path conf = dir.resolve("crash.conf");
        Files.writeString(conf, """
                network {
                    service {
                        address 127.0.0.1
                        port %d
                    }
                }
                namespace test {
                    tomb-raider-period 1
                    storage-engine device {
                        file %s
                        filesize 64M
                        write-block-size 128K
                        commit-to-device true
                        defrag-sleep 0
                    }
                }
                """.formatted(port, dir.resolve("crash.dat")));
        return conf;
    }

    private Process startNode(Path conf, int round) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-ea",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--config",
                conf.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("node-" + round + ".log").toFile());
        return pb.start();
    }

    private static AerospikeClient connect(int port) throws InterruptedException {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 1000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new AerospikeClient(policy, "127.0.0.1", port);
            } catch (AerospikeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static final java.util.Set<Integer> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static int freePort() throws IOException {
        return io.aerie.util.FreePorts.pick(TAKEN);
    }
}
