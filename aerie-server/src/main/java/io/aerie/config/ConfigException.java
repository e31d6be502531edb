package io.aerie.config;

import org.jspecify.annotations.Nullable;

/**
 * A configuration problem. When it comes from a file the message has the form
 * {@code "<file>:<line>: <what is wrong with which parameter>"}, for example
 * {@code "aerospike.conf:12: unknown parameter 'foo' in stanza 'namespace test'"}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String sourceName;
    private final int line;
    private final @Nullable String parameter;

    /** A problem not tied to a place in a file (for example a programmatic override). */
    public ConfigException(String message) {
        super(message);
        this.sourceName = null;
        this.line = 0;
        this.parameter = null;
    }

    /** A problem at {@code line} of {@code sourceName} concerning {@code parameter}. */
    public ConfigException(String sourceName, int line, @Nullable String parameter, String detail) {
        this(sourceName, line, parameter, detail, null);
    }

    /** As {@link #ConfigException(String, int, String, String)}, with the underlying cause. */
    public ConfigException(
            String sourceName, int line, @Nullable String parameter, String detail, @Nullable Throwable cause) {
        super(line > 0 ? sourceName + ":" + line + ": " + detail : sourceName + ": " + detail, cause);
        this.sourceName = sourceName;
        this.line = line;
        this.parameter = parameter;
    }

    /** The file (or other source) name, or null when the problem is not tied to a source. */
    public @Nullable String sourceName() {
        return sourceName;
    }

    /** The 1-based line number, or 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }

    /** The parameter or stanza concerned, or null when none is. */
    public @Nullable String parameter() {
        return parameter;
    }
}
