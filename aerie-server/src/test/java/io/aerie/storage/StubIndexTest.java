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

/** The off-heap index behaves as a map from digest to stub, also while readers race a writer. */
class StubIndexTest {
    private static byte[] stub(int key, int generation) {
        byte[] full = Record.allocate(new Digest(key, key * 31L, key), generation, key, key * 7L, 3, 0, 1, 10);
        return Record.stub(full, 0x0100_0000L * (key + 1) + generation);
    }

    @Property(tries = 100)
    void behavesAsAMapFromDigestToStub(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 60) Integer> keys,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 2) Integer> actions) {
        StubIndex index = new StubIndex(new EntryArena());
        Map<Integer, byte[]> model = new HashMap<>();
        for (int i = 0; i < Math.min(keys.size(), actions.size()); i++) {
            int k = keys.get(i);
            Digest d = new Digest(k, k * 31L, k);
            if (actions.get(i) == 0) {
                byte[] removed = index.remove(d.hi(), d.mid(), d.lo());
                byte[] expected = model.remove(k);
                assertThat(removed).isEqualTo(expected);
            } else {
                byte[] s = stub(k, i % 65535 + 1);
                assertThat(index.put(s)).isEqualTo(model.put(k, s));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        for (int k = 0; k <= 60; k++) {
            Digest d = new Digest(k, k * 31L, k);
            assertThat(index.get(d.hi(), d.mid(), d.lo())).isEqualTo(model.get(k));
        }
        assertThat(index.snapshot()).hasSize(model.size());
    }

    @Test
    void readersRacingAWriterSeeOnlyWholeEntriesOfTheirOwnDigest() throws Exception {
        StubIndex index = new StubIndex(new EntryArena());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            readers.add(new Thread(() -> {
                while (!stop.get()) {
                    for (int k = 0; k < 200; k++) {
                        Digest d = new Digest(k, k * 31L, k);
                        byte[] s = index.get(d.hi(), d.mid(), d.lo());
                        if (s != null
                                && (!Record.hasDigest(s, d.hi(), d.mid(), d.lo())
                                        || Record.deviceAddress(s) != 0x0100_0000L * (k + 1) + Record.generation(s))) {
                            failure.compareAndSet(null, new AssertionError("torn or foreign entry for key " + k));
                        }
                    }
                }
            }));
        }
        readers.forEach(Thread::start);
        java.util.Random r = new java.util.Random(1);
        for (int n = 0; n < 200_000; n++) {
            int k = r.nextInt(200);
            if (r.nextInt(3) == 0) {
                Digest d = new Digest(k, k * 31L, k);
                index.remove(d.hi(), d.mid(), d.lo());
            } else {
                index.put(stub(k, n % 65535 + 1));
            }
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(failure.get()).isNull();
    }
}
