package io.aerie.tools.harness;

import io.aerie.tools.harness.check.Op;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one segment did and what the checkers made of it.
 *
 * @param segment the segment as scheduled
 * @param skipped why the segment did not run (its fault type unsupported), null if it ran
 * @param notes what went differently from the schedule: faults skipped, recovery that did not settle
 * @param counts how the ops ended
 * @param okPerSecond acknowledged ops in each second of the segment
 * @param checks the checkers' findings
 * @param errors client errors by op and kind
 * @param history where the history was saved, null if nothing ran
 * @param elapsedMillis wall time of the segment, recovery and final reads included
 */
public record SegmentResult(
        Segment segment,
        @Nullable String skipped,
        List<String> notes,
        OpCounts counts,
        List<Integer> okPerSecond,
        Checks checks,
        Map<String, Long> errors,
        @Nullable Path history,
        long elapsedMillis) {
    public SegmentResult {
        notes = List.copyOf(notes);
        okPerSecond = List.copyOf(okPerSecond);
        errors = Map.copyOf(errors);
    }

    /** A segment that did not run, for {@code why}. */
    public static SegmentResult skipped(Segment segment, String why) {
        List<Op> none = List.of();
        return new SegmentResult(
                segment, why, List.of(), OpCounts.of(none), List.of(), Checks.of(none), Map.of(), null, 0);
    }

    /** True if a checker found an anomaly or a final read missed acknowledged writes. */
    public boolean failed() {
        return checks.anyInvalid() || checks.lostAcknowledged() > 0;
    }
}
