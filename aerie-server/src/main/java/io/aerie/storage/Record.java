package io.aerie.storage;

import org.jspecify.annotations.Nullable;

/**
 * An immutable stored record, keyed by its own digest: the index holds records directly, with no
 * separate key or entry object. A write builds a new record and swaps it into the index, so
 * readers never lock and never see a half-applied write.
 *
 * @param digestHi digest bytes 0..7
 * @param digestMid digest bytes 8..15
 * @param digestLo digest bytes 16..19
 * @param generation 1..65535, wrapping to 1; grows by one on every write
 * @param voidTime expiry in seconds since 2010-01-01; 0 = never
 * @param lastUpdateTime milliseconds since 2010-01-01 of the last write
 * @param setId the namespace's id for the record's set; 0 = no set
 * @param userKey the stored user key (particle type byte, then the value) or null
 * @param bins the bins in stored form (see {@code io.aerie.ops.BinList})
 * @param binCount number of bins in {@code bins}
 */
public record Record(
        long digestHi,
        long digestMid,
        int digestLo,
        int generation,
        int voidTime,
        long lastUpdateTime,
        int setId,
        byte @Nullable [] userKey,
        byte[] bins,
        int binCount) {
    /** Fixed bytes we charge per record on top of its data, for the memory limit. */
    public static final int OVERHEAD_BYTES = 64;

    public Record {
        assert generation >= 1 && generation <= 0xFFFF : "generation out of range: " + generation;
    }

    /** A record stored under {@code digest}. */
    public static Record of(
            Digest digest,
            int generation,
            int voidTime,
            long lastUpdateTime,
            int setId,
            byte @Nullable [] userKey,
            byte[] bins,
            int binCount) {
        return new Record(
                digest.hi(),
                digest.mid(),
                digest.lo(),
                generation,
                voidTime,
                lastUpdateTime,
                setId,
                userKey,
                bins,
                binCount);
    }

    /** The same record with new metadata (a touch): bins and key unchanged. */
    public Record touched(int newGeneration, int newVoidTime, long newLastUpdateTime) {
        return new Record(
                digestHi,
                digestMid,
                digestLo,
                newGeneration,
                newVoidTime,
                newLastUpdateTime,
                setId,
                userKey,
                bins,
                binCount);
    }

    /** The digest as an object (allocates; the hot path compares parts instead). */
    public Digest digest() {
        return new Digest(digestHi, digestMid, digestLo);
    }

    /** Whether this record is stored under the digest given by its parts. */
    public boolean hasDigest(long hi, long mid, int lo) {
        return digestMid == mid && digestLo == lo && digestHi == hi;
    }

    /** The generation after {@code g}: 65535 wraps to 1, since 0 means "no record". */
    public static int nextGeneration(int g) {
        return g >= 0xFFFF ? 1 : g + 1;
    }

    /** Bytes this record counts against the namespace's data-size. */
    public long memorySize() {
        return (long) OVERHEAD_BYTES + bins.length + (userKey == null ? 0 : userKey.length);
    }

    /** Whether the record has expired at {@code nowSeconds} (seconds since 2010). */
    public boolean isExpired(int nowSeconds) {
        return voidTime != 0 && Integer.compareUnsigned(voidTime, nowSeconds) <= 0;
    }
}
