package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a checker concluded about a history.
 *
 * @param status valid, invalid, or unknown (search budget spent, or nothing to check against)
 * @param key the key the explanation is about (the smallest counterexample among invalid keys), null if all valid
 * @param explanation one human-readable paragraph
 * @param ops the ops (indices into the checked history) of the counterexample, empty if valid
 * @param keys keys checked
 * @param opsChecked ops that constrained the check (not failed ops, in-doubt reads, or in-doubt register writes
 *     whose value nobody observed)
 * @param statesExplored search states stored, summed over keys, including any spent explaining a failure (0 for
 *     checkers that do not search)
 */
public record Verdict(
        Status status,
        @Nullable String key,
        String explanation,
        List<Integer> ops,
        int keys,
        int opsChecked,
        long statesExplored) {

    /** The three possible conclusions. */
    public enum Status {
        /** The history satisfies the property. */
        VALID,
        /** The history violates the property; the verdict names a counterexample. */
        INVALID,
        /** Neither could be shown. */
        UNKNOWN
    }

    public Verdict {
        ops = List.copyOf(ops);
    }

    /** True only for a VALID verdict. */
    public boolean ok() {
        return status == Status.VALID;
    }

    static Verdict ofKey(
            Status status, String key, String explanation, List<Integer> ops, int opsChecked, long states) {
        return new Verdict(status, key, explanation, ops, 1, opsChecked, states);
    }

    /**
     * Folds per-key verdicts into one: invalid beats unknown beats valid, and among invalid keys the smallest
     * counterexample is reported.
     */
    static Verdict merge(String what, List<Verdict> perKey) {
        int ops = 0;
        long states = 0;
        List<Verdict> invalid = new ArrayList<>();
        List<Verdict> unknown = new ArrayList<>();
        for (Verdict v : perKey) {
            ops += v.opsChecked();
            states += v.statesExplored();
            switch (v.status()) {
                case INVALID -> invalid.add(v);
                case UNKNOWN -> unknown.add(v);
                case VALID -> {}
            }
        }
        int keys = perKey.size();
        if (!invalid.isEmpty()) {
            Verdict worst = invalid.getFirst();
            for (Verdict v : invalid) {
                if (v.ops().size() < worst.ops().size()) {
                    worst = v;
                }
            }
            String prefix = invalid.size() + " of " + keys + " " + what + " keys invalid";
            return new Verdict(
                    Status.INVALID,
                    worst.key(),
                    prefix + "; key " + worst.key() + ": " + worst.explanation(),
                    worst.ops(),
                    keys,
                    ops,
                    states);
        }
        if (!unknown.isEmpty()) {
            Verdict first = unknown.getFirst();
            String prefix = unknown.size() + " of " + keys + " " + what + " keys unknown";
            return new Verdict(
                    Status.UNKNOWN,
                    first.key(),
                    prefix + "; key " + first.key() + ": " + first.explanation(),
                    first.ops(),
                    keys,
                    ops,
                    states);
        }
        StringBuilder summary = new StringBuilder("all ")
                .append(keys)
                .append(' ')
                .append(what)
                .append(" keys valid (")
                .append(ops)
                .append(" ops");
        summary.append(states > 0 ? ", " + states + " states)" : ")");
        if (keys == 1) {
            Verdict only = perKey.getFirst();
            summary.append("; key ").append(only.key()).append(": ").append(only.explanation());
        }
        return new Verdict(Status.VALID, null, summary.toString(), List.of(), keys, ops, states);
    }
}
