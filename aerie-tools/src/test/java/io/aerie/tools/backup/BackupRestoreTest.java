package io.aerie.tools.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.backup.AsbReader;
import io.aerie.config.ConfigParser;
import io.aerie.config.NodeConfig;
import io.aerie.server.Aerie;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken under a concurrent write load holds the namespace as of one instant: every write
 * acknowledged before the snapshot was asked for is in it, no write started after it was taken
 * is, and each record is whole. Restored into an empty node it reads back the same.
 */
class BackupRestoreTest {
    private static final int KEYS = 3000;
    private static final int PRELOADED = 2000;
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    private static Bin[] bins(long version, int k) {
        return new Bin[] {
            new Bin("k", k),
            new Bin("ver", version),
            new Bin("tag", "v" + version),
            new Bin("pay", payload(version)),
            new Bin("list", Value.get(List.of(version, "x", List.of(1L, 2L)))),
            new Bin("map", Value.get(Map.of("v", version))),
            new Bin("d", version / 3.0)
        };
    }

    private static byte[] payload(long version) {
        byte[] p = new byte[200 + (int) (version % 300)];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (version * 13 + i);
        }
        return p;
    }

    @Test
    void aBackupUnderLoadIsOneInstantAndRestoresIntoAnEmptyNode() throws Exception {
        NodeConfig device = ConfigParser.parse(
                        "namespace test {\n  storage-engine device {\n    file " + dir.resolve("a.dat")
                                + "\n    filesize 64M\n    write-block-size 256K\n    post-write-cache 0\n  }\n}\n",
                        "a.conf")
                .withServicePort(0);
        // Per key: highest version acknowledged before the snapshot was asked for, and highest
        // version whose write had started when the snapshot was taken. -1 = none.
        AtomicLongArray ackedBefore = new AtomicLongArray(KEYS);
        AtomicLongArray startedBy = new AtomicLongArray(KEYS);
        long[] lastAcked = new long[KEYS];
        long[] lastStarted = new long[KEYS];
        java.util.Arrays.fill(lastAcked, -1);
        java.util.Arrays.fill(lastStarted, -1);
        for (int k = 0; k < KEYS; k++) {
            ackedBefore.set(k, -1);
            startedBy.set(k, -1);
        }
        // Each writer's acknowledged writes, in its order: a snapshot of one instant holds a prefix of each.
        List<List<long[]>> history = new ArrayList<>();
        AtomicBoolean requested = new AtomicBoolean();
        AtomicBoolean taken = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Backup.Result result;
        try (Aerie a = Aerie.start(device);
                AerospikeClient c = new AerospikeClient("127.0.0.1", a.port())) {
            for (int k = 0; k < PRELOADED; k++) {
                c.put(null, new Key("test", "s", k), bins(0, k));
                lastAcked[k] = 0;
                lastStarted[k] = 0;
                ackedBefore.set(k, 0);
                startedBy.set(k, 0);
            }
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) {
                history.add(java.util.Collections.synchronizedList(new ArrayList<>()));
            }
            AtomicLong writes = new AtomicLong();
            for (int t = 0; t < WRITERS; t++) {
                int owner = t;
                writers.add(new Thread(() -> {
                    Random r = new Random(owner);
                    WritePolicy p = new WritePolicy();
                    p.sendKey = true;
                    long version = 0;
                    while (!stop.get()) {
                        int k = owner + WRITERS * r.nextInt(KEYS / WRITERS);
                        version++;
                        lastStarted[k] = version * WRITERS + owner;
                        if (!taken.get()) {
                            startedBy.set(k, lastStarted[k]);
                        }
                        try {
                            c.put(p, new Key("test", "s", k), bins(lastStarted[k], k));
                        } catch (AerospikeException e) {
                            throw new AssertionError("write failed", e);
                        }
                        lastAcked[k] = lastStarted[k];
                        history.get(owner).add(new long[] {k, lastAcked[k]});
                        if (!requested.get()) {
                            ackedBefore.set(k, lastAcked[k]);
                        }
                        writes.incrementAndGet();
                    }
                }));
            }
            writers.forEach(Thread::start);
            while (writes.get() < 3000) {
                Thread.sleep(5);
            }
            result = Backup.run(c, "test", null, file, new Backup.Listener() {
                @Override
                public void snapshotRequested() {
                    requested.set(true);
                }

                @Override
                public void snapshotTaken(long instantMillis, long entries) {
                    taken.set(true);
                }
            });
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
        }
        // What the file holds, checked against the two bounds of the instant.
        long[] backedUp = new long[KEYS];
        long firstGeneration = 0;
        java.util.Arrays.fill(backedUp, -1);
        try (AsbReader reader = new AsbReader(new ByteArrayInputStream(file.toByteArray()))) {
            for (var r = reader.next(); r != null; r = reader.next()) {
                int k = (int) (long) (Long) r.bins().get(0).value();
                long version = (Long) r.bins().get(1).value();
                assertThat(backedUp[k]).as("key %d twice", k).isEqualTo(-1);
                backedUp[k] = version;
                if (r.generation() == 1) {
                    firstGeneration++;
                }
            }
        }
        long present = 0;
        for (int k = 0; k < KEYS; k++) {
            assertThat(backedUp[k])
                    .as("key %d: acknowledged before the snapshot .. started before it was taken", k)
                    .isBetween(ackedBefore.get(k), Math.max(ackedBefore.get(k), startedBy.get(k)));
            if (backedUp[k] >= 0) {
                present++;
            }
        }
        assertThat(result.records()).isEqualTo(present);
        for (List<long[]> ops : history) {
            boolean missed = false;
            int visible = 0;
            for (long[] op : ops) {
                boolean in = backedUp[(int) op[0]] >= op[1];
                assertThat(in && missed)
                        .as("a write is in the backup though an earlier write of the same client is not")
                        .isFalse();
                missed |= !in;
                visible += in ? 1 : 0;
            }
            assertThat(visible).as("writes before the snapshot are in it").isPositive();
            assertThat(missed).as("writes after the snapshot are not").isTrue();
        }

        // Restore into an empty memory node: every backed-up record reads back whole.
        try (Aerie b = Aerie.startEphemeral();
                AerospikeClient c = new AerospikeClient("127.0.0.1", b.port())) {
            Restore.Counts counts = restore(c, file.toByteArray(), Restore.Mode.DEFAULT, true);
            assertThat(counts.restored.get()).isEqualTo(present);
            assertThat(counts.failed.get()).isZero();
            for (int k = 0; k < KEYS; k++) {
                Record r = c.get(null, new Key("test", "s", k));
                if (backedUp[k] < 0) {
                    assertThat(r).isNull();
                    continue;
                }
                long v = backedUp[k];
                assertThat(r.getLong("ver")).isEqualTo(v);
                assertThat(r.getString("tag")).isEqualTo("v" + v);
                assertThat((byte[]) r.getValue("pay")).isEqualTo(payload(v));
                assertThat(r.getList("list")).isEqualTo(List.of(v, "x", List.of(1L, 2L)));
                assertThat(r.getMap("map")).isEqualTo(Map.of("v", v));
                assertThat(r.getDouble("d")).isEqualTo(v / 3.0);
            }
            // asrestore's policies. Restored records start again at generation 1, so restoring the
            // file again writes exactly those whose backed-up generation is greater than 1.
            Restore.Counts again = restore(c, file.toByteArray(), Restore.Mode.DEFAULT, true);
            assertThat(again.fresher.get()).isEqualTo(firstGeneration);
            assertThat(again.restored.get()).isEqualTo(present - firstGeneration);
            Restore.Counts unique = restore(c, file.toByteArray(), Restore.Mode.UNIQUE, true);
            assertThat(unique.existed.get()).isEqualTo(present);
            Restore.Counts replace = restore(c, file.toByteArray(), Restore.Mode.REPLACE, false);
            assertThat(replace.restored.get()).isEqualTo(present);
        }
    }

    @Test
    void theCommandLineToolsBackUpASetAndRestoreItWithASummary() throws Exception {
        Path file = dir.resolve("set.asb");
        java.io.PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            try (Aerie a = Aerie.startEphemeral();
                    AerospikeClient c = new AerospikeClient("127.0.0.1", a.port())) {
                for (int k = 0; k < 100; k++) {
                    c.put(null, new Key("test", "keep", k), new Bin("v", k));
                    c.put(null, new Key("test", "other", k), new Bin("v", k));
                }
                int code = new picocli.CommandLine(new BackupTool())
                        .execute("-p", "" + a.port(), "-n", "test", "-s", "keep", "-o", file.toString());
                assertThat(code).isZero();
            }
            try (Aerie b = Aerie.startEphemeral();
                    AerospikeClient c = new AerospikeClient("127.0.0.1", b.port())) {
                int code =
                        new picocli.CommandLine(new RestoreTool()).execute("-p", "" + b.port(), "-i", file.toString());
                assertThat(code).isZero();
                assertThat(c.get(null, new Key("test", "keep", 42)).getInt("v")).isEqualTo(42);
                assertThat(c.get(null, new Key("test", "other", 42))).isNull();
            }
        } finally {
            System.setErr(err);
        }
        String out = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).contains("backed up 100 records").contains("set keep");
        assertThat(out).contains("restored 100 records").contains("0 failed");
    }

    private static Restore.Counts restore(AerospikeClient c, byte[] file, Restore.Mode mode, boolean generation)
            throws InterruptedException {
        try (AsbReader reader = new AsbReader(new ByteArrayInputStream(file))) {
            return Restore.run(c, reader, mode, generation, 8, () -> System.currentTimeMillis() / 1000, () -> {});
        }
    }
}
