package io.aerie.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import io.aerie.config.LogSink;
import io.aerie.config.LoggingConfig;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies aerospike.conf's {@code logging} stanza to Logback: each sink becomes an appender, and
 * the {@code any} context sets its level (Aerospike's contexts map onto our whole node for now).
 */
final class LoggingSetup {
    private static final String PATTERN = "%d{MMM dd yyyy HH:mm:ss.SSS 'GMT'Z} %-5level [%thread] %logger{20}: %msg%n";

    private LoggingSetup() {}

    static void apply(LoggingConfig config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        Level finest = Level.ERROR;
        for (LogSink sink : config.sinks()) {
            Level level = level(sink.contexts());
            OutputStreamAppender<ILoggingEvent> appender = appender(context, sink);
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(level.toString());
            threshold.start();
            appender.addFilter(threshold);
            appender.start();
            root.addAppender(appender);
            if (level.toInt() < finest.toInt()) {
                finest = level;
            }
        }
        root.setLevel(finest);
        context.getLogger("io.netty").setLevel(Level.WARN);
    }

    private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, LogSink sink) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        String file = sink.file();
        OutputStreamAppender<ILoggingEvent> appender;
        if (file == null) {
            appender = new ConsoleAppender<>();
        } else {
            FileAppender<ILoggingEvent> fa = new FileAppender<>();
            fa.setFile(file);
            appender = fa;
        }
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setName(file == null ? "console" : file);
        return appender;
    }

    /** Aerospike levels (critical, warning, info, debug, detail) as Logback levels. */
    private static Level level(Map<String, String> contexts) {
        String l = contexts.getOrDefault("any", "info").toLowerCase(Locale.ROOT);
        return switch (l) {
            case "critical" -> Level.ERROR;
            case "warning" -> Level.WARN;
            case "debug" -> Level.DEBUG;
            case "detail" -> Level.TRACE;
            default -> Level.INFO;
        };
    }
}
