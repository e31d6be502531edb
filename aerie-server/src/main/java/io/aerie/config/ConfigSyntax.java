package io.aerie.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Splits {@code aerospike.conf} text into a tree of {@link ConfigEntry}, as Aerospike reads it: everything
 * from {@code #} to the end of a line is a comment; words are separated by spaces or tabs; a line whose last
 * word is <code>{</code> opens a stanza and a line holding only <code>}</code> closes it; any other line is one
 * parameter and its values.
 */
final class ConfigSyntax {
    /** The top-level entries and the number of lines read. */
    record Document(List<ConfigEntry> entries, int lineCount) {}

    private static final String OPEN = "{";
    private static final String CLOSE = "}";

    private record Open(int line, String name, List<String> values, List<ConfigEntry> children) {}

    private ConfigSyntax() {}

    static Document read(String text, String source) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<ConfigEntry> top = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            List<String> words = words(i == 0 ? stripByteOrderMark(lines[i]) : lines[i]);
            if (words.isEmpty()) {
                continue;
            }
            Open current = open.peek();
            List<ConfigEntry> siblings = current == null ? top : current.children();
            String first = words.get(0);
            String last = words.get(words.size() - 1);
            if (words.size() == 1 && first.equals(CLOSE)) {
                if (current == null) {
                    throw new ConfigException(source, lineNumber, CLOSE, "unexpected '}': no stanza is open");
                }
                open.pop();
                Open parent = open.peek();
                (parent == null ? top : parent.children())
                        .add(new ConfigEntry(current.line(), current.name(), current.values(), current.children()));
            } else if (last.equals(OPEN)) {
                if (words.size() == 1) {
                    throw new ConfigException(
                            source, lineNumber, OPEN, "'{' must follow a stanza name on the same line");
                }
                List<String> values = words.subList(1, words.size() - 1);
                checkNoBraces(source, lineNumber, first, words.subList(0, words.size() - 1));
                open.push(new Open(lineNumber, first, values, new ArrayList<>()));
            } else {
                checkNoBraces(source, lineNumber, first, words);
                siblings.add(new ConfigEntry(lineNumber, first, words.subList(1, words.size()), null));
            }
        }
        Open unclosed = open.peek();
        if (unclosed != null) {
            String header = new ConfigEntry(unclosed.line(), unclosed.name(), unclosed.values(), null).header();
            throw new ConfigException(
                    source,
                    unclosed.line(),
                    unclosed.name(),
                    "stanza '" + header + "' is not closed: missing '}' before the end of the file");
        }
        int lineCount = lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        return new Document(top, lineCount);
    }

    private static List<String> words(String line) {
        int comment = line.indexOf('#');
        String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
        return content.isEmpty() ? List.of() : Arrays.asList(content.split("\\s+"));
    }

    private static void checkNoBraces(String source, int line, String name, List<String> words) {
        for (String word : words) {
            if (word.contains(OPEN) || word.contains(CLOSE)) {
                throw new ConfigException(
                        source,
                        line,
                        name,
                        "unexpected brace in '" + word + "' on the line of '" + name
                                + "': '{' must end a stanza's first line, after a space, and '}' must be alone on"
                                + " its line");
            }
        }
    }

    private static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
