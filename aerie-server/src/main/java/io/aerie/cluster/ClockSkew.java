package io.aerie.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's clock skew as this node estimates it: every member reports its wall clock
 * periodically, and the skew is the spread between the earliest and the latest clock among the
 * members heard from recently (this node's own included). Transit time on a healthy network is
 * milliseconds, far below the seconds that matter here, so it is ignored.
 *
 * <p>Why it matters: strong consistency orders record versions partly by last-update-time, and a
 * deposed master's writes are only fenced off within the failure-detection window; Aerospike stops
 * writes when skew nears the point where that reasoning fails.
 */
final class ClockSkew {
    /** A member's report: how far its clock was ahead of ours, and when we heard it. */
    private record Report(long offsetMillis, long heardNanos) {}

    private final long staleNanos;
    private final Map<Long, Report> reports = new HashMap<>();

    /** Reports older than {@code staleMillis} no longer count. */
    ClockSkew(long staleMillis) {
        this.staleNanos = staleMillis * 1_000_000L;
    }

    /** Member {@code node} said its clock read {@code theirMillis} when ours read {@code ourMillis}. */
    void report(long node, long theirMillis, long ourMillis, long nowNanos) {
        reports.put(node, new Report(theirMillis - ourMillis, nowNanos));
    }

    /** The spread between the members' clocks, in milliseconds (0 when only this node is known). */
    long skewMillis(Set<Long> members, long nowNanos) {
        long min = 0;
        long max = 0;
        for (Map.Entry<Long, Report> e : reports.entrySet()) {
            Report r = e.getValue();
            if (!members.contains(e.getKey()) || nowNanos - r.heardNanos() > staleNanos) {
                continue;
            }
            min = Math.min(min, r.offsetMillis());
            max = Math.max(max, r.offsetMillis());
        }
        return max - min;
    }
}
