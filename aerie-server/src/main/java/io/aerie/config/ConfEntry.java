package io.aerie.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of an aerospike.conf file: a parameter ({@code name value...}) or a stanza ({@code name
 * [arg] { children }}).
 *
 * @param name the first word
 * @param args the words after it
 * @param line 1-based line number
 * @param children the stanza's entries; null for a parameter
 */
record ConfEntry(
        String name, List<String> args, int line, @Nullable List<ConfEntry> children) {
    boolean isStanza() {
        return children != null;
    }

    List<ConfEntry> body() {
        return children == null ? List.of() : children;
    }
}
