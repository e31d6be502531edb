package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes, replication-factor 2: SIGKILL of each node in turn (in a seeded order), in
 * the middle of a write load, loses no acknowledged write; reads go on once the client has
 * re-tended; the node comes back, migrations finish and every record has its two copies again.
 */
class NodeKillTest {
    private static final int KEYS = 2000;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    @Test
    void sigkillOfAnyNodeLosesNoAcknowledgedWrite() throws Exception {
        long seed = Long.parseLong(System.getenv().getOrDefault("AERIE_KILL_SEED", "" + System.nanoTime()));
        Random random = new Random(seed);
        try (LocalCluster c = new LocalCluster(3, 2)) {
            for (int i = 0; i < 3; i++) {
                c.startProcess(i, dir);
            }
            c.awaitProcessesStable(3, 60_000);
            ClientPolicy policy = new ClientPolicy();
            policy.timeout = 5000;
            // Highest value acknowledged per key; values only grow per key, so a later read shows at least it.
            AtomicLongArray acked = new AtomicLongArray(KEYS);
            AtomicLong ops = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            List<Integer> victims = new ArrayList<>(List.of(0, 1, 2));
            java.util.Collections.shuffle(victims, random);
            try (AerospikeClient client = new AerospikeClient(
                    policy,
                    new Host("127.0.0.1", c.servicePort(0)),
                    new Host("127.0.0.1", c.servicePort(1)),
                    new Host("127.0.0.1", c.servicePort(2)))) {
                // Each node in turn: killed under load, then back.
                for (int victim : victims) {
                    killUnderLoad(c, client, victim, random, acked, ops, failures);
                    String when = "after the kill of node " + victim + " (seed " + seed + ")";
                    c.awaitProcessesStable(2, 60_000);
                    verify(client, acked, when);
                    assertThat(objects(c, (victim + 1) % 3) + objects(c, (victim + 2) % 3))
                            .as("copies %s", when)
                            .isEqualTo(2L * KEYS);

                    c.startProcess(victim, dir);
                    c.awaitProcessesStable(3, 60_000);
                    long copies = 0;
                    for (int i = 0; i < 3; i++) {
                        copies += objects(c, i);
                    }
                    assertThat(copies).as("copies once node %d is back", victim).isEqualTo(2L * KEYS);
                    verify(client, acked, "after node " + victim + " rejoined (seed " + seed + ")");
                }
            }
            System.out.printf(
                    "node kill: victims %s, %d acknowledged writes, %d failed or in doubt, seed %d%n",
                    victims, ops.get(), failures.get(), seed);
            assertThat(ops.get()).isPositive();
        }
    }

    /** Runs the writers, kills {@code victim} with SIGKILL in the middle, and stops them a few seconds later. */
    private static void killUnderLoad(
            LocalCluster c,
            AerospikeClient client,
            int victim,
            Random random,
            AtomicLongArray acked,
            AtomicLong ops,
            AtomicLong failures)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int owner = t;
            Thread th = new Thread(() -> write(client, owner, acked, ops, failures, stop));
            th.start();
            writers.add(th);
        }
        Thread.sleep(1000 + random.nextInt(1000));
        c.kill(victim);
        Thread.sleep(3000);
        stop.set(true);
        for (Thread th : writers) {
            th.join();
        }
    }

    /** Writes ever larger values to this thread's keys until told to stop. */
    private static void write(
            AerospikeClient client,
            int owner,
            AtomicLongArray acked,
            AtomicLong ops,
            AtomicLong failures,
            AtomicBoolean stop) {
        WritePolicy wp = new WritePolicy();
        wp.totalTimeout = 3000;
        wp.maxRetries = 0;
        long value = 0;
        while (!stop.get()) {
            for (int k = owner; k < KEYS && !stop.get(); k += THREADS) {
                value++;
                try {
                    client.put(wp, new Key("test", "kill", k), new Bin("v", value));
                    acked.set(k, value);
                    ops.incrementAndGet();
                } catch (AerospikeException e) {
                    failures.incrementAndGet();
                }
            }
        }
    }

    private static void verify(AerospikeClient client, AtomicLongArray acked, String when) {
        for (int k = 0; k < KEYS; k++) {
            Record r = client.get(null, new Key("test", "kill", k));
            if (acked.get(k) == 0) {
                continue;
            }
            assertThat(r).as("key %d %s", k, when).isNotNull();
            assertThat(r.getLong("v")).as("key %d %s", k, when).isGreaterThanOrEqualTo(acked.get(k));
        }
    }

    private static long objects(LocalCluster c, int node) {
        String ns = c.info(node, "namespace/test");
        for (String kv : ns.split(";", -1)) {
            if (kv.startsWith("objects=")) {
                return Long.parseLong(kv.substring("objects=".length()));
            }
        }
        return 0;
    }
}
