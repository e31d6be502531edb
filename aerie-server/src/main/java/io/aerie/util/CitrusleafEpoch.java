package io.aerie.util;

/**
 * Aerospike's time base: void-times are seconds and last-update-times milliseconds since
 * 2010-01-01T00:00:00Z (the "citrusleaf epoch").
 */
public final class CitrusleafEpoch {
    /** 2010-01-01T00:00:00Z in seconds since 1970. */
    public static final long EPOCH_SECONDS = 1_262_304_000L;
    /** 2010-01-01T00:00:00Z in milliseconds since 1970. */
    public static final long EPOCH_MILLIS = EPOCH_SECONDS * 1000L;

    private CitrusleafEpoch() {}

    /** Seconds since 2010 for a Unix time in milliseconds. */
    public static int seconds(long unixMillis) {
        return (int) (unixMillis / 1000L - EPOCH_SECONDS);
    }

    /** Milliseconds since 2010 for a Unix time in milliseconds. */
    public static long millis(long unixMillis) {
        return unixMillis - EPOCH_MILLIS;
    }
}
