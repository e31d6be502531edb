package io.aerie.config;

/** A config file that cannot be used; the message names the file, the line and the parameter. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error at {@code source:line}. */
    static ConfigException at(String source, int line, String message) {
        return new ConfigException(source + ":" + line + ": " + message);
    }
}
