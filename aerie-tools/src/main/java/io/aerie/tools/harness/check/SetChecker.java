package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Checks set keys (those with APPEND ops): each append adds a unique element, and successful reads return the set.
 *
 * <p>An element must be in every read invoked after its append was acknowledged or after a read that saw it
 * completed, since a set only grows. The last read by invocation is the final read: what it misses is lost, what a
 * read returns that no append acknowledged or left in doubt is unexpected (a failed append means it was not applied),
 * and in-doubt elements it holds are counted as recovered.
 */
public final class SetChecker {
    private static final int MAX_LISTED = 10;

    /** Checks every set key of {@code history}. */
    public SetReport check(List<Op> history) {
        List<Verdict> verdicts = new ArrayList<>();
        List<SetReport.KeyReport> reports = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e :
                Keys.ofFamily(history, Keys.Family.SET).entrySet()) {
            KeyCheck check = new KeyCheck(history, e.getKey(), e.getValue());
            reports.add(check.report);
            verdicts.add(check.verdict);
        }
        return new SetReport(Verdict.merge("set", verdicts), reports);
    }

    /** One key's check; the constructor does the work. */
    private static final class KeyCheck {
        private final List<Op> history;
        private final Map<Long, Integer> firstAppend = new HashMap<>();
        private final Set<Long> acked = new HashSet<>();
        private final Set<Long> possible = new HashSet<>();
        /** When each possible element became required in later reads: acknowledged, or seen by a completed read. */
        private final Map<Long, Long> requiredAfter = new HashMap<>();

        final SetReport.KeyReport report;
        final Verdict verdict;

        KeyCheck(List<Op> history, String key, List<Integer> indices) {
            this.history = history;
            List<Integer> reads = new ArrayList<>();
            for (int i : indices) {
                Op op = history.get(i);
                if (op.kind() == OpKind.APPEND) {
                    noteAppend(i, op);
                } else if (op.kind() == OpKind.READ && op.outcome() == Outcome.OK) {
                    reads.add(i);
                }
            }
            reads.sort(Comparator.comparingLong((Integer i) -> history.get(i).invokeNanos())
                    .thenComparingInt(i -> i));
            for (int r : reads) {
                Op read = history.get(r);
                for (long e : read.elements()) {
                    if (possible.contains(e)) {
                        requiredAfter.merge(e, read.completeNanos(), Math::min);
                    }
                }
            }
            Set<Long> inDoubt = new HashSet<>(possible);
            inDoubt.removeAll(acked);
            TreeSet<Long> unexpected = new TreeSet<>();
            TreeSet<Long> duplicated = new TreeSet<>();
            List<Integer> stale = new ArrayList<>();
            List<Long> lost = List.of();
            int recovered = 0;
            for (int r : reads) {
                Set<Long> seen = new HashSet<>();
                for (long e : history.get(r).elements()) {
                    if (!seen.add(e)) {
                        duplicated.add(e);
                    }
                    if (!possible.contains(e)) {
                        unexpected.add(e);
                    }
                }
                List<Long> missing = missing(history.get(r), seen);
                if (r == reads.getLast()) {
                    lost = missing;
                    recovered = (int) inDoubt.stream().filter(seen::contains).count();
                } else if (!missing.isEmpty()) {
                    stale.add(r);
                }
            }
            report = new SetReport.KeyReport(
                    key,
                    firstAppend.size(),
                    acked.size(),
                    inDoubt.size(),
                    recovered,
                    lost,
                    List.copyOf(unexpected),
                    List.copyOf(duplicated),
                    stale);
            verdict = verdict(key, reads, indices.size());
        }

        private void noteAppend(int i, Op op) {
            long e = op.value() == null ? 0 : op.value();
            firstAppend.putIfAbsent(e, i);
            if (op.mayHaveTakenEffect()) {
                possible.add(e);
            }
            if (op.outcome() == Outcome.OK) {
                acked.add(e);
                requiredAfter.merge(e, op.completeNanos(), Math::min);
            }
        }

        private List<Long> missing(Op read, Set<Long> seen) {
            TreeSet<Long> out = new TreeSet<>();
            requiredAfter.forEach((e, t) -> {
                if (t < read.invokeNanos() && !seen.contains(e)) {
                    out.add(e);
                }
            });
            return List.copyOf(out);
        }

        private Verdict verdict(String key, List<Integer> reads, int opsChecked) {
            if (reads.isEmpty()) {
                return Verdict.ofKey(Verdict.Status.UNKNOWN, key, "no successful read", List.of(), opsChecked, 0);
            }
            int fin = reads.getLast();
            if (report.lost().isEmpty()
                    && report.unexpected().isEmpty()
                    && report.duplicated().isEmpty()
                    && report.staleReads().isEmpty()) {
                String why = "final read #" + fin + " holds all " + report.acknowledged() + " acknowledged and "
                        + report.recovered() + " of " + report.inDoubt() + " in-doubt elements";
                return Verdict.ofKey(Verdict.Status.VALID, key, why, List.of(), opsChecked, 0);
            }
            StringJoiner why = new StringJoiner("; ");
            TreeSet<Integer> ops = new TreeSet<>();
            ops.add(fin);
            if (!report.lost().isEmpty()) {
                why.add("final read #" + fin + " (" + history.get(fin).summary() + ") lost "
                        + count(report.lost(), "element"));
                report.lost().stream().limit(MAX_LISTED).forEach(e -> ops.add(firstAppend.getOrDefault(e, fin)));
            }
            if (!report.unexpected().isEmpty()) {
                why.add("read " + count(report.unexpected(), "element") + " never appended or appended and failed");
            }
            if (!report.duplicated().isEmpty()) {
                why.add(count(report.duplicated(), "element") + " read more than once");
            }
            if (!report.staleReads().isEmpty()) {
                int stale = report.staleReads().size();
                why.add(stale + (stale == 1 ? " earlier read" : " earlier reads")
                        + " missed elements required before they began, first #"
                        + report.staleReads().getFirst());
                report.staleReads().stream().limit(MAX_LISTED).forEach(ops::add);
            }
            return Verdict.ofKey(Verdict.Status.INVALID, key, why.toString(), List.copyOf(ops), opsChecked, 0);
        }

        private static String count(List<Long> elements, String noun) {
            StringJoiner shown = new StringJoiner(", ", " (", elements.size() > MAX_LISTED ? ", ...)" : ")");
            elements.stream().limit(MAX_LISTED).forEach(e -> shown.add(e.toString()));
            return elements.size() + " " + noun + (elements.size() == 1 ? "" : "s") + shown;
        }
    }
}
