package io.aerie.storage.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Appends fill a block with readable entries; flushing advances in steps; sealing is final. */
class WriteBlockTest {
    private static byte[] record(int i, int binsSize) {
        return Record.of(new Digest(i, i, i), i % 0xFFFF + 1, 0, i, 0, null, new byte[binsSize], 1);
    }

    @Property(tries = 200)
    void appendedEntriesAreWhatAScanOfTheBlockFinds(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 400) Integer> sizes) {
        WriteBlock block = new WriteBlock(3, 1, 8192);
        List<Integer> offsets = new ArrayList<>();
        int appended = 0;
        for (int i = 0; i < sizes.size(); i++) {
            byte[] r = record(i, sizes.get(i));
            int at = block.append("s", r, 0, r.length, i % 5 == 0);
            if (at < 0) {
                assertThat(block.bytes().length - block.used()).isLessThan(DeviceRecord.entrySize(1, r.length));
                break;
            }
            offsets.add(at);
            appended++;
        }
        List<Integer> seen = new ArrayList<>();
        List<Integer> generations = new ArrayList<>();
        int found = BlockScan.scan(block.bytes(), block.bytes().length, block.stamp(), new BlockScan.Visitor() {
            @Override
            public void entry(byte[] b, DeviceRecord.Entry e) {
                seen.add(e.position());
                byte[] r = java.util.Arrays.copyOfRange(b, e.recordOffset(), e.recordOffset() + e.recordLength());
                generations.add(Record.generation(r));
            }

            @Override
            public void damaged(int from, int to) {
                throw new AssertionError("damage at " + from);
            }
        });
        assertThat(found).isEqualTo(appended);
        assertThat(seen).isEqualTo(offsets);
        for (int i = 0; i < generations.size(); i++) {
            assertThat(generations.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void flushesGoInWholeStepsUntilSealedOrForced() {
        WriteBlock block = new WriteBlock(0, 1, 64 * 1024);
        byte[] r = record(1, 1000);
        while (block.used() < 5000) {
            block.append("", r, 0, r.length, false);
        }
        int used = block.used();
        assertThat(block.flushLimit(4096, false)).isEqualTo(4096);
        block.markFlushed(4096);
        assertThat(block.flushedTo()).isEqualTo(4096);
        assertThat(block.flushLimit(4096, false)).as("no whole step pending").isEqualTo(4096);
        assertThat(block.flushLimit(4096, true)).isEqualTo(used);
        block.seal();
        assertThat(block.flushLimit(4096, false)).isEqualTo(used);
        assertThatThrownBy(() -> block.markFlushed(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSealedBlockTakesNoAppendsAndIsSealedOnce() {
        WriteBlock block = new WriteBlock(7, 1, 4096);
        block.seal();
        byte[] r = record(1, 10);
        assertThatThrownBy(() -> block.append("", r, 0, r.length, false)).hasMessageContaining("sealed");
        assertThatThrownBy(block::seal).hasMessageContaining("sealed twice");
        assertThatThrownBy(() -> new WriteBlock(1, 1, 1000)).hasMessageContaining("multiple of 16");
    }
}
