package io.aerie.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads aerospike.conf syntax into a tree of {@link ConfEntry}: {@code #} comments, one parameter
 * per line, stanzas opened by a trailing {@code {} and closed by {@code }}.
 */
final class ConfReader {
    private ConfReader() {}

    static List<ConfEntry> read(String text, String source) {
        Deque<Open> stack = new ArrayDeque<>();
        List<ConfEntry> top = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            List<String> tokens = tokenize(lines[i]);
            List<String> words = new ArrayList<>();
            for (String t : tokens) {
                if (t.equals("{")) {
                    if (words.isEmpty()) {
                        throw ConfigException.at(source, lineNo, "'{' without a stanza name");
                    }
                    stack.push(new Open(
                            words.get(0), List.copyOf(words.subList(1, words.size())), lineNo, new ArrayList<>()));
                    words.clear();
                } else if (t.equals("}")) {
                    addParameter(words, lineNo, stack, top);
                    words.clear();
                    if (stack.isEmpty()) {
                        throw ConfigException.at(source, lineNo, "'}' closes no stanza");
                    }
                    Open done = stack.pop();
                    ConfEntry stanza = new ConfEntry(done.name, done.args, done.line, List.copyOf(done.children));
                    (stack.isEmpty() ? top : stack.peek().children).add(stanza);
                } else {
                    words.add(t);
                }
            }
            addParameter(words, lineNo, stack, top);
        }
        if (!stack.isEmpty()) {
            Open open = stack.peek();
            throw ConfigException.at(source, open.line, "stanza '" + open.name + "' is never closed with '}'");
        }
        return top;
    }

    private static void addParameter(List<String> words, int lineNo, Deque<Open> stack, List<ConfEntry> top) {
        if (words.isEmpty()) {
            return;
        }
        ConfEntry p = new ConfEntry(words.get(0), List.copyOf(words.subList(1, words.size())), lineNo, null);
        (stack.isEmpty() ? top : stack.peek().children).add(p);
    }

    private static List<String> tokenize(String line) {
        int hash = line.indexOf('#');
        String text = hash >= 0 ? line.substring(0, hash) : line;
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '{' || c == '}') {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
                if (c == '{' || c == '}') {
                    out.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }

    private record Open(String name, List<String> args, int line, List<ConfEntry> children) {}
}
