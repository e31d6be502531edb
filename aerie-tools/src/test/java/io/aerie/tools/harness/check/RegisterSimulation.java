package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Generates linearizable register histories: processes run overlapping ops, each op takes effect on an atomic
 * register at a point inside its own interval, and reads and CASes report what that register said.
 */
final class RegisterSimulation {
    /** An op being generated: its interval, its chosen effect point and what it does. */
    private static final class Draft {
        final int process;
        final String key;
        final OpKind kind;
        final long invoke;
        final long complete;
        final long effectAt;
        final boolean inDoubt;

        @Nullable
        Long value;

        @Nullable
        Long expected;

        Outcome outcome = Outcome.OK;

        Draft(int process, String key, OpKind kind, long invoke, long complete, long effectAt, boolean inDoubt) {
            this.process = process;
            this.key = key;
            this.kind = kind;
            this.invoke = invoke;
            this.complete = complete;
            this.effectAt = effectAt;
            this.inDoubt = inDoubt;
        }
    }

    private RegisterSimulation() {}

    /**
     * A linearizable history.
     *
     * @param infoPercent chance in percent that a write or CAS ends in doubt (applied or not, at random) or a read
     *     times out
     */
    static List<Op> run(Random rnd, int processes, int opsPerProcess, int keys, int infoPercent) {
        List<Draft> drafts = new ArrayList<>();
        int nextProcess = processes;
        for (int p = 0; p < processes; p++) {
            long t = rnd.nextInt(20);
            int process = p;
            for (int k = 0; k < opsPerProcess; k++) {
                long invoke = t + rnd.nextInt(10);
                long complete = invoke + 1 + rnd.nextInt(40);
                long effectAt = invoke + (long) (rnd.nextDouble() * (complete - invoke));
                int roll = rnd.nextInt(10);
                OpKind kind = roll < 4 ? OpKind.READ : roll < 7 ? OpKind.WRITE : OpKind.CAS;
                boolean inDoubt = rnd.nextInt(100) < infoPercent;
                drafts.add(new Draft(process, "k" + rnd.nextInt(keys), kind, invoke, complete, effectAt, inDoubt));
                t = complete;
                if (inDoubt) {
                    // A client that lost track of its op cannot know when it ends: it carries on as a new process.
                    process = nextProcess++;
                }
            }
        }
        apply(rnd, drafts, keys);
        List<Draft> byInvoke = new ArrayList<>(drafts);
        byInvoke.sort(Comparator.comparingLong(d -> d.invoke));
        List<Op> out = new ArrayList<>();
        for (Draft d : byInvoke) {
            out.add(new Op(d.process, d.key, d.kind, d.value, d.expected, List.of(), d.outcome, d.invoke, d.complete));
        }
        return out;
    }

    /** Runs the drafts against an atomic register per key, in effect order, filling in values and outcomes. */
    private static void apply(Random rnd, List<Draft> drafts, int keys) {
        List<Draft> byEffect = new ArrayList<>(drafts);
        byEffect.sort(Comparator.comparingLong(d -> d.effectAt));
        List<@Nullable Long> state = new ArrayList<>();
        List<List<Long>> written = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            state.add(null);
            written.add(new ArrayList<>());
        }
        long nextValue = 1;
        for (Draft d : byEffect) {
            int k = Integer.parseInt(d.key.substring(1));
            @Nullable Long current = state.get(k);
            boolean applies = !d.inDoubt || rnd.nextBoolean();
            switch (d.kind) {
                case READ -> {
                    d.outcome = d.inDoubt ? Outcome.INFO : Outcome.OK;
                    d.value = d.inDoubt ? null : current;
                }
                case WRITE -> {
                    d.value = nextValue++;
                    written.get(k).add(d.value);
                    d.outcome = d.inDoubt ? Outcome.INFO : Outcome.OK;
                    if (applies) {
                        state.set(k, d.value);
                    }
                }
                case CAS -> {
                    List<Long> seen = written.get(k);
                    d.expected = rnd.nextInt(10) < 6 || seen.isEmpty() ? current : seen.get(rnd.nextInt(seen.size()));
                    d.value = nextValue++;
                    written.get(k).add(d.value);
                    boolean matches = Objects.equals(d.expected, current);
                    d.outcome = d.inDoubt ? Outcome.INFO : matches ? Outcome.OK : Outcome.FAIL;
                    if (applies && matches) {
                        state.set(k, d.value);
                    }
                }
                default -> throw new IllegalStateException(d.kind.toString());
            }
        }
    }
}
