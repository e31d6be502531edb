package io.aerie.config;

import java.util.Locale;

/** Value syntax of aerospike.conf: sizes with K/M/G/T, durations with s/m/h/d, booleans, ranges. */
final class ConfValues {
    private final String source;

    ConfValues(String source) {
        this.source = source;
    }

    String single(ConfEntry p) {
        if (p.args().size() != 1) {
            throw error(
                    p,
                    "parameter '" + p.name() + "' takes exactly one value, got "
                            + p.args().size());
        }
        return p.args().get(0);
    }

    long size(ConfEntry p) {
        String v = single(p).toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            case 'T' -> unit = 1L << 40;
            default -> {}
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw error(p, "parameter '" + p.name() + "': size out of range: " + single(p));
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw error(p, "parameter '" + p.name() + "': not a size (like 4G, 512M, 1024): " + single(p));
        }
    }

    long seconds(ConfEntry p) {
        String v = single(p).toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 's' -> unit = 1;
            case 'm' -> unit = 60;
            case 'h' -> unit = 3600;
            case 'd' -> unit = 86400;
            default -> unit = 0;
        }
        String digits = unit == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0) {
                throw error(p, "parameter '" + p.name() + "': negative duration: " + single(p));
            }
            return n * (unit == 0 ? 1 : unit);
        } catch (NumberFormatException e) {
            throw error(p, "parameter '" + p.name() + "': not a duration (like 30d, 12h, 10m, 60): " + single(p));
        }
    }

    int integer(ConfEntry p, int min, int max) {
        try {
            long n = Long.parseLong(single(p));
            if (n < min || n > max) {
                throw error(p, "parameter '" + p.name() + "' must be in " + min + ".." + max + ", got " + n);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw error(p, "parameter '" + p.name() + "': not an integer: " + single(p));
        }
    }

    boolean bool(ConfEntry p) {
        String v = single(p).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw error(p, "parameter '" + p.name() + "': expected true or false, got " + single(p));
        };
    }

    String oneOf(ConfEntry p, String... allowed) {
        String v = single(p).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return a;
            }
        }
        throw error(
                p, "parameter '" + p.name() + "' must be one of " + String.join(", ", allowed) + ", got " + single(p));
    }

    ConfigException error(ConfEntry e, String message) {
        return ConfigException.at(source, e.line(), message);
    }
}
