package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Checks counter keys (those with ADD ops) against non-negative increments: every successful read must lie between
 * the acknowledged increments that completed before it was invoked and all increments, acknowledged or in doubt,
 * invoked before it completed.
 *
 * <p>A read below its lower bound lost acknowledged increments; one above its upper bound saw increments applied
 * twice or invented. A read of an absent record counts as 0.
 */
public final class CounterChecker {
    private static final int MAX_LISTED = 20;

    private record Checked(CounterReport.KeyReport report, Verdict verdict) {}

    /** Checks every counter key of {@code history}. */
    public CounterReport check(List<Op> history) {
        List<Verdict> verdicts = new ArrayList<>();
        List<CounterReport.KeyReport> reports = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e :
                Keys.ofFamily(history, Keys.Family.COUNTER).entrySet()) {
            Checked c = checkKey(history, e.getKey(), e.getValue());
            reports.add(c.report());
            verdicts.add(c.verdict());
        }
        return new CounterReport(Verdict.merge("counter", verdicts), reports);
    }

    private static Checked checkKey(List<Op> history, String key, List<Integer> indices) {
        List<Op> acked = new ArrayList<>();
        List<Op> attempted = new ArrayList<>();
        List<Integer> reads = new ArrayList<>();
        for (int i : indices) {
            Op op = history.get(i);
            if (op.kind() == OpKind.ADD) {
                if (op.value() == null || op.value() < 0) {
                    throw new IllegalArgumentException("op " + i + ": increments must not be negative");
                }
                if (op.outcome() == Outcome.OK) {
                    acked.add(op);
                }
                if (op.mayHaveTakenEffect()) {
                    attempted.add(op);
                }
            } else if (op.kind() == OpKind.READ && op.outcome() == Outcome.OK) {
                reads.add(i);
            }
        }
        reads.sort(Comparator.comparingLong((Integer i) -> history.get(i).invokeNanos())
                .thenComparingInt(i -> i));
        Sums completedBefore = new Sums(acked, Op::completeNanos);
        Sums invokedBefore = new Sums(attempted, Op::invokeNanos);
        long ackedSum = completedBefore.total();
        long inDoubtSum = invokedBefore.total() - ackedSum;
        List<Integer> bad = new ArrayList<>();
        String firstBad = "";
        for (int i : reads) {
            Op r = history.get(i);
            long seen = observed(r);
            long lower = completedBefore.before(r.invokeNanos(), false);
            long upper = invokedBefore.before(r.completeNanos(), true);
            if (seen < lower || seen > upper) {
                if (bad.isEmpty()) {
                    firstBad = "#" + i + " (" + r.summary() + ") outside [" + lower + ", " + upper + "]";
                }
                bad.add(i);
            }
        }
        int checked = attempted.size() + reads.size();
        if (reads.isEmpty()) {
            return new Checked(
                    new CounterReport.KeyReport(key, ackedSum, inDoubtSum, null, 0, 0, List.of()),
                    Verdict.ofKey(Verdict.Status.UNKNOWN, key, "no successful read", List.of(), checked, 0));
        }
        int last = reads.getLast();
        Op fin = history.get(last);
        long lost = Math.max(0, completedBefore.before(fin.invokeNanos(), false) - observed(fin));
        CounterReport.KeyReport report =
                new CounterReport.KeyReport(key, ackedSum, inDoubtSum, observed(fin), lost, reads.size(), bad);
        if (bad.isEmpty()) {
            String why = reads.size() + " reads within bounds, final " + observed(fin) + " of " + ackedSum
                    + " acknowledged and " + inDoubtSum + " in doubt";
            return new Checked(report, Verdict.ofKey(Verdict.Status.VALID, key, why, List.of(), checked, 0));
        }
        StringBuilder why = new StringBuilder();
        if (lost > 0) {
            why.append("lost acknowledged increments: final read #")
                    .append(last)
                    .append(" (")
                    .append(fin.summary())
                    .append(") is ")
                    .append(lost)
                    .append(" below the ")
                    .append(observed(fin) + lost)
                    .append(" acknowledged before it began; ");
        }
        why.append(bad.size())
                .append(bad.size() == 1 ? " read" : " reads")
                .append(" out of bounds, first ")
                .append(firstBad);
        List<Integer> shown = bad.subList(0, Math.min(bad.size(), MAX_LISTED));
        return new Checked(report, Verdict.ofKey(Verdict.Status.INVALID, key, why.toString(), shown, checked, 0));
    }

    private static long observed(Op read) {
        Long v = read.value();
        return v == null ? 0 : v;
    }

    /** Increments sorted by one timestamp, with prefix sums, to total those before an instant. */
    private static final class Sums {
        private final long[] times;
        private final long[] prefix;

        Sums(List<Op> adds, ToLongFunction<Op> time) {
            List<Op> sorted = new ArrayList<>(adds);
            sorted.sort(Comparator.comparingLong(time));
            times = new long[sorted.size()];
            prefix = new long[sorted.size() + 1];
            for (int i = 0; i < sorted.size(); i++) {
                times[i] = time.applyAsLong(sorted.get(i));
                prefix[i + 1] = Math.addExact(prefix[i], increment(sorted.get(i)));
            }
        }

        long total() {
            return prefix[times.length];
        }

        /** Sum of increments timed before {@code t} (at {@code t} too if inclusive). */
        long before(long t, boolean inclusive) {
            int lo = 0;
            int hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < t || (inclusive && times[mid] == t)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return prefix[lo];
        }

        private static long increment(Op add) {
            @Nullable Long v = add.value();
            return v == null ? 0 : v;
        }
    }
}
