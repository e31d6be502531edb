package io.aerie.tools.harness;

import io.aerie.tools.harness.check.CounterChecker;
import io.aerie.tools.harness.check.CounterReport;
import io.aerie.tools.harness.check.Op;
import io.aerie.tools.harness.check.RegisterChecker;
import io.aerie.tools.harness.check.SetChecker;
import io.aerie.tools.harness.check.SetReport;
import io.aerie.tools.harness.check.Verdict;
import java.util.List;

/**
 * The three checkers' findings on one history.
 *
 * @param register linearizability of the register keys
 * @param counter the counter keys' bounds and lost increments
 * @param set the set keys' lost, unexpected and stale elements
 */
public record Checks(Verdict register, CounterReport counter, SetReport set) {
    /** Runs every checker on {@code history}; each looks only at the keys of its workload. */
    public static Checks of(List<Op> history) {
        return new Checks(
                new RegisterChecker().check(history),
                new CounterChecker().check(history),
                new SetChecker().check(history));
    }

    /** Acknowledged writes a final read misses: counter increments plus set elements. */
    public long lostAcknowledged() {
        return counter.lostAcknowledged() + set.lostCount();
    }

    /** True if some checker found the history INVALID. */
    public boolean anyInvalid() {
        return verdicts().stream().anyMatch(v -> v.status() == Verdict.Status.INVALID);
    }

    /** True if every checker that had keys to check found them VALID (not INVALID, not UNKNOWN). */
    public boolean allValid() {
        return verdicts().stream().allMatch(v -> v.keys() == 0 || v.status() == Verdict.Status.VALID);
    }

    /** Register, counter and set verdicts, in that order. */
    public List<Verdict> verdicts() {
        return List.of(register, counter.verdict(), set.verdict());
    }
}
