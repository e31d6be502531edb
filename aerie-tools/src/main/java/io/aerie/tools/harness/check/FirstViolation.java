package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows a non-linearizable register history to the first completion no linearization explains.
 *
 * <p>A history cut just after an acknowledged completion keeps the ops invoked by then; those not yet complete are
 * in doubt (pending reads observed nothing). Later cuts only add constraints, so the earliest invalid cut is found
 * by binary search over the completions in order, and the op completing there is the culprit: a stale read, say,
 * rather than the earlier write where the search first noticed the contradiction.
 */
final class FirstViolation {
    /** The culprit and the search of the smallest invalid cut. */
    record Found(int culprit, LinearizationSearch.Result result, long states) {}

    private FirstViolation() {}

    /**
     * Finds the culprit among the ops {@code indices} of one key, whose full search already failed with
     * {@code full}, spending at most about {@code maxStates} more search states.
     */
    static Found find(List<Op> history, List<Integer> indices, LinearizationSearch.Result full, long maxStates) {
        List<Integer> byCompletion = new ArrayList<>();
        for (int i : indices) {
            if (history.get(i).outcome() == Outcome.OK) {
                byCompletion.add(i);
            }
        }
        byCompletion.sort(Comparator.comparingLong((Integer i) -> history.get(i).completeNanos())
                .thenComparingInt(i -> i));
        Map<Integer, Integer> rank = new HashMap<>();
        for (int r = 0; r < byCompletion.size(); r++) {
            rank.put(byCompletion.get(r), r);
        }
        int lo = 0;
        int hi = byCompletion.size() - 1;
        LinearizationSearch.Result best = full;
        long states = full.states();
        // Explaining is best effort: one budget covers every search below, and a cut it cannot settle counts as
        // not proven invalid, so the culprit found is always a proven one, if perhaps not the earliest.
        long left = maxStates;
        while (lo < hi && left > 0) {
            int mid = (lo + hi) >>> 1;
            List<Op> cutHistory = new ArrayList<>(history);
            long t = history.get(byCompletion.get(mid)).completeNanos();
            List<Integer> kept = cut(history, indices, rank, mid, t, cutHistory);
            LinearizationSearch.Result r =
                    new LinearizationSearch(cutHistory, RegisterChecker.effective(cutHistory, kept), left).run();
            states += r.states();
            left -= r.states();
            if (r.status() == Verdict.Status.INVALID) {
                hi = mid;
                best = r;
            } else {
                lo = mid + 1;
            }
        }
        int culprit = byCompletion.get(hi);
        if (left > 0) {
            // Pruning notices a contradiction early, often far from the culprit; an unpruned search of the smallest
            // invalid cut reaches the culprit itself and sees every value the register could hold there.
            List<Op> cutHistory = new ArrayList<>(history);
            long t = history.get(culprit).completeNanos();
            List<Integer> kept = cut(history, indices, rank, hi, t, cutHistory);
            LinearizationSearch.Result thorough =
                    new LinearizationSearch(cutHistory, RegisterChecker.effective(cutHistory, kept), left, false).run();
            states += thorough.states();
            if (thorough.status() == Verdict.Status.INVALID && thorough.blocked() == culprit) {
                best = thorough;
            }
        }
        return new Found(culprit, best, states);
    }

    /**
     * Rewrites {@code into} (a copy of the history) as cut just after the completion ranked {@code k}, at {@code t}; returns the
     * key's ops left.
     */
    private static List<Integer> cut(
            List<Op> history, List<Integer> indices, Map<Integer, Integer> rank, int k, long t, List<Op> into) {
        List<Integer> kept = new ArrayList<>();
        for (int i : indices) {
            Op op = history.get(i);
            if (op.invokeNanos() > t || op.outcome() == Outcome.FAIL) {
                continue;
            }
            if (op.outcome() == Outcome.OK && rank.getOrDefault(i, k) > k) {
                if (op.kind() == OpKind.READ) {
                    continue;
                }
                into.set(
                        i,
                        new Op(
                                op.process(),
                                op.key(),
                                op.kind(),
                                op.value(),
                                op.expected(),
                                op.elements(),
                                Outcome.INFO,
                                op.invokeNanos(),
                                op.completeNanos()));
            }
            kept.add(i);
        }
        return kept;
    }
}
