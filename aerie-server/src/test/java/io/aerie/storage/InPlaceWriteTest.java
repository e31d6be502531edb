package io.aerie.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** In-place writes and lock-free readers: a validated read is never torn. */
class InPlaceWriteTest {
    private static byte[] filled(int size, int generation) {
        byte[] bins = new byte[size];
        Arrays.fill(bins, (byte) generation);
        return bins;
    }

    @Test
    void overwriteKeepsKeyAndDigestAndReplacesTheRest() {
        Digest d = new Digest(5, 6, 7);
        byte[] r = Record.of(d, 1, 100, 1000, 3, new byte[] {3, 'k'}, filled(64, 1), 1);
        assertThat(Record.fitsInPlace(r, 2, 64)).isTrue();
        assertThat(Record.fitsInPlace(r, 0, 66)).as("another key length").isFalse();
        assertThat(Record.fitsInPlace(r, 2, 65)).as("another size").isFalse();
        int seq = Record.readBegin(r);
        Record.overwrite(r, 2, 200, 2000, 1, filled(64, 2));
        assertThat(Record.readValid(r, seq))
                .as("a read spanning the write is invalid")
                .isFalse();
        assertThat(Record.digest(r)).isEqualTo(d);
        assertThat(Record.userKey(r)).containsExactly(3, 'k');
        assertThat(Record.setId(r)).isEqualTo(3);
        assertThat(Record.generation(r)).isEqualTo(2);
        assertThat(Record.voidTime(r)).isEqualTo(200);
        assertThat(Record.lastUpdateTime(r)).isEqualTo(2000);
        assertThat(Arrays.copyOfRange(r, Record.binsOffset(r), r.length)).isEqualTo(filled(64, 2));
        int after = Record.readBegin(r);
        assertThat(after).isNotNegative();
        assertThat(Record.readValid(r, after)).isTrue();
    }

    @Test
    void readersThatValidateNeverSeeAHalfWrittenRecord() throws Exception {
        int size = 4096;
        byte[] r = Record.of(new Digest(1, 2, 3), 1, 0, 1, 0, null, filled(size, 1), 1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong validReads = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread reader = new Thread(() -> {
                byte[] copy = new byte[size];
                while (!stop.get()) {
                    int seq = Record.readBegin(r);
                    if (seq < 0) {
                        retries.incrementAndGet();
                        continue;
                    }
                    int generation = Record.generation(r);
                    long lut = Record.lastUpdateTime(r);
                    System.arraycopy(r, Record.binsOffset(r), copy, 0, size);
                    if (!Record.readValid(r, seq)) {
                        retries.incrementAndGet();
                        continue;
                    }
                    validReads.incrementAndGet();
                    for (byte b : copy) {
                        if (b != (byte) generation || lut != generation) {
                            failure.compareAndSet(
                                    null, "torn read: generation " + generation + ", lut " + lut + ", byte " + b);
                        }
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        int generation = 1;
        for (int i = 0; i < 20_000; i++) {
            generation = Record.nextGeneration(generation);
            Record.overwrite(r, generation, 0, generation, 1, filled(size, generation));
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(validReads.get()).isPositive();
    }
}
