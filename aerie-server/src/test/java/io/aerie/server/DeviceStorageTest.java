package io.aerie.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.config.ConfigParser;
import io.aerie.config.NodeConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records on storage files outlive the node: writes, deletes and truncates hold across restarts. */
class DeviceStorageTest {
    @TempDir
    Path dir;

    private NodeConfig config(String extra) {
        return ConfigParser.parse(
                        "namespace test {\n  storage-engine device {\n    file " + dir.resolve("test.dat")
                                + "\n    filesize 16M\n    write-block-size 128K\n    flush-max-ms 20\n    post-write-cache 0\n"
                                + extra
                                + "  }\n}\n",
                        "device.conf")
                .withServicePort(0);
    }

    private static AerospikeClient client(Aerie node) {
        return new AerospikeClient("127.0.0.1", node.port());
    }

    @Test
    void writesDeletesAndTruncatesHoldAcrossARestart() {
        NodeConfig config = config("");
        Map<Integer, Long> expected = new HashMap<>();
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            WritePolicy sendKey = new WritePolicy();
            sendKey.sendKey = true;
            for (int i = 0; i < 1000; i++) {
                c.put(sendKey, new Key("test", "s", i), new Bin("v", (long) i), new Bin("name", "n" + i));
                expected.put(i, (long) i);
            }
            for (int i = 0; i < 1000; i += 3) {
                c.put(sendKey, new Key("test", "s", i), new Bin("v", i * 10L));
                expected.put(i, i * 10L);
            }
            for (int i = 0; i < 1000; i += 7) {
                c.delete(null, new Key("test", "s", i));
                expected.remove(i);
            }
            // Deleted then written again: the new record, not the tombstone, must win.
            c.put(sendKey, new Key("test", "s", 7), new Bin("v", 777L));
            expected.put(7, 777L);
            for (int i = 0; i < 50; i++) {
                c.put(null, new Key("test", "gone", i), new Bin("v", i));
            }
            assertThat(Info.request(c.getNodes()[0], "truncate:namespace=test;set=gone"))
                    .isEqualTo("ok");
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 1000; i++) {
                Record r = c.get(null, new Key("test", "s", i));
                if (expected.containsKey(i)) {
                    assertThat(r).as("record %d", i).isNotNull();
                    assertThat(r.getLong("v")).as("record %d", i).isEqualTo(expected.get(i));
                } else {
                    assertThat(r).as("deleted record %d", i).isNull();
                }
            }
            assertThat(c.get(null, new Key("test", "s", 1)).getString("name")).isEqualTo("n1");
            for (int i = 0; i < 50; i++) {
                assertThat(c.get(null, new Key("test", "gone", i)))
                        .as("truncated %d", i)
                        .isNull();
            }
            assertThat(node.namespaces().get("test").objects()).isEqualTo(expected.size());
            assertThat(stat(node.info("namespace/test"), "device_reads"))
                    .as("reads after a restart come from the file")
                    .isPositive();
        }
    }

    @Test
    void aDurableDeletesTombstoneOutlivesARestartAndKeepsTheGenerationGoing() {
        NodeConfig config = config("");
        WritePolicy durable = new WritePolicy();
        durable.durableDelete = true;
        Key key = new Key("test", "tomb", 1);
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            c.put(null, key, new Bin("v", 1));
            c.put(null, key, new Bin("v", 2));
            assertThat(c.delete(durable, key)).isTrue();
            c.put(null, new Key("test", "tomb", 2), new Bin("v", 1));
            assertThat(stat(node.info("namespace/test"), "tombstones")).isEqualTo(1);
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            assertThat(c.get(null, key)).isNull();
            assertThat(stat(node.info("namespace/test"), "tombstones")).isEqualTo(1);
            assertThat(stat(node.info("namespace/test"), "objects")).isEqualTo(1);
            c.put(null, key, new Bin("v", 3));
            Record r = c.get(null, key);
            assertThat(r.getInt("v")).isEqualTo(3);
            assertThat(r.generation).as("after 2 writes and the tombstone").isEqualTo(4);
            assertThat(stat(node.info("namespace/test"), "tombstones")).isZero();
        }
    }

    @Test
    void aMemoryNamespaceWithStorageFilesKeepsItsRecordsAcrossARestart() {
        NodeConfig config = ConfigParser.parse(
                        "namespace test {\n  storage-engine memory {\n    file " + dir.resolve("mem.dat")
                                + "\n    filesize 64M\n  }\n}\n",
                        "memory.conf")
                .withServicePort(0);
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 300; i++) {
                c.put(null, new Key("test", null, i), new Bin("v", "value-" + i));
            }
            c.delete(null, new Key("test", null, 5));
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 300; i++) {
                Record r = c.get(null, new Key("test", null, i));
                if (i == 5) {
                    assertThat(r).isNull();
                } else {
                    assertThat(r.getString("v")).isEqualTo("value-" + i);
                }
            }
        }
    }

    @Test
    void readersRacingWritersAndDefragmentationAlwaysSeeWholeRecords() throws Exception {
        NodeConfig config = config("    defrag-sleep 0\n");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        java.util.List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            java.util.List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                threads.add(new Thread(() -> {
                    Random r = new Random(seed);
                    for (int n = 0; n < 3000 && failures.isEmpty(); n++) {
                        int k = r.nextInt(50);
                        int v = r.nextInt(1_000_000);
                        try {
                            c.put(null, new Key("test", "race", k), new Bin("v", v), new Bin("p", stamped(v)));
                        } catch (AerospikeException e) {
                            if (e.getResultCode() != ResultCode.DEVICE_OVERLOAD
                                    && e.getResultCode() != ResultCode.SERVER_MEM_ERROR) {
                                failures.add(e);
                            }
                        }
                    }
                }));
            }
            for (int t = 0; t < 2; t++) {
                threads.add(new Thread(() -> {
                    Random r = new Random();
                    while (!stop.get() && failures.isEmpty()) {
                        Record rec = c.get(null, new Key("test", "race", r.nextInt(50)));
                        if (rec != null) {
                            int v = rec.getInt("v");
                            if (!java.util.Arrays.equals((byte[]) rec.getValue("p"), stamped(v))) {
                                failures.add(new AssertionError("record with v=" + v + " has another payload"));
                            }
                            reads.incrementAndGet();
                        }
                    }
                }));
            }
            for (int t = 0; t < 3; t++) {
                threads.get(t).start();
            }
            threads.get(3).start();
            threads.get(4).start();
            for (int t = 0; t < 3; t++) {
                threads.get(t).join();
            }
            stop.set(true);
            threads.get(3).join();
            threads.get(4).join();
            assertThat(failures).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(stat(node.info("namespace/test"), "defrag_reads")).isPositive();
        }
    }

    /** 3 KB whose bytes follow from {@code v}. */
    private static byte[] stamped(int v) {
        byte[] p = new byte[3000];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (v * 7 + i);
        }
        return p;
    }

    @Test
    void commitToDeviceAcknowledgesOnlyDurableWritesAndTheyReadBackAfterRestart() throws Exception {
        NodeConfig config = config("    commit-to-device true\n");
        int writers = 4;
        int perWriter = 200;
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            Thread[] threads = new Thread[writers];
            for (int t = 0; t < writers; t++) {
                int base = t * perWriter;
                threads[t] = new Thread(() -> {
                    for (int i = base; i < base + perWriter; i++) {
                        c.put(null, new Key("test", "c", i), new Bin("v", i));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(node.info("namespace/test")).contains("device_forces=");
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < writers * perWriter; i++) {
                assertThat(c.get(null, new Key("test", "c", i)).getInt("v")).isEqualTo(i);
            }
        }
    }

    @Test
    void churnIsDefragmentedSoTheFileNeverFillsAndTheLastValuesSurvive() {
        NodeConfig config = config("    defrag-sleep 0\n");
        Random random = new Random(42);
        Map<Integer, Integer> last = new HashMap<>();
        byte[] payload = new byte[2000];
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            // 16 MiB of file, 200 keys of 2 KB: about 40 MB written, over twice the file.
            for (int n = 0; n < 20_000; n++) {
                int k = random.nextInt(200);
                payload[0] = (byte) n;
                try {
                    c.put(null, new Key("test", "churn", k), new Bin("n", n), new Bin("p", payload));
                    last.put(k, n);
                } catch (AerospikeException e) {
                    assertThat(e.getResultCode())
                            .as("only a momentary stop-writes may refuse a write")
                            .isIn(ResultCode.DEVICE_OVERLOAD, ResultCode.SERVER_MEM_ERROR);
                }
            }
            String stats = node.info("namespace/test");
            assertThat(stat(stats, "defrag_reads")).isPositive();
            assertThat(stat(stats, "free_wblocks")).isPositive();
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (Map.Entry<Integer, Integer> e : last.entrySet()) {
                assertThat(c.get(null, new Key("test", "churn", e.getKey())).getInt("n"))
                        .isEqualTo(e.getValue());
            }
            assertThat(node.namespaces().get("test").objects()).isEqualTo(last.size());
        }
    }

    @Test
    void flippedBytesInTheFileCostOnlyTheRecordsTheyHitAndAreLoggedWithTheirPlace() throws Exception {
        NodeConfig config = config("");
        byte[] payload = new byte[1000];
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 500; i++) {
                java.util.Arrays.fill(payload, (byte) i);
                c.put(null, new Key("test", "s", i), new Bin("i", i), new Bin("p", payload));
            }
        }
        Path file = dir.resolve("test.dat");
        // As after a crash: no saved index, so the start reads (and checks) every block.
        java.nio.file.Files.delete(dir.resolve("test.dat.aerie-index"));
        // Past the header, the block table and the first data block's start.
        long dataStart = (1 << 20) + (1 << 18);
        long[] flips = {dataStart + 10_000, dataStart + 200_000, dataStart + 300_000};
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            for (long at : flips) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                ch.read(b, at);
                b.put(0, (byte) (b.get(0) ^ 0x5A));
                b.rewind();
                ch.write(b, at);
            }
        }
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger(io.aerie.storage.device.DeviceStore.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        log.addAppender(captured);
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            int missing = 0;
            for (int i = 0; i < 500; i++) {
                Record r = c.get(null, new Key("test", "s", i));
                if (r == null) {
                    missing++;
                    continue;
                }
                java.util.Arrays.fill(payload, (byte) i);
                assertThat(r.getInt("i")).isEqualTo(i);
                assertThat((byte[]) r.getValue("p"))
                        .as("record %d is served intact", i)
                        .isEqualTo(payload);
            }
            List<String> lines = captured.list.stream()
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(file.toString()) && m.contains("block"))
                    .toList();
            assertThat(missing)
                    .as("each flipped byte costs at most the record it hit")
                    .isBetween(1, flips.length);
            assertThat(lines).as("every damaged place is logged").hasSize(missing);
        } finally {
            log.detachAppender(captured);
        }
    }

    @Test
    void writesStopAtStopWritesUsedPctOfTheFilesWithCodeEightAndDeletesGoOn() {
        NodeConfig config = config("    stop-writes-used-pct 10\n");
        byte[] payload = new byte[4000];
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            int written = 0;
            AerospikeException refused = null;
            for (int i = 0; i < 2000 && refused == null; i++) {
                try {
                    c.put(null, new Key("test", "full", i), new Bin("p", payload));
                    written++;
                } catch (AerospikeException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("writes stop near 10%% of 15 MiB").isNotNull();
            assertThat(refused.getResultCode()).isEqualTo(ResultCode.SERVER_MEM_ERROR);
            assertThat(written).isBetween(300, 500);
            assertThat(stat(node.info("namespace/test"), "data_used_pct")).isGreaterThanOrEqualTo(10);
            assertThat(node.info("namespace/test")).contains("stop_writes=true");
            assertThat(c.get(null, new Key("test", "full", 0)))
                    .as("reads go on")
                    .isNotNull();
            for (int i = 0; i < written; i += 2) {
                c.delete(null, new Key("test", "full", i));
            }
            c.put(null, new Key("test", "full", 0), new Bin("p", payload));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lz4", "snappy", "zstd"})
    void compressedRecordsAreSmallerOnTheFileAndReadBackWholeAfterChurnAndRestart(String codec) {
        NodeConfig config = config("    compression " + codec + "\n    defrag-sleep 0\n");
        byte[] text = "the quick brown fox jumps over the lazy dog; "
                .repeat(60)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int n = 0; n < 4000; n++) {
                int k = n % 300;
                c.put(null, new Key("test", "z", k), new Bin("n", n), new Bin("t", text));
            }
            double ratio = Double.parseDouble(
                    node.info("namespace/test").replaceAll(".*data_compression_ratio=([0-9.]+).*", "$1"));
            assertThat(ratio).as("stored / plain bytes").isLessThan(0.5);
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int k = 0; k < 300; k++) {
                Record r = c.get(null, new Key("test", "z", k));
                assertThat(r.getInt("n") % 300).isEqualTo(k);
                assertThat((byte[]) r.getValue("t")).isEqualTo(text);
            }
        }
    }

    @Test
    void aRecordLargerThanAWriteBlockIsRefusedWithRecordTooBig() {
        try (Aerie node = Aerie.start(config(""));
                AerospikeClient c = client(node)) {
            AerospikeException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    AerospikeException.class,
                    () -> c.put(null, new Key("test", "big", 1), new Bin("p", new byte[200 * 1024])));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.RECORD_TOO_BIG);
            c.put(null, new Key("test", "big", 2), new Bin("p", new byte[100 * 1024]));
            assertThat(c.get(null, new Key("test", "big", 2))).isNotNull();
        }
    }

    @Test
    void aRecordDamagedOnTheFileWhileTheNodeRunsIsAnErrorNotAHang() throws Exception {
        byte[] marker = "MARKER-".repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Aerie node = Aerie.start(config(""));
                AerospikeClient c = client(node)) {
            c.put(null, new Key("test", "s", 1), new Bin("p", marker));
            for (int i = 0; i < 300; i++) {
                // Fill the block so the record's block is written and leaves the post-write cache.
                c.put(null, new Key("test", "fill", i), new Bin("p", new byte[1000]));
            }
            Thread.sleep(200);
            byte[] file = java.nio.file.Files.readAllBytes(dir.resolve("test.dat"));
            int at = indexOf(file, marker);
            assertThat(at).as("the record is on the file").isPositive();
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                    dir.resolve("test.dat"), java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~file[at + 50]}), at + 50);
            }
            com.aerospike.client.policy.Policy p = new com.aerospike.client.policy.Policy();
            p.totalTimeout = 3000;
            p.maxRetries = 0;
            Record r = null;
            try {
                r = c.get(p, new Key("test", "s", 1));
            } catch (AerospikeException e) {
                assertThat(e.getResultCode()).isNotEqualTo(ResultCode.TIMEOUT);
            }
            assertThat(r).as("a damaged copy is never served").isNull();
            assertThat(c.get(null, new Key("test", "fill", 7)))
                    .as("the node goes on serving")
                    .isNotNull();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void stampsKeepRisingAcrossRestartsAfterEveryBlockWasFreed() throws Exception {
        io.aerie.util.ManualClock clock = new io.aerie.util.ManualClock(System.currentTimeMillis());
        NodeConfig config = ConfigParser.parse(
                        "namespace test {\n  nsup-period 1\n  storage-engine device {\n    file " + dir.resolve("t.dat")
                                + "\n    filesize 16M\n    write-block-size 128K\n    defrag-sleep 0\n  }\n}\n",
                        "stamps.conf")
                .withServicePort(0);
        com.aerospike.client.policy.WritePolicy ttl = new com.aerospike.client.policy.WritePolicy();
        ttl.expiration = 100;
        try (Aerie node = Aerie.start(config, clock);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 600; i++) {
                c.put(ttl, new Key("test", "t", i), new Bin("p", new byte[2000]));
            }
        }
        clock.advanceMillis(3_600_000);
        try (Aerie node = Aerie.start(config, clock)) {
            // Everything expired: cold start drops it and defragmentation frees every block.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (stat(node.info("namespace/test"), "defrag_q") > 0
                    || stat(node.info("namespace/test"), "data_used_bytes") > 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(200);
        }
        try (Aerie node = Aerie.start(config, clock);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 10; i++) {
                c.put(null, new Key("test", "new", i), new Bin("v", i));
            }
        }
        try (Aerie node = Aerie.start(config, clock);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 10; i++) {
                assertThat(c.get(null, new Key("test", "new", i)))
                        .as("record %d", i)
                        .isNotNull();
            }
            for (int i = 0; i < 600; i++) {
                assertThat(c.get(null, new Key("test", "t", i)))
                        .as("expired %d", i)
                        .isNull();
            }
        }
    }

    @Test
    void theTombRaiderDropsTombstonesThatHideNothingSoDeletesDoNotFillTheFile() throws Exception {
        NodeConfig config = config("    defrag-sleep 0\n");
        byte[] payload = new byte[1500];
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            // Cold records that are never updated keep their old block in use.
            for (int i = 0; i < 60; i++) {
                c.put(null, new Key("test", "cold", i), new Bin("p", payload));
            }
            // Sessions: created and deleted again and again.
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 200; i++) {
                    c.put(null, new Key("test", "session", round * 1000 + i), new Bin("p", payload));
                }
                for (int i = 0; i < 200; i++) {
                    c.delete(null, new Key("test", "session", round * 1000 + i));
                }
            }
            io.aerie.storage.device.DeviceStore store = java.util.Objects.requireNonNull(
                    node.namespaces().get("test").store());
            long before = stat(node.info("namespace/test"), "data_used_bytes");
            long dropped = store.raidTombstones();
            long after = stat(node.info("namespace/test"), "data_used_bytes");
            assertThat(dropped)
                    .as("tombstones whose records are gone from every block in use")
                    .isPositive();
            assertThat(after).isLessThan(before);
            assertThat(stat(node.info("namespace/test"), "tombstones_dropped")).isEqualTo(dropped);
            Thread.sleep(500); // defragmentation reaches the thinned blocks
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 60; i++) {
                assertThat(c.get(null, new Key("test", "cold", i)))
                        .as("cold %d", i)
                        .isNotNull();
            }
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 200; i++) {
                    assertThat(c.get(null, new Key("test", "session", round * 1000 + i)))
                            .as("deleted session %d", round * 1000 + i)
                            .isNull();
                }
            }
        }
    }

    @Test
    void aCleanShutdownSavesTheIndexSoTheNextStartIsWarmAndADamagedImageFallsBackToACold() throws Exception {
        NodeConfig config = config("");
        Path image = dir.resolve("test.dat.aerie-index");
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            for (int i = 0; i < 500; i++) {
                c.put(null, new Key("test", i % 2 == 0 ? "even" : "odd", i), new Bin("v", i));
            }
            for (int i = 0; i < 500; i += 5) {
                c.delete(null, new Key("test", i % 2 == 0 ? "even" : "odd", i));
            }
            assertThat(node.info("namespace/test")).contains("warm_restart=false");
        }
        assertThat(image).exists();
        for (int round = 0; round < 2; round++) {
            try (Aerie node = Aerie.start(config);
                    AerospikeClient c = client(node)) {
                assertThat(node.info("namespace/test")).contains("warm_restart=" + (round == 0));
                assertThat(image).as("an image is taken once").doesNotExist();
                for (int i = 0; i < 500; i++) {
                    Record r = c.get(null, new Key("test", i % 2 == 0 ? "even" : "odd", i));
                    if (i % 5 == 0) {
                        assertThat(r).as("deleted %d", i).isNull();
                    } else {
                        assertThat(r.getInt("v")).isEqualTo(i);
                    }
                }
                assertThat(node.info("sets/test/even")).contains("objects=" + (200 + round));
                c.put(null, new Key("test", "even", 1000 + round), new Bin("v", round));
            }
            // Damage the image the second shutdown saved: the next start must not trust it.
            byte[] bytes = java.nio.file.Files.readAllBytes(image);
            bytes[bytes.length / 2] ^= 0x40;
            java.nio.file.Files.write(image, bytes);
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient c = client(node)) {
            assertThat(node.info("namespace/test")).contains("warm_restart=false");
            assertThat(c.get(null, new Key("test", "even", 1001)).getInt("v")).isEqualTo(1);
        }
    }

    static long stat(String stats, String name) {
        for (String kv : List.of(stats.split(";"))) {
            if (kv.startsWith(name + "=")) {
                return Long.parseLong(kv.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " not in " + stats);
    }
}
