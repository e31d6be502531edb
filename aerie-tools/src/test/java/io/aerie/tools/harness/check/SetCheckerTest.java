package io.aerie.tools.harness.check;

import static io.aerie.tools.harness.check.Outcome.FAIL;
import static io.aerie.tools.harness.check.Outcome.INFO;
import static io.aerie.tools.harness.check.Outcome.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.tools.harness.check.Verdict.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
    private static final String S = "s";

    private static List<Op> appends(Outcome... outcomes) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            ops.add(Op.append(i % 2, S, i + 1, outcomes[i], i * 10L, i * 10L + 5));
        }
        return ops;
    }

    private static SetReport check(List<Op> ops, Op... reads) {
        List<Op> all = new ArrayList<>(ops);
        all.addAll(List.of(reads));
        return new SetChecker().check(all);
    }

    private static Op finalRead(Long... elements) {
        return Op.setRead(9, S, List.of(elements), OK, 1000, 1010);
    }

    @Test
    void everyAcknowledgedElementPresentIsValid() {
        SetReport r = check(appends(OK, OK, OK), finalRead(3L, 1L, 2L));
        assertThat(r.verdict().ok()).isTrue();
        assertThat(r.verdict().explanation()).contains("holds all 3 acknowledged and 0 of 0 in-doubt elements");
        SetReport.KeyReport k = r.keys().getFirst();
        assertThat(k.attempted()).isEqualTo(3);
        assertThat(k.acknowledged()).isEqualTo(3);
        assertThat(k.lost()).isEmpty();
    }

    @Test
    void aLostAcknowledgedElementIsInvalid() {
        SetReport r = check(appends(OK, OK, OK), finalRead(1L, 3L));
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.keys().getFirst().lost()).containsExactly(2L);
        assertThat(r.lostCount()).isEqualTo(1);
        assertThat(r.verdict().explanation())
                .contains("final read #3 (p9 READ [1, 3] OK [1000..1010]) lost 1 element (2)");
        assertThat(r.verdict().ops()).containsExactly(1, 3);
    }

    @Test
    void unexpectedElementsAreReportedIncludingFailedAppends() {
        SetReport r = check(appends(OK, FAIL), finalRead(1L, 2L, 99L));
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.keys().getFirst().unexpected()).containsExactly(2L, 99L);
        assertThat(r.unexpectedCount()).isEqualTo(2);
        assertThat(r.verdict().explanation()).contains("read 2 elements (2, 99) never appended or appended and failed");
    }

    @Test
    void inDoubtElementsMayOrMayNotAppear() {
        SetReport seen = check(appends(OK, INFO, INFO), finalRead(1L, 2L));
        assertThat(seen.verdict().ok()).isTrue();
        assertThat(seen.recoveredCount()).isEqualTo(1);
        assertThat(seen.keys().getFirst().inDoubt()).isEqualTo(2);
        SetReport unseen = check(appends(OK, INFO), finalRead(1L));
        assertThat(unseen.verdict().ok()).isTrue();
        assertThat(unseen.recoveredCount()).isZero();
    }

    @Test
    void anElementOnceReadMustStay() {
        Op earlier = Op.setRead(8, S, List.of(1L, 2L), OK, 500, 510);
        SetReport r = check(appends(OK, INFO), earlier, finalRead(1L));
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.keys().getFirst().lost()).containsExactly(2L);
    }

    @Test
    void earlierReadsMissingAcknowledgedElementsAreStale() {
        Op stale = Op.setRead(8, S, List.of(1L), OK, 500, 510);
        SetReport r = check(appends(OK, OK), stale, finalRead(1L, 2L));
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.keys().getFirst().staleReads()).containsExactly(2);
        assertThat(r.keys().getFirst().lost()).isEmpty();
        assertThat(r.verdict().explanation())
                .contains("1 earlier read missed elements required before they began, first #2");
    }

    @Test
    void anAppendConcurrentWithTheFinalReadMayBeMissing() {
        List<Op> ops = appends(OK);
        ops.add(Op.append(1, S, 2, OK, 995, 1020));
        assertThat(check(ops, finalRead(1L)).verdict().ok()).isTrue();
    }

    @Test
    void duplicatesAreReported() {
        SetReport r = check(appends(OK, OK), finalRead(1L, 2L, 1L));
        assertThat(r.verdict().status()).isEqualTo(Status.INVALID);
        assertThat(r.keys().getFirst().duplicated()).containsExactly(1L);
    }

    @Test
    void aSetNeverReadIsUnknown() {
        SetReport r = check(appends(OK), Op.setRead(1, S, List.of(), INFO, 50, 60));
        assertThat(r.verdict().status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.keys())
                .singleElement()
                .satisfies(k -> assertThat(k.acknowledged()).isEqualTo(1));
    }

    @Test
    void keysAreReportedSeparately() {
        List<Op> ops = new ArrayList<>();
        ops.add(Op.append(0, "a", 1, OK, 0, 10));
        ops.add(Op.append(0, "b", 1, OK, 0, 10));
        ops.add(Op.add(0, "counter", 1, OK, 0, 10));
        ops.add(Op.setRead(1, "a", List.of(1L), OK, 20, 30));
        ops.add(Op.setRead(1, "b", List.of(), OK, 20, 30));
        SetReport r = new SetChecker().check(ops);
        assertThat(r.keys()).extracting(SetReport.KeyReport::key).containsExactly("a", "b");
        assertThat(r.verdict().key()).isEqualTo("b");
        assertThat(r.verdict().keys()).isEqualTo(2);
        assertThat(r.lostCount()).isEqualTo(1);
    }
}
