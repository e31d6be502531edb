package io.aerie.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The lines of one stanza while they are interpreted: reads typed values from its entries and reports
 * problems as {@link ConfigException}s naming the source, line, parameter and stanza.
 */
final class Section {
    private final String source;
    private final String label;
    private final List<ConfigEntry> entries;
    private final List<String> ignored;

    Section(String source, String label, List<ConfigEntry> entries, List<String> ignored) {
        this.source = source;
        this.label = label;
        this.entries = entries;
        this.ignored = ignored;
    }

    List<ConfigEntry> entries() {
        return entries;
    }

    /** The stanza {@code stanza}, which must open a block, as a section of its own. */
    Section child(ConfigEntry stanza) {
        requireStanza(stanza);
        String header = stanza.header();
        return new Section(source, label.isEmpty() ? header : label + " > " + header, stanza.body(), ignored);
    }

    /** A section with no lines, for a stanza the file leaves out. */
    Section empty(String name) {
        return new Section(source, label.isEmpty() ? name : label + " > " + name, List.of(), ignored);
    }

    private String where() {
        return label.isEmpty() ? "at the top level" : "in stanza '" + label + "'";
    }

    ConfigException error(ConfigEntry entry, String detail) {
        return new ConfigException(source, entry.line(), entry.name(), detail);
    }

    ConfigException unknown(ConfigEntry entry) {
        String kind = entry.isStanza() ? "stanza" : "parameter";
        return error(entry, "unknown " + kind + " '" + entry.name() + "' " + where());
    }

    ConfigException invalid(ConfigEntry entry, String value, String expected) {
        return error(entry, "invalid value '" + value + "' for '" + entry.name() + "' " + where() + ": " + expected);
    }

    /**
     * Accepts a real Aerospike parameter or stanza that Aerie does not act on, recording it as ignored; fails
     * for a name not in {@code known}. An ignored stanza's own parameters are checked when
     * {@link KnownParameters#contentOf} knows them.
     */
    void ignore(ConfigEntry entry, Set<String> known) {
        if (!known.contains(entry.name())) {
            throw unknown(entry);
        }
        if (entry.isStanza()) {
            Set<String> content = KnownParameters.contentOf(entry.name());
            if (content != null) {
                Section inner = child(entry);
                for (ConfigEntry line : inner.entries()) {
                    if (!content.contains(line.name())) {
                        throw inner.unknown(line);
                    }
                }
            }
            ignored.add(source + ":" + entry.line() + ": stanza '" + entry.header() + "' " + where());
        } else {
            ignored.add(source + ":" + entry.line() + ": '" + entry.name() + "' " + where());
        }
    }

    /** Records a repeated parameter of which only the first occurrence is used. */
    void ignoreRepeat(ConfigEntry entry) {
        ignored.add(source + ":" + entry.line() + ": repeated '" + entry.name() + "' " + where()
                + " (only the first is used)");
    }

    /** Fails when a stanza that may appear once appears again. */
    void once(ConfigEntry entry, boolean seen) {
        if (seen) {
            throw error(entry, "duplicate stanza '" + entry.header() + "' " + where());
        }
    }

    void requireStanza(ConfigEntry entry) {
        if (!entry.isStanza()) {
            throw error(entry, "'" + entry.name() + "' " + where() + " must open a stanza: '" + entry.name() + " {'");
        }
    }

    void requireParameter(ConfigEntry entry) {
        if (entry.isStanza()) {
            throw error(entry, "'" + entry.name() + "' " + where() + " is a parameter and cannot open a stanza");
        }
    }

    /** The values of a parameter that takes from {@code min} to {@code max} of them. */
    List<String> values(ConfigEntry entry, int min, int max) {
        requireParameter(entry);
        int count = entry.values().size();
        if (count < min || count > max) {
            String wanted = min == max ? (min == 1 ? "one value" : min + " values") : min + " to " + max + " values";
            throw error(entry, "'" + entry.name() + "' " + where() + " takes " + wanted + ", not " + count);
        }
        return entry.values();
    }

    /** The single value of a parameter. */
    String text(ConfigEntry entry) {
        return values(entry, 1, 1).get(0);
    }

    /** The single value, lower-cased, which must be one of {@code allowed}. */
    String choice(ConfigEntry entry, Set<String> allowed) {
        String value = text(entry);
        String lower = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw invalid(
                    entry,
                    value,
                    "expected one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
        }
        return lower;
    }

    boolean bool(ConfigEntry entry) {
        String value = text(entry);
        return convert(entry, value, () -> ConfigValues.parseBoolean(value));
    }

    int integer(ConfigEntry entry, int min, int max) {
        return (int) wholeNumber(entry, min, max);
    }

    long wholeNumber(ConfigEntry entry, long min, long max) {
        String value = text(entry);
        long number = convert(entry, value, () -> ConfigValues.parseUnsigned(value));
        return inRange(entry, value, number, min, max, "a whole number");
    }

    int percent(ConfigEntry entry) {
        return integer(entry, 0, 100);
    }

    int port(ConfigEntry entry) {
        return port(entry, text(entry));
    }

    int port(ConfigEntry entry, String value) {
        long number = convert(entry, value, () -> ConfigValues.parseUnsigned(value));
        return (int) inRange(entry, value, number, 1, Limits.MAX_PORT, "a port number");
    }

    long size(ConfigEntry entry, long min, long max) {
        String value = text(entry);
        long bytes = convert(entry, value, () -> ConfigValues.parseSize(value));
        return inRange(entry, value, bytes, min, max, "a size");
    }

    long seconds(ConfigEntry entry, long min, long max) {
        String value = text(entry);
        long seconds = convert(entry, value, () -> ConfigValues.parseSeconds(value));
        return inRange(entry, value, seconds, min, max, "a duration in seconds");
    }

    private long inRange(ConfigEntry entry, String value, long number, long min, long max, String what) {
        if (number < min || number > max) {
            throw invalid(entry, value, "expected " + what + " from " + min + " to " + max);
        }
        return number;
    }

    private <T> T convert(ConfigEntry entry, String value, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw invalid(entry, value, message(e));
        }
    }

    /**
     * Reports a rule that a record enforces across values already checked one by one, against the stanza
     * {@code entry} that set them.
     */
    ConfigException rejected(ConfigEntry entry, IllegalArgumentException e) {
        return new ConfigException(source, entry.line(), entry.name(), message(e) + " " + where(), e);
    }

    private static String message(IllegalArgumentException e) {
        @Nullable String message = e.getMessage();
        return message == null ? e.toString() : message;
    }
}
