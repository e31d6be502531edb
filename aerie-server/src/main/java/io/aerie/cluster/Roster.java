package io.aerie.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A strong-consistency namespace's roster: the nodes its partitions are placed over, whether they
 * are up or not, each with its rack. Written as Aerospike writes it: upper-case hex node ids,
 * {@code @rack} when the rack is not 0, comma separated, {@code null} when empty.
 *
 * @param generation moves with every roster made active, so members pick the newest when they
 *     disagree after a split
 * @param nodes the entries, sorted by node id (Aerospike lists the roster in descending order)
 */
public record Roster(long generation, List<Entry> nodes) {
    /** No roster: a strong-consistency namespace serves nothing until one is set. */
    public static final Roster EMPTY = new Roster(0, List.of());

    /** Most nodes a roster may list. */
    public static final int MAX_NODES = 256;

    /** One roster node. */
    public record Entry(long nodeId, int rackId) {
        @Override
        public String toString() {
            String id = Long.toHexString(nodeId).toUpperCase(Locale.ROOT);
            return rackId == 0 ? id : id + "@" + rackId;
        }
    }

    public Roster {
        if (generation < 0) {
            throw new IllegalArgumentException("roster generation " + generation);
        }
        List<Entry> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> Long.compareUnsigned(b.nodeId(), a.nodeId()));
        Set<Long> seen = new HashSet<>();
        for (Entry e : sorted) {
            if (e.nodeId() == 0 || !seen.add(e.nodeId())) {
                throw new IllegalArgumentException("node " + e + " is listed twice or is zero");
            }
        }
        nodes = List.copyOf(sorted);
    }

    /**
     * Parses {@code A1B2@1,C3} (or {@code null} for none), as {@code roster-set} takes it.
     *
     * @throws IllegalArgumentException naming the entry that is not a node id, a rack or unique
     */
    public static Roster parse(long generation, String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("null")) {
            return new Roster(generation, List.of());
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            String p = part.trim();
            int at = p.indexOf('@');
            String id = at < 0 ? p : p.substring(0, at);
            int rack = 0;
            try {
                if (at >= 0) {
                    rack = Integer.parseInt(p.substring(at + 1));
                    if (rack < 0 || rack > 1_000_000) {
                        throw new NumberFormatException();
                    }
                }
                if (id.isEmpty() || id.length() > 16) {
                    throw new NumberFormatException();
                }
                entries.add(new Entry(Long.parseUnsignedLong(id, 16), rack));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad roster entry '" + p + "'", e);
            }
        }
        if (entries.size() > MAX_NODES) {
            throw new IllegalArgumentException("a roster lists at most " + MAX_NODES + " nodes");
        }
        return new Roster(generation, entries);
    }

    /** Whether no node is listed. */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** Whether {@code nodeId} is on the roster. */
    public boolean contains(long nodeId) {
        for (Entry e : nodes) {
            if (e.nodeId() == nodeId) {
                return true;
            }
        }
        return false;
    }

    /** The node ids, in roster order. */
    public List<Long> ids() {
        return nodes.stream().map(Entry::nodeId).toList();
    }

    /** The same nodes under another generation. */
    public Roster withGeneration(long g) {
        return new Roster(g, nodes);
    }

    /** Whether both list the same nodes and racks, whatever their generations. */
    public boolean sameNodes(Roster other) {
        return nodes.equals(other.nodes);
    }

    /** Aerospike's form: {@code A1B2@1,C3}, or {@code null}. */
    public String format() {
        if (nodes.isEmpty()) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (Entry e : nodes) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(e);
        }
        return sb.toString();
    }
}
