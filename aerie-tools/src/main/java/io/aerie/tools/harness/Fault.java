package io.aerie.tools.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * One fault period of a segment, followed by a healed period.
 *
 * @param type what breaks
 * @param startMillis when it is injected, from the segment's start
 * @param faultMillis how long it lasts before it is healed
 * @param healMillis how long the cluster then runs healed before the next fault (or the segment's end)
 * @param nodes the node indexes it hits: for a partition one side (the rest form the other), else the one victim;
 *     empty for {@link FaultType#NONE}
 * @param clockOffsetMillis CLOCK only: how far the victim's clock is shifted; 0 otherwise
 */
public record Fault(
        FaultType type,
        long startMillis,
        long faultMillis,
        long healMillis,
        List<Integer> nodes,
        long clockOffsetMillis) {
    public Fault {
        nodes = List.copyOf(nodes);
        if (startMillis < 0 || faultMillis < 0 || healMillis < 0) {
            throw new IllegalArgumentException("negative duration in " + type + " fault");
        }
    }

    /** The other side of a partition among {@code nodeCount} nodes: every node not in {@link #nodes}. */
    public List<Integer> otherSide(int nodeCount) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            if (!nodes.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** A one-line description, e.g. {@code partition n0,n3 | n1,n2,n4} or {@code clock n1 -2300 ms}. */
    public String describe(int nodeCount) {
        return switch (type) {
            case PARTITION -> "partition " + names(nodes) + " | " + names(otherSide(nodeCount));
            case KILL, PAUSE -> type.label() + " " + names(nodes);
            case CLOCK ->
                "clock " + names(nodes) + " " + (clockOffsetMillis >= 0 ? "+" : "") + clockOffsetMillis + " ms";
            case NONE -> "none";
        };
    }

    private static String names(List<Integer> nodes) {
        StringJoiner j = new StringJoiner(",");
        nodes.forEach(n -> j.add("n" + n));
        return j.toString();
    }
}
