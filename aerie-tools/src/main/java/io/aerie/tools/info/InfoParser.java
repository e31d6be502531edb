package io.aerie.tools.info;

import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads info answers: {@code k=v} lists, {@code replicas} bitmaps and {@code peers-*} lists. No I/O. */
public final class InfoParser {
    /** Partitions per namespace. */
    public static final int PARTITIONS = 4096;

    private InfoParser() {}

    /**
     * The {@code k=v} pairs of a {@code ;}-separated answer such as {@code statistics}, in order;
     * items without {@code =} are left out.
     */
    public static Map<String, String> pairs(String answer) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : answer.split(";", -1)) {
            int eq = item.indexOf('=');
            if (eq > 0) {
                out.put(item.substring(0, eq).trim(), item.substring(eq + 1));
            }
        }
        return out;
    }

    /**
     * One namespace's {@code replicas} row.
     *
     * @param namespace the namespace
     * @param columns per copy, the partitions this node holds: column 0 those it is master of,
     *     column i those it is replica i of
     */
    public record NamespaceReplicas(String namespace, List<BitSet> columns) {
        public NamespaceReplicas {
            columns = List.copyOf(columns);
        }

        /** Partitions this node is master of. */
        public int masters() {
            return columns.isEmpty() ? 0 : columns.get(0).cardinality();
        }

        /** Partitions this node holds as a replica, summed over the replica columns. */
        public int replicas() {
            int n = 0;
            for (int i = 1; i < columns.size(); i++) {
                n += columns.get(i).cardinality();
            }
            return n;
        }

        /** The partitions this node is master of. */
        public BitSet masterSet() {
            return columns.isEmpty()
                    ? new BitSet(PARTITIONS)
                    : (BitSet) columns.get(0).clone();
        }
    }

    /**
     * Reads a {@code replicas} answer ({@code ns:regime,n,b64,...;}), a {@code replicas-all} answer
     * ({@code ns:n,b64,...;}) or an old-style {@code ns:b64;} one, namespace by namespace.
     */
    public static Map<String, NamespaceReplicas> replicas(String answer) {
        Map<String, NamespaceReplicas> out = new LinkedHashMap<>();
        for (String row : answer.split(";", -1)) {
            int colon = row.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String ns = row.substring(0, colon).trim();
            String[] tokens = java.util.Arrays.stream(row.substring(colon + 1).split(",", -1))
                    .map(String::trim)
                    .filter(t -> !t.isEmpty())
                    .toArray(String[]::new);
            int first = bitmapsStart(tokens);
            List<BitSet> columns = new ArrayList<>();
            for (int i = first; i < tokens.length; i++) {
                columns.add(bitmap(tokens[i].trim()));
            }
            out.put(ns, new NamespaceReplicas(ns, columns));
        }
        return out;
    }

    /** Where the bitmaps start: after regime and count, after count only, or at once. */
    private static int bitmapsStart(String[] tokens) {
        if (tokens.length == 0) {
            return 0;
        }
        if (tokens.length >= 2 && isCount(tokens[1], tokens.length - 2) && isSmallInt(tokens[0])) {
            return 2;
        }
        if (isCount(tokens[0], tokens.length - 1)) {
            return 1;
        }
        return 0;
    }

    private static boolean isCount(String token, int expected) {
        return isSmallInt(token) && Integer.parseInt(token.trim()) == expected;
    }

    private static boolean isSmallInt(String token) {
        String t = token.trim();
        return !t.isEmpty() && t.length() <= 4 && t.chars().allMatch(Character::isDigit);
    }

    /** Decodes a base64 partition bitmap: partition p is bit {@code 0x80 >>> (p & 7)} of byte {@code p >> 3}. */
    public static BitSet bitmap(String base64) {
        byte[] bits = Base64.getDecoder().decode(base64);
        BitSet set = new BitSet(PARTITIONS);
        for (int p = 0; p < bits.length * 8; p++) {
            if ((bits[p >> 3] & (0x80 >>> (p & 7))) != 0) {
                set.set(p);
            }
        }
        return set;
    }

    /** Partitions set in a base64 bitmap. */
    public static int popcount(String base64) {
        return bitmap(base64).cardinality();
    }

    /**
     * Reads a {@code peers-clear-std} answer: {@code gen,port,[[ID,TLS,[host:port,...]],...]}. Hosts
     * without a port get the default port; IPv6 hosts come in brackets.
     *
     * @throws IllegalArgumentException when the answer is not a peers list
     */
    public static Peers peers(String answer) {
        List<String> top = splitTopLevel(answer.trim());
        if (top.size() != 3) {
            throw new IllegalArgumentException("not a peers answer: " + answer);
        }
        int generation = parseInt(top.get(0), answer);
        int defaultPort = parseInt(top.get(1), answer);
        List<Peers.Peer> peers = new ArrayList<>();
        for (String item : splitTopLevel(unbracket(top.get(2), answer))) {
            List<String> fields = splitTopLevel(unbracket(item, answer));
            if (fields.size() < 3) {
                throw new IllegalArgumentException("not a peer: " + item);
            }
            List<Peers.HostPort> hosts = new ArrayList<>();
            for (String h : splitTopLevel(unbracket(fields.get(2), answer))) {
                hosts.add(hostPort(h, defaultPort));
            }
            peers.add(new Peers.Peer(fields.get(0).trim(), fields.get(1).trim(), hosts));
        }
        return new Peers(generation, defaultPort, peers);
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    public static Peers.HostPort hostPort(String text, int defaultPort) {
        String t = text.trim();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed IPv6 address: " + text);
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            int port = rest.startsWith(":") ? parseInt(rest.substring(1), text) : defaultPort;
            return new Peers.HostPort(host, port);
        }
        int colon = t.indexOf(':');
        if (colon >= 0 && colon == t.lastIndexOf(':')) {
            return new Peers.HostPort(t.substring(0, colon), parseInt(t.substring(colon + 1), text));
        }
        return new Peers.HostPort(t, defaultPort);
    }

    /** The items of a comma-separated list, splitting only at commas outside brackets. */
    static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static String unbracket(String text, String whole) {
        String t = text.trim();
        if (t.length() < 2 || t.charAt(0) != '[' || t.charAt(t.length() - 1) != ']') {
            throw new IllegalArgumentException("expected [...] in peers answer: " + whole);
        }
        return t.substring(1, t.length() - 1);
    }

    private static int parseInt(String text, String whole) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number '" + text + "' in: " + whole, e);
        }
    }
}
