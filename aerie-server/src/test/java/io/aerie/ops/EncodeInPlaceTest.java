package io.aerie.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Encoding into the array the bins came from gives the same bytes as encoding aside, or nothing. */
class EncodeInPlaceTest {
    private static final int PREFIX = 7;

    @Property(tries = 2000)
    void inPlaceEqualsEncodingAsideOrLeavesTheArrayAlone(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 12) Integer> sizes,
            @ForAll @Size(max = 6) List<@IntRange(min = -1, max = 12) Integer> newSizes,
            @ForAll @IntRange(min = -1, max = 5) int removed) {
        // The stored record: bins "a", "b", ... with values filled with their index.
        BinList original = new BinList(sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            byte[] value = new byte[sizes.get(i)];
            Arrays.fill(value, (byte) (i + 1));
            original.put(new byte[] {(byte) ('a' + i)}, 0, 1, 4, value, 0, value.length);
        }
        byte[] record = new byte[PREFIX + original.encodedSize()];
        original.encodeInto(record, PREFIX);

        // A write: new values for some bins (size -1 = unchanged), one bin removed, maybe one added.
        BinList bins = BinList.decode(record, PREFIX, sizes.size());
        byte[] request = new byte[64];
        Arrays.fill(request, (byte) 0x5A);
        for (int i = 0; i < newSizes.size() && i < sizes.size(); i++) {
            if (newSizes.get(i) >= 0) {
                bins.put(new byte[] {(byte) ('a' + i)}, 0, 1, 4, request, 0, newSizes.get(i));
            }
        }
        if (removed >= 0 && removed < sizes.size()) {
            bins.remove(new byte[] {(byte) ('a' + removed)}, 0, 1);
        }
        if (newSizes.size() > sizes.size()) {
            bins.put(new byte[] {'z'}, 0, 1, 4, request, 0, newSizes.get(sizes.size()) + 1);
        }
        byte[] expected = bins.encode();
        if (expected.length != record.length - PREFIX) {
            return; // another size never goes in place
        }
        byte[] before = record.clone();
        if (bins.canEncodeInPlace(record, PREFIX)) {
            bins.encodeInto(record, PREFIX);
            assertThat(Arrays.copyOfRange(record, PREFIX, record.length)).isEqualTo(expected);
        } else {
            assertThat(record).isEqualTo(before);
        }
        assertThat(Arrays.copyOfRange(record, 0, PREFIX)).isEqualTo(Arrays.copyOfRange(before, 0, PREFIX));
    }
}
