package io.aerie.storage.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every codec gives back the record it was given; only what gets smaller is stored compressed. */
class CompressionTest {
    @Property(tries = 200)
    void expandingTheStoredFormGivesTheRecordBack(
            @ForAll @IntRange(min = 0, max = 5000) int binsSize,
            @ForAll @IntRange(min = 1, max = 255) int period,
            @ForAll boolean random,
            @ForAll @IntRange(min = 0, max = 3) int codecIndex) {
        byte[] bins = new byte[binsSize];
        java.util.Random r = new java.util.Random(binsSize * 31L + period);
        for (int i = 0; i < bins.length; i++) {
            bins[i] = random ? (byte) r.nextInt() : (byte) (i % period);
        }
        byte[] record = Record.of(new Digest(binsSize, period, 7), 3, 99, 12345, 2, null, bins, 1);
        Compression codec = Compression.values()[codecIndex];
        byte[] stored = codec.compress(record, 0);
        Compression used = codec.storedCodec(record, stored);
        assertThat(stored.length).isLessThanOrEqualTo(record.length);
        if (used != Compression.NONE) {
            assertThat(stored.length).isLessThan(record.length);
        }
        assertThat(used.expand(stored, 0, stored.length)).isEqualTo(record);
        if (!random && binsSize > 1000 && codec != Compression.NONE) {
            assertThat(used).as("repetitive bins compress").isEqualTo(codec);
        }
    }
}
