package io.aerie.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of a configuration file: a parameter ({@code name value...}) or the opening line of a stanza
 * (a name, values and an opening brace), in which case {@code children} holds the stanza's lines.
 */
record ConfigEntry(
        int line,
        String name,
        List<String> values,
        @Nullable List<ConfigEntry> children) {
    ConfigEntry {
        values = List.copyOf(values);
        children = children == null ? null : List.copyOf(children);
    }

    boolean isStanza() {
        return children != null;
    }

    /** The stanza's lines; empty for a parameter. */
    List<ConfigEntry> body() {
        return children == null ? List.of() : children;
    }

    /** The name followed by the values, as written: {@code namespace test}. */
    String header() {
        return values.isEmpty() ? name : name + " " + String.join(" ", values);
    }
}
