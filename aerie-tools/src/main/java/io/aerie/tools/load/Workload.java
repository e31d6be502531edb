package io.aerie.tools.load;

import java.util.Locale;

/**
 * What each operation does, parsed from Aerospike benchmark syntax: {@code I} inserts every key
 * once; {@code RU,<read%>} picks a random key and reads it or updates the whole record.
 *
 * @param insert whether this is the linear-insert workload
 * @param readPercent share of reads in a read/update workload, 0..100
 */
public record Workload(boolean insert, int readPercent) {
    public Workload {
        if (readPercent < 0 || readPercent > 100) {
            throw new IllegalArgumentException("read percent must be 0..100, got " + readPercent);
        }
    }

    /** Parses {@code I} or {@code RU,<read%>}. */
    public static Workload parse(String spec) {
        String s = spec.trim().toUpperCase(Locale.ROOT);
        if (s.equals("I")) {
            return new Workload(true, 0);
        }
        if (s.startsWith("RU")) {
            String[] parts = s.split(",", -1);
            if (parts.length == 1) {
                return new Workload(false, 50);
            }
            try {
                return new Workload(false, Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad read percent in workload '" + spec + "'", e);
            }
        }
        throw new IllegalArgumentException("unknown workload '" + spec + "' (expected I or RU,<read%>)");
    }

    /** Whether the operation drawn as {@code roll} (uniform in 0..99) is a read. */
    public boolean isRead(int roll) {
        return !insert && roll < readPercent;
    }

    @Override
    public String toString() {
        return insert ? "INSERT" : "READ_UPDATE (" + readPercent + "% reads)";
    }
}
