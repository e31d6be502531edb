package io.aerie.tools.harness.check;

import static io.aerie.tools.harness.check.Outcome.FAIL;
import static io.aerie.tools.harness.check.Outcome.INFO;
import static io.aerie.tools.harness.check.Outcome.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.tools.harness.check.Verdict.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {
    private static final String C = "c";

    private static CounterReport check(Op... ops) {
        return new CounterChecker().check(List.of(ops));
    }

    @Test
    void sequentialIncrementsAddUp() {
        CounterReport r = check(
                Op.read(0, C, null, OK, 0, 1),
                Op.add(0, C, 1, OK, 10, 20),
                Op.add(1, C, 2, OK, 30, 40),
                Op.add(0, C, 3, OK, 50, 60),
                Op.read(1, C, 6L, OK, 70, 80));
        assertThat(r.verdict().ok()).isTrue();
        assertThat(r.keys()).singleElement().satisfies(k -> {
            assertThat(k.acknowledged()).isEqualTo(6);
            assertThat(k.finalRead()).isEqualTo(6L);
            assertThat(k.lostAcknowledged()).isZero();
            assertThat(k.readsChecked()).isEqualTo(2);
        });
    }

    @Test
    void aReadConcurrentWithAnIncrementMaySeeItOrNot() {
        Op done = Op.add(0, C, 5, OK, 0, 10);
        Op running = Op.add(1, C, 3, OK, 5, 30);
        for (long seen : new long[] {5, 8}) {
            assertThat(check(done, running, Op.read(2, C, seen, OK, 20, 25))
                            .verdict()
                            .ok())
                    .as("read of %d", seen)
                    .isTrue();
        }
        CounterReport below = check(done, running, Op.read(2, C, 4L, OK, 20, 25));
        assertThat(below.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(below.verdict().explanation()).contains("#2 (p2 READ 4 OK [20..25]) outside [5, 8]");
        CounterReport above = check(done, running, Op.read(2, C, 9L, OK, 20, 25));
        assertThat(above.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(above.keys().getFirst().badReads()).containsExactly(2);
    }

    @Test
    void lostAcknowledgedIncrementsAreReportedExplicitly() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ops.add(Op.add(i % 3, C, 1, OK, i * 10L, i * 10L + 5));
        }
        ops.add(Op.read(0, C, 7L, OK, 200, 210));
        CounterReport r = new CounterChecker().check(ops);
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.lostAcknowledged()).isEqualTo(3);
        assertThat(r.verdict().explanation())
                .contains("lost acknowledged increments: final read #10 (p0 READ 7 OK [200..210]) is 3 below the 10");
        assertThat(r.verdict().ops()).containsExactly(10);
    }

    @Test
    void inDoubtIncrementsMayOrMayNotCount() {
        Op acked = Op.add(0, C, 1, OK, 0, 10);
        Op doubt = Op.add(1, C, 2, INFO, 0, 10);
        assertThat(check(acked, doubt, Op.read(2, C, 1L, OK, 20, 30)).verdict().ok())
                .isTrue();
        CounterReport applied = check(acked, doubt, Op.read(2, C, 3L, OK, 20, 30));
        assertThat(applied.verdict().ok()).isTrue();
        assertThat(applied.keys().getFirst().inDoubt()).isEqualTo(2);
        assertThat(check(acked, doubt, Op.read(2, C, 4L, OK, 20, 30)).verdict().status())
                .isEqualTo(Status.INVALID);
    }

    @Test
    void failedIncrementsNeverCount() {
        CounterReport r = check(Op.add(0, C, 5, FAIL, 0, 10), Op.read(1, C, 5L, OK, 20, 30));
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.verdict().explanation()).contains("outside [0, 0]");
    }

    @Test
    void incrementsInvokedAfterAReadCompletedCannotBeSeen() {
        CounterReport r = check(Op.read(1, C, 5L, OK, 0, 10), Op.add(0, C, 5, OK, 20, 30));
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
    }

    @Test
    void aCounterNeverReadIsUnknownAndNegativeIncrementsAreRefused() {
        CounterReport r = check(Op.add(0, C, 1, OK, 0, 10), Op.read(1, C, null, FAIL, 20, 30));
        assertThat(r.verdict().status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.verdict().explanation()).contains("no successful read");
        assertThat(r.keys().getFirst().finalRead()).isNull();
        assertThatThrownBy(() -> check(Op.add(0, C, -1, OK, 0, 10))).hasMessageContaining("negative");
    }

    @Test
    void onlyCounterKeysAreChecked() {
        CounterReport r = new CounterChecker()
                .check(List.of(
                        Op.write(0, "r", 1, OK, 0, 10),
                        Op.add(0, "a", 1, OK, 0, 10),
                        Op.add(0, "b", 1, OK, 0, 10),
                        Op.read(1, "a", 1L, OK, 20, 30),
                        Op.read(1, "b", 0L, OK, 20, 30)));
        assertThat(r.keys()).extracting(CounterReport.KeyReport::key).containsExactly("a", "b");
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.verdict().key()).isEqualTo("b");
        assertThat(r.verdict().explanation()).startsWith("1 of 2 counter keys invalid; key b: lost acknowledged");
    }

    @Property(tries = 200)
    void atomicCounterHistoriesAreValidAndLosingAnIncrementIsNot(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int processes) {
        Random rnd = new Random(seed);
        List<long[]> events = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            long t = 0;
            for (int i = 0; i < 30; i++) {
                long invoke = t + rnd.nextInt(5);
                long complete = invoke + 1 + rnd.nextInt(20);
                long effectAt = invoke + rnd.nextInt((int) (complete - invoke));
                events.add(new long[] {effectAt, ops.size()});
                ops.add(
                        rnd.nextInt(3) == 0
                                ? Op.read(p, C, 0L, OK, invoke, complete)
                                : Op.add(p, C, 1 + rnd.nextInt(5), rnd.nextInt(10) == 0 ? INFO : OK, invoke, complete));
                t = complete;
            }
        }
        events.sort(Comparator.comparingLong(e -> e[0]));
        long total = 0;
        for (long[] e : events) {
            int i = (int) e[1];
            Op op = ops.get(i);
            if (op.kind() == OpKind.ADD && (op.outcome() == OK || rnd.nextBoolean())) {
                total += op.value();
            } else if (op.kind() == OpKind.READ) {
                ops.set(i, Op.read(op.process(), C, total, OK, op.invokeNanos(), op.completeNanos()));
            }
        }
        long acked = ops.stream()
                .filter(op -> op.kind() == OpKind.ADD && op.outcome() == OK)
                .mapToLong(Op::value)
                .sum();
        ops.add(Op.read(0, C, total, OK, 10_000, 10_001));
        assertThat(new CounterChecker().check(ops).verdict().ok()).isTrue();

        ops.set(ops.size() - 1, Op.read(0, C, acked - 1, OK, 10_000, 10_001));
        CounterReport lost = new CounterChecker().check(ops);
        assertThat(lost.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(lost.lostAcknowledged()).isEqualTo(1);
    }
}
