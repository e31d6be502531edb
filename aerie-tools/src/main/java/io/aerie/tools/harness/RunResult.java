package io.aerie.tools.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * What a harness run found.
 *
 * @param seed the seed that reproduces its schedule and op mix
 * @param schedule the faults as scheduled
 * @param segments one result per segment, in run order
 * @param report where the report was written
 */
public record RunResult(long seed, Schedule schedule, List<SegmentResult> segments, Path report) {
    /** Exit status when a checker found an anomaly or acknowledged writes were lost. */
    public static final int ANOMALY = 1;

    public RunResult {
        segments = List.copyOf(segments);
    }

    /** True if some segment's history is INVALID or lost acknowledged writes. */
    public boolean failed() {
        return segments.stream().anyMatch(SegmentResult::failed);
    }

    /** Acknowledged writes lost over all segments. */
    public long lostAcknowledged() {
        return segments.stream().mapToLong(s -> s.checks().lostAcknowledged()).sum();
    }

    /** The process exit status: 0, or {@link #ANOMALY}. */
    public int exitCode() {
        return failed() ? ANOMALY : 0;
    }
}
