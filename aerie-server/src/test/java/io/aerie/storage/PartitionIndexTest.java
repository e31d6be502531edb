package io.aerie.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The partition index against a plain map model, and under concurrent readers. */
class PartitionIndexTest {
    /** Digests that collide on the index's hash often (few distinct mid/lo values) and differ in hi. */
    private static Digest digest(int key) {
        return new Digest(key * 0x9E3779B97F4A7C15L, key % 7, key % 3);
    }

    private static byte[] record(Digest d, int generation) {
        return Record.of(d, generation, 0, generation, 0, null, new byte[] {(byte) generation}, 0);
    }

    @Property(tries = 300)
    void behavesLikeAMap(@ForAll @Size(max = 400) List<@IntRange(min = -200, max = 200) Integer> ops) {
        Partition p = new Partition(0);
        Map<Digest, Integer> model = new HashMap<>();
        p.lock();
        try {
            int gen = 1;
            for (int op : ops) {
                Digest d = digest(Math.abs(op));
                if (op >= 0) {
                    byte[] old = p.put(record(d, gen));
                    Integer was = model.put(d, gen);
                    assertThat(old == null ? null : Record.generation(old)).isEqualTo(was);
                } else {
                    byte[] old = p.remove(d);
                    Integer was = model.remove(d);
                    assertThat(old == null ? null : Record.generation(old)).isEqualTo(was);
                }
                gen = gen % 60000 + 1;
            }
        } finally {
            p.unlock();
        }
        assertThat(p.size()).isEqualTo(model.size());
        for (int k = 0; k <= 200; k++) {
            Digest d = digest(k);
            byte[] r = p.get(d);
            assertThat(r == null ? null : Record.generation(r)).isEqualTo(model.get(d));
        }
        List<byte[]> ordered = p.recordsAfter(null);
        assertThat(ordered).hasSize(model.size());
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(Record.digest(ordered.get(i - 1))).isLessThan(Record.digest(ordered.get(i)));
        }
        if (!ordered.isEmpty()) {
            Digest middle = Record.digest(ordered.get(ordered.size() / 2));
            assertThat(p.recordsAfter(middle))
                    .allSatisfy(r -> assertThat(Record.digest(r)).isGreaterThan(middle));
        }
    }

    @Test
    void readersNeverMissARecordThatStaysWhileOthersComeAndGo() throws Exception {
        IndexTables tables = new IndexTables();
        Partition p = new Partition(1, tables);
        Digest stable = digest(100_000);
        p.lock();
        try {
            p.put(record(stable, 1));
        } finally {
            p.unlock();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread r = new Thread(() -> {
                while (!stop.get()) {
                    if (p.get(stable) == null) {
                        failure.set("stable record not found");
                    }
                    // The namespace's path, whose mask hint goes stale while the table is rebuilt.
                    if (tables.lookup(1, stable.hi(), stable.mid(), stable.lo()) == null) {
                        failure.set("stable record not found through the index tables");
                    }
                }
            });
            r.start();
            readers.add(r);
        }
        for (int round = 0; round < 200; round++) {
            p.lock();
            try {
                for (int k = 0; k < 200; k++) {
                    p.put(record(digest(k), 1));
                }
                for (int k = 0; k < 200; k++) {
                    p.remove(digest(k));
                }
            } finally {
                p.unlock();
            }
        }
        stop.set(true);
        for (Thread r : readers) {
            r.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(p.size()).isEqualTo(1);
    }

    @Property(tries = 200)
    void aProbeUnderAnyMaskFindsTheDigestsRecordOrNothing(
            @ForAll @IntRange(min = 1, max = 300) int count, @ForAll @IntRange(min = 0, max = 12) int maskBits) {
        IndexTables tables = new IndexTables();
        Partition p = new Partition(5, tables);
        p.lock();
        try {
            for (int k = 0; k < count; k++) {
                p.put(record(digest(k), 1));
            }
        } finally {
            p.unlock();
        }
        byte[][] table = tables.table(5);
        assertThat(table).isNotNull();
        int staleMask = (1 << maskBits) - 1;
        for (int k = 0; k < count + 50; k++) {
            Digest d = digest(k);
            byte[] r = RecordIndex.find(table, staleMask, d.hi(), d.mid(), d.lo());
            if (r != null) {
                assertThat(Record.digest(r)).isEqualTo(d);
            }
            byte[] found = tables.lookup(5, d.hi(), d.mid(), d.lo());
            assertThat(found != null).as("key %d", k).isEqualTo(k < count);
            // The same with the hint left stale: the lookup falls back to the table's own mask.
            tables.setMaskHint(5, staleMask);
            byte[] despiteHint = tables.lookup(5, d.hi(), d.mid(), d.lo());
            tables.setMaskHint(5, table.length - 1);
            assertThat(despiteHint).as("key %d under a stale hint", k).isSameAs(found);
            byte[] home = tables.homeEntry(5, d.mid(), d.lo());
            if (k < count) {
                assertThat(home).isNotNull();
            }
        }
    }

    @Property(tries = 100)
    void tablesStayAtMostHalfFull(@ForAll @IntRange(min = 0, max = 3000) int count) {
        IndexTables tables = new IndexTables();
        Partition p = new Partition(5, tables);
        p.lock();
        try {
            for (int i = 0; i < count; i++) {
                p.put(record(new Digest(i * 0x9E3779B97F4A7C15L, i * 31L, i), 1));
            }
        } finally {
            p.unlock();
        }
        byte[][] table = tables.table(5);
        assertThat(table).isNotNull();
        assertThat(p.size()).isEqualTo(count);
        assertThat(table.length).isGreaterThanOrEqualTo(2 * count);
    }
}
