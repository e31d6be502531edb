package io.aerie.storage.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A scan visits every whole entry of a block and steps over damaged ones. */
class BlockScanTest {
    private static final int ENTRIES = 12;

    /** A block of {@code ENTRIES} records whose generation is their index + 1. */
    private static byte[] block(int[] positions, int binsSize) {
        byte[] block = new byte[ENTRIES * DeviceRecord.entrySize(8, Record.HEADER + binsSize) + 256];
        int pos = 0;
        for (int i = 0; i < ENTRIES; i++) {
            positions[i] = pos;
            byte[] bins = new byte[binsSize];
            java.util.Arrays.fill(bins, (byte) i);
            byte[] r = Record.of(new Digest(i, i, i), i + 1, 0, i, 0, null, bins, 1);
            pos = DeviceRecord.write(block, pos, 1, ("set" + i).getBytes(StandardCharsets.UTF_8), r, 0, r.length, 0);
        }
        return block;
    }

    private static final class Collect implements BlockScan.Visitor {
        final List<Integer> generations = new ArrayList<>();
        final List<int[]> damage = new ArrayList<>();

        @Override
        public void entry(byte[] block, DeviceRecord.Entry entry) {
            byte[] r = java.util.Arrays.copyOfRange(
                    block, entry.recordOffset(), entry.recordOffset() + entry.recordLength());
            generations.add(Record.generation(r));
        }

        @Override
        public void damaged(int from, int to) {
            damage.add(new int[] {from, to});
        }

        @Override
        public void trailing(int from) {
            damage.add(new int[] {from, -1});
        }
    }

    @Property(tries = 300)
    void damageInOneEntryLosesThatEntryOnly(
            @ForAll @IntRange(min = 0, max = ENTRIES - 1) int victim,
            @ForAll @IntRange(min = 0, max = 10_000) int offsetChoice,
            @ForAll @IntRange(min = 1, max = 255) int xor,
            @ForAll @IntRange(min = 0, max = 200) int binsSize) {
        int[] positions = new int[ENTRIES];
        byte[] block = block(positions, binsSize);
        int setLength = ("set" + victim).length();
        int victimEnd = positions[victim] + DeviceRecord.entrySize(setLength, Record.HEADER + binsSize);
        // Only bytes the checksum covers: header and body, not the zero padding.
        int covered = DeviceRecord.SET_NAME + setLength + Record.HEADER + binsSize;
        int at = positions[victim] + offsetChoice % covered;
        block[at] ^= (byte) xor;

        Collect c = new Collect();
        int found = BlockScan.scan(block, block.length, 1, c);

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            if (i != victim) {
                expected.add(i + 1);
            }
        }
        assertThat(c.generations).isEqualTo(expected);
        assertThat(found).isEqualTo(ENTRIES - 1);
        assertThat(c.damage).hasSize(1);
        assertThat(c.damage.get(0)[0]).isEqualTo(positions[victim]);
        if (victim < ENTRIES - 1) {
            assertThat(c.damage.get(0)[1]).isEqualTo(victimEnd);
        } else {
            assertThat(c.damage.get(0)[1])
                    .as("the last entry's damage is the block's tail")
                    .isEqualTo(-1);
        }
    }

    @Property(tries = 50)
    void anUndamagedBlockIsReadWholeAndEndsAtTheZeros(@ForAll @IntRange(min = 0, max = 300) int binsSize) {
        byte[] block = block(new int[ENTRIES], binsSize);
        Collect c = new Collect();
        assertThat(BlockScan.scan(block, block.length, 1, c)).isEqualTo(ENTRIES);
        assertThat(c.damage).isEmpty();
        assertThat(c.generations).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Property(tries = 50)
    void aReusedBlockYieldsOnlyItsNewestUseAndNotTheLeftoversBehindIt(
            @ForAll @IntRange(min = 0, max = ENTRIES) int rewritten,
            @ForAll @IntRange(min = 0, max = 200) int binsSize) {
        byte[] block = block(new int[ENTRIES], binsSize);
        int pos = 0;
        for (int i = 0; i < rewritten; i++) {
            // Smaller records than the first use's, so the leftovers do not start on the same offsets.
            byte[] r = Record.of(new Digest(i, i, i), 100 + i, 0, i, 0, null, new byte[binsSize / 2], 1);
            pos = DeviceRecord.write(block, pos, 2, new byte[0], r, 0, r.length, 0);
        }
        Collect c = new Collect();
        // The block table names the block's current use: stamp 2 once rewritten, else still 1.
        int found = BlockScan.scan(block, block.length, rewritten == 0 ? 1 : 2, c);
        if (rewritten == 0) {
            assertThat(found)
                    .as("a block never written again keeps its first use")
                    .isEqualTo(ENTRIES);
            return;
        }
        assertThat(found).isEqualTo(rewritten);
        assertThat(c.damage)
                .allSatisfy(d ->
                        assertThat(d[1]).as("leftovers are a tail, not damage").isEqualTo(-1));
        assertThat(BlockScan.scan(block, block.length, 1, new Collect()))
                .as("the earlier use's entries are not read as the block's")
                .isZero();
        for (int i = 0; i < rewritten; i++) {
            assertThat(c.generations.get(i)).isEqualTo(100 + i);
        }
    }
}
