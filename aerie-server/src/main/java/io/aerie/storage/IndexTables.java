package io.aerie.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The current index table of every partition of a namespace, in one array. A lookup goes from the
 * digest's partition id straight to that partition's table and on to the record: two dependent
 * memory loads that can miss the cache, instead of also walking partition and index objects, which
 * under a load that streams records through the cache miss as often as the records do.
 *
 * <p>Each partition's {@link RecordIndex} publishes its table here with release semantics when it
 * creates or replaces it; readers load it with acquire semantics and take no lock.
 */
public final class IndexTables {
    private static final VarHandle TABLE = MethodHandles.arrayElementVarHandle(byte[][][].class);

    private final byte[][][] tables = new byte[Partition.COUNT][][];
    /**
     * Each partition's table mask (length - 1), kept apart from the tables so a lookup can compute
     * its slot without first loading the table's header: the header and the slot are usually on
     * different cache lines, and this way their misses overlap instead of following each other.
     * Only a hint, read without ordering: a lookup that misses with a mask that no longer fits the
     * table it loaded looks again with the table's own.
     */
    private final int[] masks = new int[Partition.COUNT];

    /** The record stored under the digest given by its parts in partition {@code partitionId}, or null. */
    public byte @Nullable [] lookup(int partitionId, long hi, long mid, int lo) {
        int mask = masks[partitionId];
        byte[][] t = table(partitionId);
        if (t == null) {
            return null;
        }
        byte[] r = RecordIndex.find(t, mask, hi, mid, lo);
        return r != null || mask == t.length - 1 ? r : RecordIndex.find(t, t.length - 1, hi, mid, lo);
    }

    /**
     * The entry in the digest's home slot, whatever record it is, or null; a look ahead that loads
     * the slot and nothing else, so several can be in flight at once (see {@link Record#touch}).
     */
    public byte @Nullable [] homeEntry(int partitionId, long mid, int lo) {
        byte[][] t = table(partitionId);
        if (t == null) {
            return null;
        }
        int i = PartitionIndex.slot(mid, lo, masks[partitionId]);
        return i < t.length ? t[i] : null;
    }

    /** Partition {@code partitionId}'s table, or null before its index exists. */
    byte @Nullable [][] table(int partitionId) {
        return (byte[][]) TABLE.getAcquire(tables, partitionId);
    }

    /** For tests: leaves a partition's mask hint as a rebuild racing with a lookup can, stale. */
    void setMaskHint(int partitionId, int mask) {
        masks[partitionId] = mask;
    }

    void publish(int partitionId, byte[][] table) {
        TABLE.setRelease(tables, partitionId, table);
        masks[partitionId] = table.length - 1;
    }
}
