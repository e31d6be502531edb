package io.aerie.storage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The flat record layout: every field reads back as written, whatever the sizes. */
class RecordLayoutTest {
    @Property(tries = 500)
    void fieldsReadBackAsWritten(
            @ForAll long hi,
            @ForAll long mid,
            @ForAll @IntRange(min = 1, max = 0xFFFF) int generation,
            @ForAll int voidTime,
            @ForAll long lut,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int setId,
            @ForAll @Size(max = 40) byte[] key,
            @ForAll @Size(max = 300) byte[] bins,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int binCount) {
        int lo = (int) (hi ^ mid ^ lut);
        Digest d = new Digest(hi, mid, lo);
        byte[] userKey = key.length == 0 ? null : key;
        byte[] r = Record.of(d, generation, voidTime, lut, setId, userKey, bins, binCount);

        assertThat(Record.digest(r)).isEqualTo(d);
        assertThat(Record.hasDigest(r, hi, mid, lo)).isTrue();
        assertThat(Record.hasDigest(r, hi ^ 1, mid, lo)).isFalse();
        assertThat(Record.generation(r)).isEqualTo(generation);
        assertThat(Record.voidTime(r)).isEqualTo(voidTime);
        assertThat(Record.lastUpdateTime(r)).isEqualTo(lut);
        assertThat(Record.setId(r)).isEqualTo(setId);
        assertThat(Record.binCount(r)).isEqualTo(binCount);
        assertThat(Record.userKey(r)).isEqualTo(userKey);
        assertThat(Record.binsLength(r)).isEqualTo(bins.length);
        byte[] stored = java.util.Arrays.copyOfRange(r, Record.binsOffset(r), r.length);
        assertThat(stored).isEqualTo(bins);
        assertThat(Record.memorySize(r)).isEqualTo(Record.OVERHEAD_BYTES + key.length + bins.length);
        assertThat(Record.keyMatches(r, key, 0, key.length)).isTrue();

        byte[] t = Record.touched(r, Record.nextGeneration(generation), voidTime + 1, lut + 1);
        assertThat(Record.generation(t)).isEqualTo(Record.nextGeneration(generation));
        assertThat(Record.voidTime(t)).isEqualTo(voidTime + 1);
        assertThat(Record.lastUpdateTime(t)).isEqualTo(lut + 1);
        assertThat(java.util.Arrays.copyOfRange(t, Record.binsOffset(t), t.length))
                .isEqualTo(bins);
        assertThat(Record.generation(r)).as("the original is unchanged").isEqualTo(generation);
    }

    @Test
    void keysAreComparedByteForByteAndAMissingKeyMatchesAny() {
        byte[] withKey = Record.of(new Digest(1, 2, 3), 1, 0, 0, 0, new byte[] {3, 'a', 'b'}, new byte[0], 0);
        assertThat(Record.keyMatches(withKey, new byte[] {3, 'a', 'b'}, 0, 3)).isTrue();
        assertThat(Record.keyMatches(withKey, new byte[] {3, 'a', 'c'}, 0, 3)).isFalse();
        assertThat(Record.keyMatches(withKey, new byte[] {3, 'a'}, 0, 2)).isFalse();
        byte[] noKey = Record.of(new Digest(1, 2, 3), 1, 0, 0, 0, null, new byte[0], 0);
        assertThat(Record.keyMatches(noKey, new byte[] {3, 'z'}, 0, 2)).isTrue();
        assertThat(Record.userKey(noKey)).isNull();
    }

    @Test
    void expiryComparesVoidTimesUnsigned() {
        byte[] never = Record.of(new Digest(1, 2, 3), 1, 0, 0, 0, null, new byte[0], 0);
        byte[] late = Record.of(new Digest(1, 2, 3), 1, 0x9000_0000, 0, 0, null, new byte[0], 0);
        assertThat(Record.isExpired(never, Integer.MAX_VALUE)).isFalse();
        assertThat(Record.isExpired(late, 1000)).isFalse();
        assertThat(Record.isExpired(late, 0x9000_0000)).isTrue();
    }
}
