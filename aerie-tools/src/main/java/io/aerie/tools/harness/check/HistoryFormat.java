package io.aerie.tools.harness.check;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A line-per-op text form of a history, so a run can be saved and checked again.
 *
 * <p>Each line is {@code process kind outcome invokeNanos completeNanos value expected [elements] key}, with {@code -}
 * for a null value or expected, elements comma-separated in brackets, and the key URL-encoded (it may hold spaces or
 * be empty, so it comes last). Blank lines and lines starting with {@code #} are ignored.
 */
public final class HistoryFormat {
    private static final String HEADER =
            "# aerie history v1: process kind outcome invoke complete value expected" + " [elements] key";
    private static final int FIELDS = 9;

    private HistoryFormat() {}

    /** The whole history as text, one line per op after a comment header. */
    public static String write(List<Op> history) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Op op : history) {
            out.append(line(op)).append('\n');
        }
        return out.toString();
    }

    /** One op as a line, without the line break. */
    public static String line(Op op) {
        StringBuilder out = new StringBuilder();
        out.append(op.process())
                .append(' ')
                .append(op.kind())
                .append(' ')
                .append(op.outcome())
                .append(' ')
                .append(op.invokeNanos())
                .append(' ')
                .append(op.completeNanos())
                .append(' ')
                .append(orDash(op.value()))
                .append(' ')
                .append(orDash(op.expected()))
                .append(" [");
        for (int i = 0; i < op.elements().size(); i++) {
            out.append(i == 0 ? "" : ",").append(op.elements().get(i));
        }
        return out.append("] ")
                .append(URLEncoder.encode(op.key(), StandardCharsets.UTF_8))
                .toString();
    }

    /** Parses text written by {@link #write}; throws IllegalArgumentException naming the first bad line. */
    public static List<Op> parse(String text) {
        List<Op> ops = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                ops.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(ops);
    }

    /** Parses one line written by {@link #line}. */
    public static Op parseLine(String line) {
        String[] f = line.split(" ", FIELDS);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " fields: " + line);
        }
        return new Op(
                Integer.parseInt(f[0]),
                URLDecoder.decode(f[8], StandardCharsets.UTF_8),
                OpKind.valueOf(f[1]),
                dashOrLong(f[5]),
                dashOrLong(f[6]),
                elements(f[7]),
                Outcome.valueOf(f[2]),
                Long.parseLong(f[3]),
                Long.parseLong(f[4]));
    }

    private static String orDash(@Nullable Long value) {
        return value == null ? "-" : value.toString();
    }

    private static @Nullable Long dashOrLong(String field) {
        return field.equals("-") ? null : Long.parseLong(field);
    }

    private static List<Long> elements(String field) {
        if (field.length() < 2 || field.charAt(0) != '[' || field.charAt(field.length() - 1) != ']') {
            throw new IllegalArgumentException("elements must be bracketed: " + field);
        }
        String inner = field.substring(1, field.length() - 1);
        List<Long> out = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String e : inner.split(",", -1)) {
                out.add(Long.parseLong(e));
            }
        }
        return out;
    }
}
