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

    /** The record stored under the digest given by its parts in partition {@code partitionId}, or null. */
    public byte @Nullable [] lookup(int partitionId, long hi, long mid, int lo) {
        byte[][] t = table(partitionId);
        return t == null ? null : RecordIndex.find(t, hi, mid, lo);
    }

    /** Partition {@code partitionId}'s table, or null before its index exists. */
    byte @Nullable [][] table(int partitionId) {
        return (byte[][]) TABLE.getAcquire(tables, partitionId);
    }

    void publish(int partitionId, byte[][] table) {
        TABLE.setRelease(tables, partitionId, table);
    }
}
