package io.aerie.tools.harness;

import io.aerie.tools.harness.check.CounterReport;
import io.aerie.tools.harness.check.SetReport;
import io.aerie.tools.harness.check.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's report as text: a table with a row per fault type (ops and outcomes, each checker's verdict, lost
 * acknowledged writes), then each segment's details: verdict explanations, lost writes, client errors, notes.
 */
public final class Report {
    private static final String ROW = "%-10s %7s %7s %7s %6s  %-9s %-9s %-9s %5s  %s%n";

    private Report() {}

    /** The table and details for {@code results} of the run seeded {@code seed}. */
    public static String render(long seed, List<SegmentResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(table(results)).append('\n');
        for (SegmentResult r : results) {
            out.append(details(r)).append('\n');
        }
        out.append(summary(seed, results)).append('\n');
        return out.toString();
    }

    /** One row per segment under a header. */
    public static String table(List<SegmentResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, ROW, "fault", "ops", "ok", "fail", "info", "register", "counter", "set", "lost", "time"));
        for (SegmentResult r : results) {
            if (r.skipped() != null) {
                out.append(String.format(
                        Locale.ROOT, "%-10s skipped: %s%n", r.segment().type().label(), r.skipped()));
                continue;
            }
            Checks c = r.checks();
            out.append(String.format(
                    Locale.ROOT,
                    ROW,
                    r.segment().type().label(),
                    r.counts().ops(),
                    r.counts().ok(),
                    r.counts().fail(),
                    r.counts().info(),
                    cell(c.register()),
                    cell(c.counter().verdict()),
                    cell(c.set().verdict()),
                    c.lostAcknowledged(),
                    String.format(Locale.ROOT, "%.0f s", r.elapsedMillis() / 1000.0)));
        }
        return out.toString();
    }

    /** A verdict as a table cell: its status, or {@code -} when its workload did not run. */
    static String cell(Verdict v) {
        return v.keys() == 0 ? "-" : v.status().name();
    }

    /** One segment's explanations, lost writes, errors and notes. */
    public static String details(SegmentResult r) {
        StringBuilder out =
                new StringBuilder("== segment ").append(r.segment().name()).append(" ==\n");
        if (r.skipped() != null) {
            return out.append("  skipped: ").append(r.skipped()).append('\n').toString();
        }
        out.append("  history: ").append(r.history()).append('\n');
        Checks c = r.checks();
        verdict(out, "register", c.register());
        verdict(out, "counter", c.counter().verdict());
        for (CounterReport.KeyReport k : c.counter().keys()) {
            out.append(String.format(
                    Locale.ROOT,
                    "    %s: %d acknowledged, %d in doubt, final read %s, lost %d%n",
                    k.key(),
                    k.acknowledged(),
                    k.inDoubt(),
                    k.finalRead() == null ? "none" : k.finalRead().toString(),
                    k.lostAcknowledged()));
        }
        verdict(out, "set", c.set().verdict());
        for (SetReport.KeyReport k : c.set().keys()) {
            out.append(String.format(
                    Locale.ROOT,
                    "    %s: %d attempted, %d acknowledged, %d in doubt (%d recovered), lost %d%s%n",
                    k.key(),
                    k.attempted(),
                    k.acknowledged(),
                    k.inDoubt(),
                    k.recovered(),
                    k.lost().size(),
                    k.lost().isEmpty() ? "" : " " + abbreviate(k.lost())));
        }
        if (!r.okPerSecond().isEmpty()) {
            out.append("  ok ops per second:");
            r.okPerSecond().forEach(n -> out.append(' ').append(n));
            out.append('\n');
        }
        if (!r.errors().isEmpty()) {
            out.append("  client errors:");
            for (Map.Entry<String, Long> e : r.errors().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .toList()) {
                out.append(' ')
                        .append(e.getKey())
                        .append(" x")
                        .append(e.getValue())
                        .append(';');
            }
            out.append('\n');
        }
        for (String note : r.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static void verdict(StringBuilder out, String what, Verdict v) {
        if (v.keys() == 0) {
            return;
        }
        out.append("  ")
                .append(what)
                .append(": ")
                .append(v.status())
                .append(" - ")
                .append(v.explanation())
                .append('\n');
        if (!v.ops().isEmpty()) {
            out.append("    ops (history line = index + 2): ")
                    .append(abbreviate(v.ops()))
                    .append('\n');
        }
    }

    private static String abbreviate(List<? extends Number> values) {
        int shown = Math.min(values.size(), 20);
        String list = values.subList(0, shown).toString();
        return values.size() > shown ? list.substring(0, list.length() - 1) + ", ...]" : list;
    }

    /** The closing lines: the verdict over the run and how to reproduce it. */
    public static String summary(long seed, List<SegmentResult> results) {
        long lost =
                results.stream().mapToLong(r -> r.checks().lostAcknowledged()).sum();
        boolean invalid = results.stream().anyMatch(r -> r.checks().anyInvalid());
        boolean unknown = results.stream()
                .anyMatch(r -> r.skipped() == null && !r.checks().allValid());
        String verdict = invalid || lost > 0
                ? "FAILED: " + (invalid ? "a checker found the history INVALID" : "")
                        + (invalid && lost > 0 ? "; " : "")
                        + (lost > 0 ? lost + " acknowledged writes lost" : "")
                : unknown ? "no anomaly found, but some verdicts are UNKNOWN" : "PASSED: every verdict VALID";
        return verdict + "\nreproduce with --seed " + seed;
    }
}
