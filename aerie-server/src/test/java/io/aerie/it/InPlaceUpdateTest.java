package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Same-size updates rewrite a record in place while reads go on without locks: every read returns
 * one whole version (its bytes all carry the generation it reports), never a mix of two.
 */
class InPlaceUpdateTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    private static byte[] value(long stamp) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        while (b.hasRemaining()) {
            b.putLong(stamp);
        }
        return b.array();
    }

    @Test
    void readsDuringSameSizeUpdatesSeeWholeVersions() throws Exception {
        Key key = new Key("test", "inplace", "hot");
        NODE.client().put(null, key, new Bin("v", value(0)), new Bin("n", 0L));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (!stop.get()) {
                        Record r = NODE.client().get(null, key);
                        long n = r.getLong("n");
                        ByteBuffer v = ByteBuffer.wrap((byte[]) r.getValue("v"));
                        while (v.hasRemaining()) {
                            assertThat(v.getLong())
                                    .as("every word of version %d", n)
                                    .isEqualTo(n);
                        }
                        assertThat(r.generation).isEqualTo((int) (n % 0xFFFF) + 1);
                        reads++;
                    }
                    return reads;
                }));
            }
            for (long n = 1; n <= 3000; n++) {
                NODE.client().put(null, key, new Bin("v", value(n)), new Bin("n", n));
            }
            stop.set(true);
            for (Future<Integer> f : readers) {
                assertThat(f.get()).isPositive();
            }
        } finally {
            pool.shutdown();
        }
        Record last = NODE.client().get(null, key);
        assertThat(last.getLong("n")).isEqualTo(3000);
        assertThat(NODE.node().namespaces().get("test").sets().get("inplace").objects())
                .isEqualTo(1);
    }

    @Test
    void aSizeChangeStillReplacesTheRecordAndKeepsTheAccounting() {
        Key key = new Key("test", "inplace", "grows");
        var ns = NODE.node().namespaces().get("test");
        NODE.client().put(null, key, new Bin("v", new byte[100]));
        long before = ns.usedBytes();
        NODE.client().put(null, key, new Bin("v", new byte[100]));
        assertThat(ns.usedBytes()).as("same size, in place").isEqualTo(before);
        NODE.client().put(null, key, new Bin("v", new byte[300]));
        assertThat(ns.usedBytes()).isEqualTo(before + 200);
        assertThat(((byte[]) NODE.client().get(null, key).getValue("v"))).hasSize(300);
    }
}
