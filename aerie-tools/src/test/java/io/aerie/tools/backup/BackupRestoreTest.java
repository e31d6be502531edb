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

    /** What the writers saw around the snapshot, and the backup file. */
    private static final class Observed {
        /** Per key: highest version acknowledged before the snapshot was asked for; -1 = none. */
        final AtomicLongArray ackedBefore = new AtomicLongArray(KEYS);
        /** Per key: highest version whose write had started before the snapshot was taken; -1 = none. */
        final AtomicLongArray startedBy = new AtomicLongArray(KEYS);
        /** Each writer's acknowledged writes (key, version), in its order. */
        final List<List<long[]>> history = new ArrayList<>();

        final AtomicBoolean requested = new AtomicBoolean();
        final AtomicBoolean taken = new AtomicBoolean();
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        long records;

        Observed() {
            for (int k = 0; k < KEYS; k++) {
                ackedBefore.set(k, k < PRELOADED ? 0 : -1);
                startedBy.set(k, k < PRELOADED ? 0 : -1);
            }
            for (int t = 0; t < WRITERS; t++) {
                history.add(java.util.Collections.synchronizedList(new ArrayList<>()));
            }
        }
    }

    @Test
    void aBackupUnderLoadIsOneInstantAndRestoresIntoAnEmptyNode() throws Exception {
        NodeConfig device = ConfigParser.parse(
                        "namespace test {\n  storage-engine device {\n    file " + dir.resolve("a.dat")
                                + "\n    filesize 64M\n    write-block-size 256K\n    post-write-cache 0\n  }\n}\n",
                        "a.conf")
                .withServicePort(0);
        Observed seen = backUpUnderLoad(device);
        long[] backedUp = new long[KEYS];
        java.util.Arrays.fill(backedUp, -1);
        long firstGeneration = 0;
        try (AsbReader reader = new AsbReader(new ByteArrayInputStream(seen.file.toByteArray()))) {
            for (var r = reader.next(); r != null; r = reader.next()) {
                int k = (int) (long) (Long) r.bins().get(0).value();
                assertThat(backedUp[k]).as("key %d twice", k).isEqualTo(-1);
                backedUp[k] = (Long) r.bins().get(1).value();
                firstGeneration += r.generation() == 1 ? 1 : 0;
            }
        }
        long present = checkOneInstant(seen, backedUp);
        assertThat(seen.records).isEqualTo(present);

        // Restore into an empty memory node: every backed-up record reads back whole.
        try (Aerie b = Aerie.startEphemeral();
                AerospikeClient c = new AerospikeClient("127.0.0.1", b.port())) {
            byte[] file = seen.file.toByteArray();
            Restore.Counts counts = restore(c, file, Restore.Mode.DEFAULT, true);
            assertThat(counts.restored.get()).isEqualTo(present);
            assertThat(counts.failed.get()).isZero();
            checkRestored(c, backedUp);
            // asrestore's policies. Restored records start again at generation 1, so restoring the
            // file again writes exactly those whose backed-up generation is greater than 1.
            Restore.Counts again = restore(c, file, Restore.Mode.DEFAULT, true);
            assertThat(again.fresher.get()).isEqualTo(firstGeneration);
            assertThat(again.restored.get()).isEqualTo(present - firstGeneration);
            assertThat(restore(c, file, Restore.Mode.UNIQUE, true).existed.get())
                    .isEqualTo(present);
            assertThat(restore(c, file, Restore.Mode.REPLACE, false).restored.get())
                    .isEqualTo(present);
        }
    }

    /** Four writers update keys (each its own) while a backup of the namespace runs. */
    private static Observed backUpUnderLoad(NodeConfig config) throws Exception {
        Observed seen = new Observed();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        try (Aerie a = Aerie.start(config);
                AerospikeClient c = new AerospikeClient("127.0.0.1", a.port())) {
            for (int k = 0; k < PRELOADED; k++) {
                c.put(null, new Key("test", "s", k), bins(0, k));
            }
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) {
                int owner = t;
                writers.add(new Thread(() -> {
                    Random r = new Random(owner);
                    WritePolicy p = new WritePolicy();
                    p.sendKey = true;
                    for (long n = 1; !stop.get(); n++) {
                        int k = owner + WRITERS * r.nextInt(KEYS / WRITERS);
                        long version = n * WRITERS + owner;
                        if (!seen.taken.get()) {
                            seen.startedBy.set(k, version);
                        }
                        try {
                            c.put(p, new Key("test", "s", k), bins(version, k));
                        } catch (AerospikeException e) {
                            throw new AssertionError("write failed", e);
                        }
                        seen.history.get(owner).add(new long[] {k, version});
                        if (!seen.requested.get()) {
                            seen.ackedBefore.set(k, version);
                        }
                        writes.incrementAndGet();
                    }
                }));
            }
            writers.forEach(Thread::start);
            while (writes.get() < 3000) {
                Thread.sleep(5);
            }
            seen.records = Backup.run(c, "test", null, seen.file, new Backup.Listener() {
                        @Override
                        public void snapshotRequested() {
                            seen.requested.set(true);
                        }

                        @Override
                        public void snapshotTaken(long instantMillis, long entries) {
                            seen.taken.set(true);
                        }
                    })
                    .records();
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
        }
        return seen;
    }

    /**
     * Checks the backup against the instant: per key, between what was acknowledged before and
     * what had started by then; per writer, a prefix of its writes. Returns the records present.
     */
    private static long checkOneInstant(Observed seen, long[] backedUp) {
        long present = 0;
        for (int k = 0; k < KEYS; k++) {
            long low = seen.ackedBefore.get(k);
            assertThat(backedUp[k])
                    .as("key %d: acknowledged before the snapshot .. started before it was taken", k)
                    .isBetween(low, Math.max(low, seen.startedBy.get(k)));
            present += backedUp[k] >= 0 ? 1 : 0;
        }
        for (List<long[]> ops : seen.history) {
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
        return present;
    }

    private static void checkRestored(AerospikeClient c, long[] backedUp) {
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
