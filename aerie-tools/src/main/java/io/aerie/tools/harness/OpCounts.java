package io.aerie.tools.harness;

import io.aerie.tools.harness.check.Op;
import io.aerie.tools.harness.check.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * How the ops of a history ended.
 *
 * @param ops all ops, final reads included
 * @param ok acknowledged
 * @param fail definitely without effect
 * @param info in doubt
 */
public record OpCounts(int ops, int ok, int fail, int info) {
    /** Counts the outcomes of {@code history}. */
    public static OpCounts of(List<Op> history) {
        int ok = 0;
        int fail = 0;
        int info = 0;
        for (Op op : history) {
            switch (op.outcome()) {
                case OK -> ok++;
                case FAIL -> fail++;
                case INFO -> info++;
            }
        }
        return new OpCounts(history.size(), ok, fail, info);
    }

    /**
     * Acknowledged ops per second of the history, by invocation time from its first op: a timeline of availability
     * that shows how long each fault and each heal took to settle.
     */
    public static List<Integer> okPerSecond(List<Op> history) {
        long first = history.stream().mapToLong(Op::invokeNanos).min().orElse(0);
        List<Integer> out = new ArrayList<>();
        for (Op op : history) {
            if (op.outcome() != Outcome.OK) {
                continue;
            }
            int second = (int) ((op.invokeNanos() - first) / 1_000_000_000L);
            while (out.size() <= second) {
                out.add(0);
            }
            out.set(second, out.get(second) + 1);
        }
        return out;
    }
}
