package io.aerie.storage.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Entries read back exactly as written, and any damaged byte of an entry is caught. */
class DeviceRecordTest {
    record Written(String set, byte[] record, boolean tombstone) {}

    @Provide
    Arbitrary<Written> entries() {
        Arbitrary<String> sets = Arbitraries.strings().alpha().ofMaxLength(63);
        Arbitrary<byte[]> bins = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofMaxSize(30);
        Arbitrary<Long> parts = Arbitraries.longs();
        Arbitrary<Integer> generations = Arbitraries.integers().between(1, 0xFFFF);
        return Combinators.combine(sets, bins, keys, parts, generations, Arbitraries.of(true, false))
                .as((set, b, k, hi, gen, tomb) -> new Written(
                        set,
                        Record.of(
                                new Digest(hi, ~hi, (int) (hi >>> 7)),
                                gen,
                                0,
                                hi & 0xFFFF_FFFFL,
                                0,
                                k.length == 0 ? null : k,
                                b,
                                b.length / 10),
                        tomb));
    }

    private static final long STAMP = 0x0102_0304_0506_0708L;

    private static byte[] block(List<Written> entries, int[] positions) {
        int size = 0;
        for (Written w : entries) {
            size += DeviceRecord.entrySize(w.set().getBytes(StandardCharsets.UTF_8).length, w.record().length);
        }
        byte[] block = new byte[size + 64];
        int pos = 0;
        for (int i = 0; i < entries.size(); i++) {
            Written w = entries.get(i);
            positions[i] = pos;
            pos = DeviceRecord.write(
                    block,
                    pos,
                    STAMP,
                    w.set().getBytes(StandardCharsets.UTF_8),
                    w.record(),
                    0,
                    w.record().length,
                    w.tombstone() ? DeviceRecord.TOMBSTONE : 0);
            assertThat(pos % DeviceRecord.ALIGN).isZero();
        }
        return block;
    }

    @Property(tries = 300)
    void entriesReadBackInOrderThenTheBlockEnds(@ForAll @Size(max = 20) List<@From("entries") Written> entries) {
        byte[] block = block(entries, new int[entries.size()]);
        DeviceRecord.Entry e = new DeviceRecord.Entry();
        int pos = 0;
        for (Written w : entries) {
            assertThat(DeviceRecord.read(block, pos, block.length, e)).isEqualTo(DeviceRecord.Status.OK);
            String set = new String(block, e.setNameOffset(), e.setNameLength(), StandardCharsets.UTF_8);
            assertThat(set).isEqualTo(w.set());
            assertThat(e.tombstone()).isEqualTo(w.tombstone());
            assertThat(e.stamp()).isEqualTo(STAMP);
            assertThat(Arrays.copyOfRange(block, e.recordOffset(), e.recordOffset() + e.recordLength()))
                    .isEqualTo(w.record());
            pos += e.size();
        }
        assertThat(DeviceRecord.read(block, pos, block.length, e)).isEqualTo(DeviceRecord.Status.END);
    }

    @Property(tries = 500)
    void aChangedByteInsideAnEntryMarksItDamagedAndLeavesTheOthersReadable(
            @ForAll @Size(min = 1, max = 8) List<@From("entries") Written> entries,
            @ForAll @IntRange(min = 0, max = 7) int victimChoice,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int offsetChoice,
            @ForAll @IntRange(min = 1, max = 255) int xor) {
        int[] positions = new int[entries.size()];
        byte[] block = block(entries, positions);
        int victim = victimChoice % entries.size();
        Written w = entries.get(victim);
        int covered = DeviceRecord.SET_NAME + w.set().getBytes(StandardCharsets.UTF_8).length + w.record().length;
        int at = positions[victim] + offsetChoice % covered;
        block[at] ^= (byte) xor;

        DeviceRecord.Entry e = new DeviceRecord.Entry();
        for (int i = 0; i < entries.size(); i++) {
            DeviceRecord.Status status = DeviceRecord.read(block, positions[i], block.length, e);
            if (i == victim) {
                assertThat(status).as("entry %d, byte %d changed", i, at).isEqualTo(DeviceRecord.Status.DAMAGED);
            } else {
                assertThat(status).isEqualTo(DeviceRecord.Status.OK);
            }
        }
    }

    @Test
    void arbitraryBytesAreNeverTakenForAnEntry() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        DeviceRecord.Entry e = new DeviceRecord.Entry();
        List<DeviceRecord.Status> seen = new ArrayList<>();
        for (int round = 0; round < 10_000; round++) {
            byte[] junk = new byte[random.nextInt(1, 200)];
            random.nextBytes(junk);
            seen.add(DeviceRecord.read(junk, 0, junk.length, e));
        }
        assertThat(seen).doesNotContain(DeviceRecord.Status.OK);
    }

    @Test
    void aShortTailIsTheEndWhenZeroAndDamageOtherwise() {
        DeviceRecord.Entry e = new DeviceRecord.Entry();
        assertThat(DeviceRecord.read(new byte[8], 0, 8, e)).isEqualTo(DeviceRecord.Status.END);
        assertThat(DeviceRecord.read(new byte[] {0, 0, 1, 0}, 0, 4, e)).isEqualTo(DeviceRecord.Status.DAMAGED);
    }
}
