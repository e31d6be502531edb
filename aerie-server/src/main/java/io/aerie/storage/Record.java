package io.aerie.storage;

import org.jspecify.annotations.Nullable;

/**
 * An immutable stored record. A write builds a new one and swaps it into the index, so readers
 * never lock and never see a half-applied write.
 *
 * @param generation 1..65535, wrapping to 1; grows by one on every write
 * @param voidTime expiry in seconds since 2010-01-01; 0 = never
 * @param lastUpdateTime milliseconds since 2010-01-01 of the last write
 * @param setId the namespace's id for the record's set; 0 = no set
 * @param userKey the stored user key (particle type byte, then the value) or null
 * @param bins the bins in stored form (see {@code io.aerie.ops.BinList})
 * @param binCount number of bins in {@code bins}
 */
public record Record(
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

    /** The generation after {@code g}: 65535 wraps to 1, since 0 means "no record". */
    public static int nextGeneration(int g) {
        return g >= 0xFFFF ? 1 : g + 1;
    }

    /** Bytes this record counts against the namespace's data-size. */
    public long memorySize() {
        return OVERHEAD_BYTES + bins.length + (userKey == null ? 0 : userKey.length);
    }

    /** Whether the record has expired at {@code nowSeconds} (seconds since 2010). */
    public boolean isExpired(int nowSeconds) {
        return voidTime != 0 && Integer.compareUnsigned(voidTime, nowSeconds) <= 0;
    }
}
