package io.aerie.cluster;

/**
 * A copy's partition version, as one long: the 48-bit cluster key of the view that began the copy's
 * lineage in the high bits, then flags. Copies with the same lineage hold the same writes once
 * full; a copy of another lineage may hold writes the others lack (a duplicate, after a split).
 * Zero: the node holds no data for the partition.
 *
 * <pre>
 *   bits 63..16 lineage cluster key | bits 15..3 zero | bit 2 dirty | bit 1 subset | bit 0 master
 * </pre>
 *
 * This is Aerospike's version reduced to what AP needs: the family and evade bits stay zero.
 */
public final class PartitionVersion {
    /** No data. */
    public static final long NONE = 0;
    /** The copy was its partition's working master. */
    public static final long MASTER = 1;
    /** The copy may be missing records: still filling, or restored from storage after a restart. */
    public static final long SUBSET = 2;
    /**
     * Strong consistency: the copy may hold changes not on every other copy (writes whose
     * replication failed, in doubt). It can serve as master, re-replicating them, but is never
     * taken as a replica in step: it is filled again.
     */
    public static final long DIRTY = 4;

    private static final long FLAGS = 0xFFFF;

    private PartitionVersion() {}

    /** A full version of a new lineage begun in the view with {@code clusterKey}. */
    public static long fresh(long clusterKey) {
        if (clusterKey == 0 || (clusterKey & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("cluster key " + Long.toHexString(clusterKey));
        }
        return clusterKey << 16;
    }

    /** The lineage without flags: equal for copies that descend from the same copy. */
    public static long lineage(long version) {
        return version & ~FLAGS;
    }

    public static boolean isMaster(long version) {
        return (version & MASTER) != 0;
    }

    public static boolean isDirty(long version) {
        return (version & DIRTY) != 0;
    }

    public static boolean isSubset(long version) {
        return (version & SUBSET) != 0;
    }

    /** Whether the version is a complete copy of its lineage. */
    public static boolean isFull(long version) {
        return version != NONE && !isSubset(version);
    }

    /** Aerospike's printed form, {@code CCCCCCCCCCCC.0.ms} (lineage, family, flags m and s). */
    public static String format(long version) {
        if (version == NONE) {
            return "000000000000.0.00";
        }
        return String.format("%012x.0.%d%d", version >>> 16, isMaster(version) ? 1 : 0, isSubset(version) ? 1 : 0);
    }
}
