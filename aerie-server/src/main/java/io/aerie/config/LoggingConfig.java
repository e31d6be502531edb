package io.aerie.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code logging} stanza: sinks, each with levels per context.
 *
 * @param sinks {@code console} and {@code file PATH} sub-stanzas
 */
public record LoggingConfig(List<LogSink> sinks) {
    public LoggingConfig {
        sinks = List.copyOf(sinks);
    }

    /** Console logging of every context at info. */
    public static LoggingConfig defaults() {
        return new LoggingConfig(List.of(new LogSink(null, Map.of("any", "info"))));
    }

    /**
     * One sink.
     *
     * @param file the log file; null = the console
     * @param contexts {@code context NAME LEVEL} lines: context name to level
     */
    public record LogSink(@Nullable String file, Map<String, String> contexts) {
        public LogSink {
            contexts = Map.copyOf(contexts);
        }
    }
}
