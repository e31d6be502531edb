package io.aerie.tools.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.tools.harness.check.HistoryFormat;
import io.aerie.tools.harness.check.Op;
import io.aerie.tools.harness.check.OpKind;
import io.aerie.tools.harness.check.Outcome;
import io.aerie.tools.harness.check.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness's short pass, as CI runs it: five node processes, replication factor 2, a segment each of partition,
 * kill, pause and clock faults (three fault periods of 4 s apiece, each followed by 4 s healed) under the register,
 * counter and set workloads, about two minutes in all. Every checker must find its history VALID, no acknowledged
 * write may be lost, and enough ops must have succeeded for that to mean something.
 *
 * <p>The seed is random unless {@code AERIE_HARNESS_SEED} is set; it is printed, and the histories, node logs and
 * report stay in {@code aerie-tools/target/harness-tests/seed-<seed>}.
 */
class ShortHarnessTest {
    /**
     * Acknowledged ops a segment must at least reach: a healthy segment acknowledges thousands (400 ops/s offered for
     * 25 s); 500 still gives the checkers material when every fault costs seconds of unavailability.
     */
    private static final int MIN_OK_PER_SEGMENT = 500;

    /** Acknowledged ops of each kind (read, write, cas, add, append) a segment must at least reach. */
    private static final long MIN_OK_PER_KIND = 50;

    private static final List<FaultType> FAULTS =
            List.of(FaultType.PARTITION, FaultType.KILL, FaultType.PAUSE, FaultType.CLOCK);

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyFaultTypeLeavesValidHistoriesAndNoLostWrites() throws Exception {
        run(FAULTS);
    }

    private static void run(List<FaultType> faults) throws Exception {
        String env = System.getenv("AERIE_HARNESS_SEED");
        long seed =
                env != null ? Long.parseLong(env) : ThreadLocalRandom.current().nextLong();
        Path dir = Path.of("target", "harness-tests", "seed-" + seed).toAbsolutePath();
        deleteRecursively(dir);
        RunPlan plan = new RunPlan(
                5,
                2,
                25 * faults.size(),
                faults,
                List.of(WorkloadType.REGISTER, WorkloadType.COUNTER, WorkloadType.SET),
                seed,
                dir,
                8,
                400,
                4,
                4,
                1500,
                150,
                60,
                30,
                null);
        long start = System.nanoTime();
        RunResult result = new HarnessRun(plan, System.out).execute();
        System.out.printf(
                "short harness pass: %.0f s, seed %d, report %s%n",
                (System.nanoTime() - start) / 1e9, seed, result.report());

        assertThat(result.segments()).extracting(r -> r.segment().type()).isEqualTo(faults);
        for (SegmentResult r : result.segments()) {
            String context = "seed " + seed + ", report " + result.report() + "\n" + Report.details(r);
            assertThat(r.skipped()).as(context).isNull();
            assertThat(r.notes())
                    .as("faults skipped or recovery unsettled: %s", context)
                    .isEmpty();
            for (Verdict v : r.checks().verdicts()) {
                assertThat(v.keys()).as(context).isPositive();
                assertThat(v.status()).as(context).isEqualTo(Verdict.Status.VALID);
            }
            assertThat(r.checks().lostAcknowledged()).as(context).isZero();
            assertThat(r.counts().ok()).as(context).isGreaterThanOrEqualTo(MIN_OK_PER_SEGMENT);
            Path history = java.util.Objects.requireNonNull(r.history());
            List<Op> ops = HistoryFormat.parse(Files.readString(history));
            Map<OpKind, Long> acknowledged = ops.stream()
                    .filter(op -> op.outcome() == Outcome.OK)
                    .collect(Collectors.groupingBy(Op::kind, Collectors.counting()));
            for (OpKind kind : OpKind.values()) {
                // A CAS only succeeds on a register holding the value it expects, and deletes leave
                // registers absent: fewer of them go through.
                long min = kind == OpKind.CAS ? MIN_OK_PER_KIND / 2 : MIN_OK_PER_KIND;
                assertThat(acknowledged.getOrDefault(kind, 0L))
                        .as("acknowledged %s ops: %s", kind, context)
                        .isGreaterThanOrEqualTo(min);
            }
            long deletes = ops.stream()
                    .filter(op -> op.outcome() == Outcome.OK && op.kind() == OpKind.WRITE && op.value() == null)
                    .count();
            assertThat(deletes).as("acknowledged deletes: %s", context).isGreaterThanOrEqualTo(MIN_OK_PER_KIND / 5);
        }
        assertThat(result.exitCode()).isZero();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
