package io.aerie.tools.load;

import com.aerospike.client.Bin;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import java.util.SplittableRandom;

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
        return binSize(objectSize, bins, i);
    }

    /** Size of bin {@code i} of {@code bins} sharing {@code objectSize} bytes, as the load tool writes them. */
    public static int binSize(int objectSize, int bins, int i) {
        return objectSize / bins + (i < objectSize % bins ? 1 : 0);
    }

    /** Name of bin {@code i} of {@code bins}, as the load tool writes them: {@code b}, or {@code b0, b1, ...}. */
    public static String binName(int bins, int i) {
        return bins == 1 ? "b" : "b" + i;
    }

    /** The keys thread {@code t} inserts in the insert workload: [first, end). */
    public long[] insertSlice(int t) {
        long per = keys / threads;
        long extra = keys % threads;
        long first = startKey + t * per + Math.min(t, extra);
        long count = per + (t < extra ? 1 : 0);
        return new long[] {first, first + count};
    }

    /** The record a worker writes: {@code bins} blob bins of random bytes. */
    public Bin[] record(SplittableRandom random) {
        Bin[] record = new Bin[bins];
        for (int i = 0; i < record.length; i++) {
            byte[] value = new byte[binSize(i)];
            random.nextBytes(value);
            record[i] = new Bin(binName(bins, i), value);
        }
        return record;
    }

    /** The client policy of a run: a connection per thread and then some, and a 5 s login and tend timeout. */
    public ClientPolicy clientPolicy() {
        ClientPolicy cp = new ClientPolicy();
        cp.maxConnsPerNode = Math.max(100, threads * 2);
        cp.timeout = 5000;
        return cp;
    }

    /** A read policy with the plan's timeout as both total and socket timeout. */
    public Policy readPolicy() {
        Policy rp = new Policy();
        rp.totalTimeout = timeoutMs;
        rp.socketTimeout = timeoutMs;
        return rp;
    }

    /** A write policy with the plan's timeout as both total and socket timeout. */
    public WritePolicy writePolicy() {
        WritePolicy wp = new WritePolicy();
        wp.totalTimeout = timeoutMs;
        wp.socketTimeout = timeoutMs;
        return wp;
    }
}
