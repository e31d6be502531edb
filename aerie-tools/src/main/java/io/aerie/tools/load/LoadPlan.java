package io.aerie.tools.load;

/**
 * A load run, validated.
 *
 * @param host seed host
 * @param port seed port
 * @param namespace namespace to load
 * @param set set name
 * @param keys number of keys, integer keys {@code startKey .. startKey + keys - 1}
 * @param startKey first key
 * @param objectSize bytes of data per record, split over {@code bins} blob bins
 * @param bins bins per record
 * @param workload insert or read/update mix
 * @param threads client threads
 * @param durationSeconds measured seconds (read/update only)
 * @param warmupSeconds seconds run before measuring
 * @param timeoutMs total timeout per command
 * @param targetTps throughput cap over all threads; 0 = none
 * @param reportIntervalSeconds seconds between progress lines
 */
public record LoadPlan(
        String host,
        int port,
        String namespace,
        String set,
        long keys,
        long startKey,
        int objectSize,
        int bins,
        Workload workload,
        int threads,
        int durationSeconds,
        int warmupSeconds,
        int timeoutMs,
        long targetTps,
        int reportIntervalSeconds) {

    public LoadPlan {
        require(keys > 0, "keys must be positive");
        require(objectSize >= 0, "object size must not be negative");
        require(bins >= 1 && bins <= 1000, "bins must be 1..1000");
        require(threads >= 1 && threads <= 4096, "threads must be 1..4096");
        require(durationSeconds >= 1, "duration must be at least 1 s");
        require(warmupSeconds >= 0, "warmup must not be negative");
        require(timeoutMs >= 0, "timeout must not be negative");
        require(targetTps >= 0, "throughput target must not be negative");
        require(reportIntervalSeconds >= 1, "report interval must be at least 1 s");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The key a uniform draw {@code r} in [0, keys) maps to. */
    public long keyFor(long r) {
        return startKey + r;
    }

    /** Size of bin {@code i}: the object size spread evenly, the remainder on the first bins. */
    public int binSize(int i) {
        return objectSize / bins + (i < objectSize % bins ? 1 : 0);
    }

    /** The keys thread {@code t} inserts in the insert workload: [first, end). */
    public long[] insertSlice(int t) {
        long per = keys / threads;
        long extra = keys % threads;
        long first = startKey + t * per + Math.min(t, extra);
        long count = per + (t < extra ? 1 : 0);
        return new long[] {first, first + count};
    }
}
