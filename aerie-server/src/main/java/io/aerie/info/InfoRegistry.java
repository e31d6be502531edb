package io.aerie.info;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Info commands by name, and the text protocol around them: a request is lines of {@code name},
 * {@code name:k=v;k=v} or {@code name/arg/arg}; the reply echoes each line, a tab, and the value.
 */
public final class InfoRegistry {
    /** Aerospike 8.1's answer to a command it does not know. */
    public static final String UNRECOGNIZED = "ERROR:4:unrecognized command";

    private final Map<String, InfoCommand> commands = new ConcurrentHashMap<>();
    private volatile List<String> summaryKeys = List.of();

    /** Registers a command; a later registration of the same name replaces it. */
    public InfoRegistry register(String name, InfoCommand command) {
        commands.put(name, command);
        return this;
    }

    /** Names answered, in order, for an empty request (the server summary). */
    public void setSummary(List<String> keys) {
        this.summaryKeys = List.copyOf(keys);
    }

    /** Answers one request body. */
    public byte[] execute(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(256);
        if (text.isBlank()) {
            for (String key : summaryKeys) {
                out.append(key).append('\t').append(answerLine(key)).append('\n');
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            out.append(line).append('\t').append(answerLine(line)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The value for one request line. */
    public String answerLine(String line) {
        int cut = firstSeparator(line);
        String name = cut < 0 ? line : line.substring(0, cut);
        String args = cut < 0 ? "" : line.substring(cut + 1);
        InfoCommand command = commands.get(name);
        if (command == null) {
            return UNRECOGNIZED;
        }
        try {
            return command.answer(name, args);
        } catch (IllegalArgumentException e) {
            return "ERROR:4:" + e.getMessage();
        }
    }

    private static int firstSeparator(String line) {
        int colon = line.indexOf(':');
        int slash = line.indexOf('/');
        if (colon < 0) {
            return slash;
        }
        return slash < 0 ? colon : Math.min(colon, slash);
    }

    /** Whether a name is registered. */
    public boolean has(String name) {
        return commands.containsKey(name);
    }

    /** Parses {@code k=v;k=v} parameters; keys without '=' map to "". */
    public static Map<String, String> params(String args) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String part : args.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                m.put(part, "");
            } else {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    /** A parameter by any of its names (8.1 renamed some: {@code ns}→{@code namespace}). */
    public static @Nullable String param(Map<String, String> params, String... names) {
        for (String n : names) {
            String v = params.get(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
