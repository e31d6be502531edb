package io.aerie.tools.load;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Formats the per-interval line and the final summary. */
final class Report {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Report() {}

    /** One interval: throughput, timeouts, errors and latency percentiles per op type. */
    static String intervalLine(LocalTime now, double seconds, OpStats writes, OpStats reads) {
        Histogram w = writes.interval();
        Histogram r = reads.interval();
        long total = w.getTotalCount() + r.getTotalCount();
        return String.format(
                Locale.ROOT,
                "%s write(tps=%d timeouts=%d errors=%d) read(tps=%d timeouts=%d errors=%d) total(tps=%d)"
                        + "  read p50/p99/p99.9=%s us  write p50/p99/p99.9=%s us",
                TIME.format(now),
                Math.round(w.getTotalCount() / seconds),
                writes.intervalTimeouts(),
                writes.intervalErrors(),
                Math.round(r.getTotalCount() / seconds),
                reads.intervalTimeouts(),
                reads.intervalErrors(),
                Math.round(total / seconds),
                percentiles(r),
                percentiles(w));
    }

    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "-/-/-";
        }
        return h.getValueAtPercentile(50) + "/" + h.getValueAtPercentile(99) + "/" + h.getValueAtPercentile(99.9);
    }

    /** The summary block of one op type over the measured part of the run. */
    static String summary(OpStats s, double seconds) {
        Histogram h = s.total();
        if (h.getTotalCount() == 0 && s.errors() == 0 && s.timeouts() == 0) {
            return String.format(Locale.ROOT, "%-6s none", s.name());
        }
        return String.format(
                Locale.ROOT,
                "%-6s count=%d tps=%d timeouts=%d errors=%d %s latency us: p50=%d p90=%d p99=%d p99.9=%d max=%d mean=%.1f",
                s.name(),
                h.getTotalCount(),
                Math.round(h.getTotalCount() / seconds),
                s.timeouts(),
                s.errors(),
                s.errorsByCode().isEmpty() ? "" : "by code " + s.errorsByCode(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue(),
                h.getMean());
    }

    /** The summary as a JSON object, for scripts. */
    static String json(LoadPlan plan, double seconds, OpStats writes, OpStats reads) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"workload\":\"").append(plan.workload()).append("\",");
        b.append("\"keys\":").append(plan.keys()).append(',');
        b.append("\"objectSize\":").append(plan.objectSize()).append(',');
        b.append("\"threads\":").append(plan.threads()).append(',');
        b.append(String.format(Locale.ROOT, "\"seconds\":%.3f,", seconds));
        long total = writes.total().getTotalCount() + reads.total().getTotalCount();
        b.append("\"tps\":").append(Math.round(total / seconds)).append(',');
        b.append("\"read\":").append(jsonOp(reads, seconds)).append(',');
        b.append("\"write\":").append(jsonOp(writes, seconds));
        return b.append('}').toString();
    }

    private static String jsonOp(OpStats s, double seconds) {
        Histogram h = s.total();
        return String.format(
                Locale.ROOT,
                "{\"count\":%d,\"tps\":%d,\"timeouts\":%d,\"errors\":%d,\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d}",
                h.getTotalCount(),
                Math.round(h.getTotalCount() / seconds),
                s.timeouts(),
                s.errors(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue());
    }
}
