package io.aerie.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One {@code console { ... }} or {@code file PATH { ... }} sink of the {@code logging} stanza.
 *
 * @param file the log file path; null for the console
 * @param contexts {@code context NAME LEVEL} lines as context name to level, in effect order: {@code any}
 *     sets every context and so comes first. Levels are {@code critical}, {@code warning}, {@code info},
 *     {@code debug} and {@code detail}; names and levels are lower case.
 */
public record LogSink(@Nullable String file, Map<String, String> contexts) {
    /** The context name that sets every context. */
    public static final String ANY = "any";
    /** Aerospike's log levels, least to most verbose. */
    public static final Set<String> LEVELS = Set.of("critical", "warning", "info", "debug", "detail");

    public LogSink {
        Map<String, String> copy = new LinkedHashMap<>();
        contexts.forEach((name, level) -> {
            String lowerLevel = level.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(lowerLevel)) {
                throw new IllegalArgumentException(
                        "log level must be critical, warning, info, debug or detail, not " + level);
            }
            copy.put(name.toLowerCase(Locale.ROOT), lowerLevel);
        });
        contexts = Collections.unmodifiableMap(copy);
    }

    /** A console sink logging every context at {@code level}. */
    public static LogSink console(String level) {
        return new LogSink(null, Map.of(ANY, level));
    }

    /** The level for {@code context}: its own, else {@code any}'s, else null (not logged). */
    public @Nullable String levelFor(String context) {
        String own = contexts.get(context.toLowerCase(Locale.ROOT));
        return own != null ? own : contexts.get(ANY);
    }
}
