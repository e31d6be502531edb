package io.aerie.config;

import java.util.List;

/**
 * The {@code logging} stanza: its console and file sinks in file order. ({@code syslog} sinks are accepted and
 * ignored.)
 */
public record LoggingConfig(List<LogSink> sinks) {
    public LoggingConfig {
        sinks = List.copyOf(sinks);
    }

    /** One console sink at {@code info} for every context. */
    public static LoggingConfig defaults() {
        return new LoggingConfig(List.of(LogSink.console("info")));
    }
}
