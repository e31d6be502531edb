package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.QueryPolicy;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import com.aerospike.client.query.RecordSet;
import com.aerospike.client.query.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partition scans and queries without a filter, as the official client runs them. */
class ScanTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    private static final int RECORDS = 2000;

    @BeforeAll
    static void load() {
        for (int i = 0; i < RECORDS; i++) {
            NODE.client().put(null, new Key("test", "scan", i), new Bin("i", i), new Bin("pad", "x".repeat(10)));
        }
        NODE.client().put(null, new Key("test", "scan-other", 1), new Bin("i", -1));
    }

    private static Set<Long> scan(ScanPolicy policy, PartitionFilter filter, String... bins) {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        NODE.client().scanPartitions(policy, filter, "test", "scan", (k, r) -> seen.add(r.getLong("i")), bins);
        return seen;
    }

    @Test
    void partitionRangesAndSinglePartitionsCoverTheSetExactly() {
        Set<Long> all = new java.util.HashSet<>();
        all.addAll(scan(new ScanPolicy(), PartitionFilter.range(0, 1000)));
        all.addAll(scan(new ScanPolicy(), PartitionFilter.range(1000, 3096)));
        assertThat(all).hasSize(RECORDS);
        Key probe = new Key("test", "scan", 42);
        Set<Long> one = scan(
                new ScanPolicy(),
                PartitionFilter.id(com.aerospike.client.cluster.Partition.getPartitionId(probe.digest)));
        assertThat(one).contains(42L);
        assertThat(one.size()).isLessThan(20);
    }

    @Test
    void noBinDataAndChosenBins() {
        ScanPolicy headers = new ScanPolicy();
        headers.includeBinData = false;
        AtomicInteger withBins = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        NODE.client().scanAll(headers, "test", "scan", (k, r) -> {
            count.incrementAndGet();
            if (r.bins != null && !r.bins.isEmpty()) {
                withBins.incrementAndGet();
            }
            assertThat(r.generation).isEqualTo(1);
        });
        assertThat(count).hasValue(RECORDS);
        assertThat(withBins).hasValue(0);
        List<Record> chosen = new ArrayList<>();
        NODE.client()
                .scanPartitions(
                        new ScanPolicy(),
                        PartitionFilter.range(0, 200),
                        "test",
                        "scan",
                        (k, r) -> {
                            synchronized (chosen) {
                                chosen.add(r);
                            }
                        },
                        "pad");
        assertThat(chosen).isNotEmpty().allSatisfy(r -> assertThat(r.bins).containsOnlyKeys("pad"));
    }

    @Test
    void recordsPerSecondThrottlesTheScan() {
        ScanPolicy slow = new ScanPolicy();
        slow.recordsPerSecond = 400;
        long start = System.nanoTime();
        Set<Long> seen = scan(slow, PartitionFilter.range(0, 400));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(ms).isGreaterThanOrEqualTo((seen.size() - 1) * 1000L / 400 - 50);
    }

    @Test
    void aQueryWithoutAFilterReturnsTheSet() {
        Statement stmt = new Statement();
        stmt.setNamespace("test");
        stmt.setSetName("scan");
        int n = 0;
        try (RecordSet rs = NODE.client().query(new QueryPolicy(), stmt)) {
            while (rs.next()) {
                n++;
            }
        }
        assertThat(n).isEqualTo(RECORDS);
        Statement missing = new Statement();
        missing.setNamespace("test");
        missing.setSetName("no-such-set");
        try (RecordSet rs = NODE.client().query(new QueryPolicy(), missing)) {
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aLongScanDoesNotStallWrites() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            NODE.client().put(null, new Key("test", "big-scan", i), new Bin("i", i));
        }
        AtomicBoolean scanning = new AtomicBoolean(true);
        AtomicLong scanned = new AtomicLong();
        Thread scanner = new Thread(() -> {
            ScanPolicy p = new ScanPolicy();
            p.recordsPerSecond = 4000;
            NODE.client().scanAll(p, "test", "big-scan", (k, r) -> scanned.incrementAndGet());
            scanning.set(false);
        });
        scanner.start();
        Thread.sleep(200);
        long worst = 0;
        int writesDuringScan = 0;
        for (int i = 0; i < 1000 && scanning.get(); i++) {
            long t0 = System.nanoTime();
            NODE.client().put(null, new Key("test", "during-scan", i), new Bin("i", i));
            worst = Math.max(worst, System.nanoTime() - t0);
            writesDuringScan++;
        }
        assertThat(scanning.get())
                .as("the scan was still running while the writes completed")
                .isTrue();
        assertThat(writesDuringScan).isEqualTo(1000);
        assertThat(worst / 1_000_000).isLessThan(1000);
        scanner.join();
        assertThat(scanned.get()).isEqualTo(20_000);
    }
}
