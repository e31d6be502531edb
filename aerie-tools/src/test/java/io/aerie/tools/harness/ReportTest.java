package io.aerie.tools.harness;

import static io.aerie.tools.harness.check.Outcome.FAIL;
import static io.aerie.tools.harness.check.Outcome.INFO;
import static io.aerie.tools.harness.check.Outcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.tools.harness.check.Op;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Segment PARTITION = new Segment(
            0, FaultType.PARTITION, List.of(new Fault(FaultType.PARTITION, 0, 5000, 5000, List.of(0), 0)), 10_000);
    private static final Segment KILL =
            new Segment(1, FaultType.KILL, List.of(new Fault(FaultType.KILL, 0, 5000, 5000, List.of(2), 0)), 10_000);

    private static SegmentResult result(Segment segment, List<Op> history) {
        return new SegmentResult(
                segment,
                null,
                List.of(),
                OpCounts.of(history),
                OpCounts.okPerSecond(history),
                Checks.of(history),
                Map.of("write PARTITION_UNAVAILABLE(11)", 3L),
                Path.of("/runs/history-" + segment.name() + ".txt"),
                12_300);
    }

    /** Every workload, every outcome, nothing wrong. */
    private static final List<Op> GOOD = List.of(
            Op.write(0, "r", 1, OK, 0, 10),
            Op.read(1, "r", 1L, OK, 20, 30),
            Op.write(2, "r", 2, FAIL, 20, 30),
            Op.add(0, "c", 1, OK, 40, 50),
            Op.add(3, "c", 1, INFO, 40, 60),
            Op.read(1, "c", 1L, OK, 70, 80),
            Op.append(0, "s", 7, OK, 90, 100),
            Op.setRead(1, "s", List.of(7L), OK, 110, 120));

    /** A counter that lost an acknowledged increment. */
    private static final List<Op> LOST =
            List.of(Op.add(0, "c", 1, OK, 0, 10), Op.add(0, "c", 1, OK, 20, 30), Op.read(1, "c", 1L, OK, 40, 50));

    @Test
    void countsOutcomesPerSegment() {
        assertThat(OpCounts.of(GOOD)).isEqualTo(new OpCounts(8, 6, 1, 1));
    }

    @Test
    void countsAcknowledgedOpsPerSecond() {
        List<Op> ops = List.of(
                Op.write(0, "r", 1, OK, 5_000_000_000L, 5_000_000_010L),
                Op.write(0, "r", 1, OK, 5_500_000_000L, 5_600_000_000L),
                Op.write(1, "r", 2, FAIL, 6_000_000_000L, 6_000_000_010L),
                Op.write(0, "r", 1, OK, 7_900_000_000L, 8_600_000_000L));
        assertThat(OpCounts.okPerSecond(ops)).containsExactly(2, 0, 1);
        assertThat(OpCounts.okPerSecond(List.of())).isEmpty();
    }

    @Test
    void aValidRunHasARowPerFaultTypeAndPasses() {
        List<SegmentResult> results = List.of(result(PARTITION, GOOD), result(KILL, GOOD));
        String table = Report.table(results);
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().toList().get(0))
                .startsWith("fault")
                .contains("ops", "ok", "fail", "info", "register", "counter", "set", "lost");
        assertThat(table.lines().toList().get(1).split("\\s+"))
                .containsExactly("partition", "8", "6", "1", "1", "VALID", "VALID", "VALID", "0", "12", "s");
        assertThat(table.lines().toList().get(2)).startsWith("kill ");
        String report = Report.render(42, results);
        assertThat(report).contains("PASSED", "reproduce with --seed 42", "history: /runs/history-0-partition.txt");
        assertThat(report).contains("write PARTITION_UNAVAILABLE(11) x3", "ok ops per second: 6");
        assertThat(results).noneMatch(SegmentResult::failed);
    }

    @Test
    void lostWritesFailTheRunAndAreExplained() {
        SegmentResult lost = result(KILL, LOST);
        assertThat(lost.failed()).isTrue();
        assertThat(lost.checks().lostAcknowledged()).isEqualTo(1);
        String row = Report.table(List.of(lost)).lines().toList().get(1);
        assertThat(row.split("\\s+")).containsExactly("kill", "3", "3", "0", "0", "-", "INVALID", "-", "1", "12", "s");
        String report = Report.render(7, List.of(lost));
        assertThat(report).contains("FAILED", "1 acknowledged writes lost", "counter: INVALID", "lost 1");
        assertThat(report).contains("ops (history line = index + 2): [2]");
    }

    @Test
    void aSkippedSegmentSaysWhy() {
        Segment clock = new Segment(2, FaultType.CLOCK, List.of(), 10_000);
        SegmentResult skipped = SegmentResult.skipped(clock, "nemesis-clock unsupported (ERROR::unknown)");
        assertThat(skipped.failed()).isFalse();
        assertThat(Report.table(List.of(skipped))).contains("clock      skipped: nemesis-clock unsupported");
        assertThat(Report.details(skipped)).contains("skipped: nemesis-clock unsupported");
    }

    @Test
    void unknownVerdictsAreNotAPass() {
        List<Op> unread = List.of(Op.add(0, "c", 1, OK, 0, 10));
        String summary = Report.summary(1, List.of(result(PARTITION, unread)));
        assertThat(summary).startsWith("no anomaly found, but some verdicts are UNKNOWN");
    }
}
