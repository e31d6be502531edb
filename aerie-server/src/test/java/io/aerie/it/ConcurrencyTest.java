package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writes to one record are serialised: no increment is lost, generations count every write. */
class ConcurrencyTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    @Test
    void concurrentIncrementsOfOneBinAreNeverLost() throws Exception {
        Key key = new Key("test", "conc", "counter");
        int threads = 8;
        int perThread = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        NODE.client().operate(null, key, Operation.add(new Bin("n", 1)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        var r = NODE.client().get(null, key);
        assertThat(r.getLong("n")).isEqualTo((long) threads * perThread);
        assertThat(r.generation).isEqualTo(threads * perThread % 0xFFFF);
    }

    @Test
    void concurrentWritersToManyRecordsAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                done.add(pool.submit(() -> {
                    for (int i = base; i < base + 1000; i++) {
                        NODE.client().put(null, new Key("test", "conc-many", i), new Bin("i", i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < 8000; i += 7) {
            assertThat(NODE.client().get(null, new Key("test", "conc-many", i)).getInt("i"))
                    .isEqualTo(i);
        }
        assertThat(NODE.node().namespaces().get("test").sets().get("conc-many").objects())
                .isEqualTo(8000);
    }
}
