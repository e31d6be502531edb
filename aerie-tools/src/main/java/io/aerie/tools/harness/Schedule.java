package io.aerie.tools.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults of a whole run, drawn from one seeded {@link Random}, so a seed reproduces them: a segment per fault
 * type, each alternating fault and healed periods.
 *
 * @param segments in run order
 */
public record Schedule(List<Segment> segments) {
    /** Shortest clock shift, so the skew is well above the heartbeat and timeout scales. */
    static final int MIN_SKEW_MILLIS = 1000;

    /** Longest clock shift: a few seconds, as a misconfigured NTP leaves a node. */
    static final int MAX_SKEW_MILLIS = 5000;

    public Schedule {
        segments = List.copyOf(segments);
    }

    /**
     * Draws a schedule: one segment of {@code segmentMillis} per type in {@code types}, each holding as many fault
     * periods of {@code faultMillis}, each followed by {@code healMillis} healed, as fit (at least one).
     */
    public static Schedule generate(
            Random random, List<FaultType> types, int nodes, long segmentMillis, long faultMillis, long healMillis) {
        if (nodes < 2) {
            throw new IllegalArgumentException("faults need at least 2 nodes");
        }
        if (faultMillis <= 0 || healMillis <= 0) {
            throw new IllegalArgumentException("fault and heal periods must be positive");
        }
        List<Segment> segments = new ArrayList<>();
        long cycle = faultMillis + healMillis;
        int periods = (int) Math.max(1, segmentMillis / cycle);
        for (FaultType type : types) {
            List<Fault> faults = new ArrayList<>();
            for (int p = 0; p < periods; p++) {
                faults.add(draw(random, type, nodes, p * cycle, faultMillis, healMillis));
            }
            segments.add(new Segment(segments.size(), type, faults, Math.max(segmentMillis, periods * cycle)));
        }
        return new Schedule(segments);
    }

    private static Fault draw(Random random, FaultType type, int nodes, long start, long faultMillis, long healMillis) {
        return switch (type) {
            case PARTITION -> {
                // One side of 1 .. n/2 nodes: an isolated node, or a minority against a majority (halves when even).
                int side = 1 + random.nextInt(nodes / 2);
                yield new Fault(type, start, faultMillis, healMillis, pick(random, nodes, side), 0);
            }
            case KILL, PAUSE -> new Fault(type, start, faultMillis, healMillis, pick(random, nodes, 1), 0);
            case CLOCK -> {
                List<Integer> victim = pick(random, nodes, 1);
                long magnitude = MIN_SKEW_MILLIS + random.nextInt(MAX_SKEW_MILLIS - MIN_SKEW_MILLIS + 1);
                long offset = random.nextBoolean() ? magnitude : -magnitude;
                yield new Fault(type, start, faultMillis, healMillis, victim, offset);
            }
            case NONE -> new Fault(type, start, faultMillis, healMillis, List.of(), 0);
        };
    }

    /** {@code count} distinct node indexes below {@code nodes}, sorted. */
    private static List<Integer> pick(Random random, int nodes, int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        List<Integer> out = new ArrayList<>(all.subList(0, count));
        Collections.sort(out);
        return out;
    }

    /** The schedule as lines, one per fault: {@code segment 0 partition: +0.0 s partition n1 | n0,n2,n3,n4 ...}. */
    public List<String> describe(int nodes) {
        List<String> out = new ArrayList<>();
        for (Segment s : segments) {
            StringBuilder line = new StringBuilder("segment ")
                    .append(s.name())
                    .append(" (")
                    .append(s.durationMillis() / 1000.0)
                    .append(" s):");
            for (Fault f : s.faults()) {
                line.append(String.format(
                        java.util.Locale.ROOT, " [+%.1f s %s]", f.startMillis() / 1000.0, f.describe(nodes)));
            }
            out.add(line.toString());
        }
        return out;
    }
}
