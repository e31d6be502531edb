package io.aerie.tools.harness.check;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The memo of the linearizability search: (set of linearized ops, register state) pairs already explored.
 *
 * <p>A set is stored trimmed: the search linearizes ops roughly in invocation order, so the bitset is a run of full
 * words, a few mixed ones, then zeros; only the mixed middle is kept, which keeps long histories affordable.
 */
final class VisitedSet {
    private static final class Seen {
        final int state;
        final int from;
        final long[] words;

        Seen(int state, int from, long[] words) {
            this.state = state;
            this.from = from;
            this.words = words;
        }
    }

    private long[] hashes = new long[1 << 10];
    private @Nullable Seen[] slots = new Seen[1 << 10];
    private int size;

    /** Pairs stored. */
    int size() {
        return size;
    }

    /** Adds the pair unless already present; true if it was new. {@code hash} must be a hash of both parts. */
    boolean add(long hash, int state, long[] bits) {
        int from = 0;
        while (from < bits.length && bits[from] == -1L) {
            from++;
        }
        int to = bits.length;
        while (to > from && bits[to - 1] == 0L) {
            to--;
        }
        int mask = slots.length - 1;
        int i = spread(hash) & mask;
        for (Seen s = slots[i]; s != null; s = slots[i]) {
            if (hashes[i] == hash
                    && s.state == state
                    && s.from == from
                    && Arrays.equals(s.words, 0, s.words.length, bits, from, to)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = new Seen(state, from, Arrays.copyOfRange(bits, from, to));
        hashes[i] = hash;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    private void grow() {
        long[] oldHashes = hashes;
        @Nullable Seen[] oldSlots = slots;
        hashes = new long[oldHashes.length * 2];
        slots = new Seen[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            Seen s = oldSlots[j];
            if (s != null) {
                int i = spread(oldHashes[j]) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
                hashes[i] = oldHashes[j];
            }
        }
    }

    private static int spread(long hash) {
        return (int) (hash ^ (hash >>> 32));
    }
}
