package io.aerie.tools.harness.check;

import static io.aerie.tools.harness.check.Outcome.FAIL;
import static io.aerie.tools.harness.check.Outcome.INFO;
import static io.aerie.tools.harness.check.Outcome.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.tools.harness.check.Verdict.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterCheckerTest {
    private static final String K = "k";

    private static Verdict check(Op... ops) {
        return new RegisterChecker().check(List.of(ops));
    }

    @Test
    void emptyHistoryIsValid() {
        Verdict v = check();
        assertThat(v.status()).isEqualTo(Status.VALID);
        assertThat(v.keys()).isZero();
    }

    @Test
    void sequentialWritesAndReadsAreValid() {
        Verdict v = check(
                Op.read(0, K, null, OK, 0, 5),
                Op.write(0, K, 1, OK, 10, 20),
                Op.read(1, K, 1L, OK, 30, 40),
                Op.write(1, K, 2, OK, 50, 60),
                Op.read(0, K, 2L, OK, 70, 80));
        assertThat(v.ok()).isTrue();
        assertThat(v.opsChecked()).isEqualTo(5);
        assertThat(v.explanation()).contains("all 1 register keys valid");
    }

    @Test
    void aDeleteMakesTheRegisterAbsentAndAReadOfTheOldValueAfterItIsStale() {
        assertThat(check(
                                Op.write(0, K, 1, OK, 0, 10),
                                Op.delete(0, K, OK, 20, 30),
                                Op.read(1, K, null, OK, 40, 50),
                                Op.write(1, K, 2, OK, 60, 70),
                                Op.read(0, K, 2L, OK, 80, 90))
                        .ok())
                .isTrue();
        Verdict stale = check(Op.write(0, K, 1, OK, 0, 10), Op.delete(0, K, OK, 20, 30), Op.read(1, K, 1L, OK, 40, 50));
        assertThat(stale.status()).isEqualTo(Status.INVALID);
        assertThat(stale.ops()).containsExactly(1, 2);
        assertThat(check(
                                Op.write(0, K, 1, OK, 0, 10),
                                Op.delete(0, K, INFO, 20, 30),
                                Op.read(1, K, null, OK, 40, 50),
                                Op.read(1, K, null, OK, 60, 70))
                        .ok())
                .as("an in-doubt delete that took effect")
                .isTrue();
    }

    @Test
    void staleReadAfterCompletedWriteIsInvalid() {
        Verdict v = check(Op.write(0, K, 1, OK, 0, 10), Op.write(0, K, 2, OK, 20, 30), Op.read(1, K, 1L, OK, 40, 50));
        assertThat(v.status()).isEqualTo(Status.INVALID);
        assertThat(v.key()).isEqualTo(K);
        assertThat(v.ops()).containsExactly(1, 2);
        assertThat(v.explanation())
                .isEqualTo("1 of 1 register keys invalid; key k: #2 (p1 READ 1 OK [40..50]) is the first completion"
                        + " no linearization explains; by then the register could hold only {2},"
                        + " last set by #1 (p0 WRITE 2 OK [20..30])");
    }

    @Test
    void readConcurrentWithAWriteMaySeeEitherValue() {
        for (long seen : new long[] {1, 2}) {
            Verdict v =
                    check(Op.write(0, K, 1, OK, 0, 10), Op.write(0, K, 2, OK, 20, 40), Op.read(1, K, seen, OK, 25, 35));
            assertThat(v.ok()).as("read of %d", seen).isTrue();
        }
    }

    @Test
    void readsMustAgreeOnTheOrderOfConcurrentWrites() {
        // Both writes overlap both reads, but once one reader sees 2 then 1, a later reader cannot see 2 again.
        Verdict v = check(
                Op.write(0, K, 1, OK, 0, 100),
                Op.write(1, K, 2, OK, 0, 100),
                Op.read(2, K, 2L, OK, 10, 20),
                Op.read(2, K, 1L, OK, 30, 40),
                Op.read(2, K, 2L, OK, 50, 60));
        assertThat(v.status()).isEqualTo(Status.INVALID);
        assertThat(v.ops()).contains(4);
    }

    @Test
    void touchingOpsCountAsConcurrent() {
        Verdict v = check(Op.write(0, K, 1, OK, 0, 10), Op.read(1, K, null, OK, 10, 20));
        assertThat(v.ok()).isTrue();
    }

    @Test
    void readOfAbsentAfterACompletedWriteIsInvalid() {
        Verdict v = check(Op.write(0, K, 1, OK, 0, 10), Op.read(1, K, null, OK, 11, 20));
        assertThat(v.status()).isEqualTo(Status.INVALID);
        assertThat(v.explanation()).contains("READ absent");
    }

    @Test
    void casChainsAreValidAndAStaleCasIsNot() {
        Op[] chain = {
            Op.write(0, K, 0, OK, 0, 10),
            Op.cas(1, K, 0L, 1, OK, 20, 30),
            Op.cas(2, K, 1L, 2, OK, 40, 50),
            Op.cas(0, K, 0L, 9, FAIL, 55, 58),
            Op.read(1, K, 2L, OK, 60, 70)
        };
        assertThat(check(chain).ok()).isTrue();
        Op stale = Op.cas(2, K, 0L, 3, OK, 80, 90);
        Verdict v = check(chain[0], chain[1], chain[2], chain[3], chain[4], stale);
        assertThat(v.status()).isEqualTo(Status.INVALID);
        assertThat(v.ops()).contains(5);
        assertThat(v.explanation())
                .contains("#5 (p2 CAS 0->3 OK [80..90]) is the first completion no linearization explains;"
                        + " by then the register could hold only {2}, last set by #2 (p2 CAS 1->2 OK [40..50])");
    }

    @Test
    void casFromAbsentCreatesTheRecordOnce() {
        assertThat(check(Op.cas(0, K, null, 5, OK, 0, 10), Op.read(1, K, 5L, OK, 20, 30))
                        .ok())
                .isTrue();
        assertThat(check(Op.cas(0, K, null, 5, OK, 0, 10), Op.cas(1, K, null, 6, OK, 20, 30))
                        .status())
                .isEqualTo(Status.INVALID);
    }

    @Test
    void concurrentCasesMaySucceedInEitherOrderButNotBothFromTheSameValue() {
        Op init = Op.write(0, K, 0, OK, 0, 10);
        assertThat(check(init, Op.cas(1, K, 0L, 1, OK, 20, 50), Op.cas(2, K, 1L, 2, OK, 20, 50))
                        .ok())
                .isTrue();
        assertThat(check(init, Op.cas(1, K, 0L, 1, OK, 20, 50), Op.cas(2, K, 0L, 2, OK, 20, 50))
                        .status())
                .isEqualTo(Status.INVALID);
    }

    @Test
    void failedWritesTookNoEffect() {
        Verdict v = check(Op.write(0, K, 1, OK, 0, 10), Op.write(1, K, 2, FAIL, 20, 30), Op.read(2, K, 2L, OK, 40, 50));
        assertThat(v.status()).isEqualTo(Status.INVALID);
        assertThat(check(Op.write(0, K, 1, OK, 0, 10), Op.write(1, K, 2, FAIL, 20, 30), Op.read(2, K, 1L, OK, 40, 50))
                        .ok())
                .isTrue();
    }

    @Test
    void inDoubtWriteMayTakeEffectLongAfterItsClientGaveUp() {
        Verdict v = check(
                Op.write(0, K, 1, OK, 0, 10),
                Op.write(1, K, 2, INFO, 20, 30),
                Op.read(2, K, 1L, OK, 40, 50),
                Op.read(2, K, 2L, OK, 60, 70));
        assertThat(v.ok()).isTrue();
    }

    @Test
    void inDoubtWriteNeverSeenIsValid() {
        Verdict v = check(Op.write(0, K, 1, OK, 0, 10), Op.write(1, K, 2, INFO, 20, 30), Op.read(2, K, 1L, OK, 40, 50));
        assertThat(v.ok()).isTrue();
        assertThat(v.opsChecked()).as("the unseen in-doubt write is pruned").isEqualTo(2);
    }

    @Test
    void inDoubtWriteCannotBeSeenBeforeItWasInvoked() {
        Verdict v = check(Op.read(2, K, 2L, OK, 0, 10), Op.write(1, K, 2, INFO, 20, 30));
        assertThat(v.status()).isEqualTo(Status.INVALID);
    }

    @Test
    void inDoubtWriteTakesEffectAtMostOnce() {
        Verdict v = check(
                Op.write(0, K, 1, OK, 0, 10),
                Op.write(1, K, 2, INFO, 20, 30),
                Op.read(2, K, 2L, OK, 40, 50),
                Op.write(0, K, 3, OK, 60, 70),
                Op.read(2, K, 2L, OK, 80, 90));
        assertThat(v.status()).isEqualTo(Status.INVALID);
    }

    @Test
    void inDoubtCasMayOrMayNotApply() {
        Op init = Op.write(0, K, 1, OK, 0, 10);
        Op cas = Op.cas(1, K, 1L, 2, INFO, 20, 30);
        assertThat(check(init, cas, Op.read(2, K, 2L, OK, 40, 50)).ok()).isTrue();
        assertThat(check(init, cas, Op.read(2, K, 1L, OK, 40, 50), Op.read(2, K, 2L, OK, 60, 70))
                        .ok())
                .isTrue();
        Op wrongExpectation = Op.cas(1, K, 7L, 2, INFO, 20, 30);
        assertThat(check(init, wrongExpectation, Op.read(2, K, 2L, OK, 40, 50)).status())
                .isEqualTo(Status.INVALID);
    }

    @Test
    void inDoubtReadsConstrainNothing() {
        Verdict v = check(Op.write(0, K, 1, OK, 0, 10), Op.read(1, K, null, INFO, 20, 30));
        assertThat(v.ok()).isTrue();
        assertThat(v.opsChecked()).isEqualTo(1);
    }

    @Test
    void keysAreCheckedIndependentlyAndTheFailingOneIsNamed() {
        Verdict v = new RegisterChecker()
                .check(List.of(
                        Op.write(0, "a", 1, OK, 0, 10),
                        Op.write(0, "b", 1, OK, 0, 10),
                        Op.read(1, "a", 1L, OK, 20, 30),
                        Op.read(1, "b", 7L, OK, 20, 30),
                        Op.add(2, "counter", 1, OK, 0, 10)));
        assertThat(v.status()).isEqualTo(Status.INVALID);
        assertThat(v.key()).isEqualTo("b");
        assertThat(v.keys()).as("the counter key is not a register").isEqualTo(2);
        assertThat(v.explanation()).startsWith("1 of 2 register keys invalid; key b:");
        assertThat(v.ops()).containsExactly(3);
        assertThat(v.explanation()).contains("#3 (p1 READ 7 OK [20..30]) needs 7, a value no write");
    }

    @Test
    void aKeyThatWasOnlyReadCanBeCheckedExplicitly() {
        List<Op> h = List.of(Op.read(0, "x", null, OK, 0, 1), Op.read(0, "x", 3L, OK, 2, 3));
        assertThat(new RegisterChecker().check(h).keys()).isZero();
        assertThat(new RegisterChecker().checkKey(h, "x").status()).isEqualTo(Status.INVALID);
    }

    @Test
    void aSpentBudgetGivesUnknownNotAWrongAnswer() {
        Verdict v = new RegisterChecker(2)
                .check(List.of(
                        Op.write(0, K, 1, OK, 0, 10),
                        Op.write(0, K, 2, OK, 20, 30),
                        Op.write(0, K, 3, OK, 40, 50),
                        Op.read(0, K, 3L, OK, 60, 70)));
        assertThat(v.status()).isEqualTo(Status.UNKNOWN);
        assertThat(v.explanation())
                .isEqualTo("1 of 1 register keys unknown; key k: search budget of 2 states spent before a verdict");
        assertThatThrownBy(() -> new RegisterChecker(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mixingWorkloadsOnAKeyIsRefused() {
        List<Op> h = List.of(Op.write(0, K, 1, OK, 0, 10), Op.add(0, K, 1, OK, 20, 30));
        assertThatThrownBy(() -> new RegisterChecker().check(h)).hasMessageContaining("mixes REGISTER and COUNTER");
    }
}
