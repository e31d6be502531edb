package io.aerie.config;

import java.util.Locale;

/**
 * Value syntax shared by {@code aerospike.conf} and run-time configuration commands, as Aerospike reads it.
 *
 * <ul>
 *   <li>Sizes: a whole number of bytes, optionally followed by {@code K}, {@code M}, {@code G}, {@code T} or
 *       {@code P} (either case), each a power of 1024: {@code 4G} is 4 GiB.
 *   <li>Durations: a whole number of seconds, optionally followed by {@code s}, {@code m}, {@code h} or
 *       {@code d} (either case): {@code 30d} is 2,592,000 seconds.
 *   <li>Booleans: {@code true} or {@code false} ({@code yes} and {@code no} also accepted), any case.
 * </ul>
 *
 * <p>Each method throws {@link IllegalArgumentException} describing the expected form when the text does not
 * match it.
 */
public final class ConfigValues {
    private ConfigValues() {}

    /** Parses a byte size such as {@code 1048576}, {@code 128K} or {@code 4G}. */
    public static long parseSize(String text) {
        return parseScaled(text, true, "a size in bytes, optionally with a K, M, G, T or P suffix");
    }

    /** Parses a duration in seconds such as {@code 3600}, {@code 90s}, {@code 10m}, {@code 12h} or {@code 30d}. */
    public static long parseSeconds(String text) {
        return parseScaled(text, false, "a number of seconds, optionally with an s, m, h or d suffix");
    }

    /** Parses {@code true}/{@code yes} or {@code false}/{@code no}, ignoring case. */
    public static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** Parses a plain non-negative decimal integer. */
    public static long parseUnsigned(String text) {
        if (text.isEmpty() || !allDigits(text, text.length())) {
            throw new IllegalArgumentException("expected a whole number");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number that fits in 64 bits", e);
        }
    }

    private static long parseScaled(String text, boolean size, String expected) {
        int digits = text.length();
        long multiplier = 1;
        if (!text.isEmpty() && !Character.isDigit(text.charAt(text.length() - 1))) {
            digits = text.length() - 1;
            multiplier = size ? sizeMultiplier(text.charAt(digits)) : timeMultiplier(text.charAt(digits));
            if (multiplier == 0) {
                throw new IllegalArgumentException("expected " + expected);
            }
        }
        if (digits == 0 || !allDigits(text, digits)) {
            throw new IllegalArgumentException("expected " + expected);
        }
        try {
            return Math.multiplyExact(Long.parseLong(text.substring(0, digits)), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("value too large: expected " + expected, e);
        }
    }

    private static boolean allDigits(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long sizeMultiplier(char suffix) {
        return switch (Character.toUpperCase(suffix)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            case 'T' -> 1L << 40;
            case 'P' -> 1L << 50;
            default -> 0;
        };
    }

    private static long timeMultiplier(char suffix) {
        return switch (Character.toLowerCase(suffix)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default -> 0;
        };
    }
}
