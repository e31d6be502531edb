package io.aerie.tools.harness.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.tools.harness.check.Verdict.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The register checker accepts every simulated linearizable history, and agrees with brute force on small ones. */
class RegisterCheckerPropertiesTest {
    @Property(tries = 200)
    void historiesOfAnAtomicRegisterAreValid(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 10) int processes,
            @ForAll @IntRange(min = 1, max = 40) int opsPerProcess,
            @ForAll @IntRange(min = 1, max = 3) int keys,
            @ForAll @IntRange(min = 0, max = 20) int infoPercent) {
        List<Op> h = RegisterSimulation.run(new Random(seed), processes, opsPerProcess, keys, infoPercent);
        Verdict v = new RegisterChecker().check(h);
        assertThat(v.status()).as(v.explanation()).isEqualTo(Status.VALID);
    }

    @Property(tries = 200)
    void aReadOfAValueNeverWrittenIsInvalid(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 10) int processes,
            @ForAll @IntRange(min = 2, max = 40) int opsPerProcess,
            @ForAll @IntRange(min = 0, max = 20) int infoPercent) {
        Random rnd = new Random(seed);
        List<Op> h = new ArrayList<>(RegisterSimulation.run(rnd, processes, opsPerProcess, 1, infoPercent));
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).kind() == OpKind.READ && h.get(i).outcome() == Outcome.OK) {
                reads.add(i);
            }
        }
        if (reads.isEmpty()) {
            h.add(Op.read(0, "k0", null, Outcome.OK, 1_000_000, 1_000_001));
            reads.add(h.size() - 1);
        }
        int victim = reads.get(rnd.nextInt(reads.size()));
        Op r = h.get(victim);
        h.set(victim, Op.read(r.process(), r.key(), -7L, Outcome.OK, r.invokeNanos(), r.completeNanos()));
        Verdict v = new RegisterChecker().checkKey(h, "k0");
        assertThat(v.status()).isEqualTo(Status.INVALID);
        assertThat(v.ops()).contains(victim);
    }

    @Property(tries = 3000)
    void agreesWithBruteForceOnSmallHistories(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Op> h = randomSmallHistory(rnd);
        boolean expected = BruteForce.linearizable(h);
        Verdict v = new RegisterChecker().checkKey(h, "k");
        assertThat(v.status()).as("%s", HistoryFormat.write(h)).isEqualTo(expected ? Status.VALID : Status.INVALID);
    }

    @Property(tries = 1000)
    void pruningNeverChangesTheAnswer(@ForAll long seed) {
        Random rnd = new Random(seed);
        List<Op> h = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            h.addAll(randomSmallHistory(rnd));
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            boolean infoRead = h.get(i).kind() == OpKind.READ && h.get(i).outcome() == Outcome.INFO;
            if (h.get(i).outcome() != Outcome.FAIL && !infoRead) {
                all.add(i);
            }
        }
        Status plain =
                new LinearizationSearch(h, all, Long.MAX_VALUE, false).run().status();
        Status pruned = new RegisterChecker().checkKey(h, "k").status();
        assertThat(pruned).as("%s", HistoryFormat.write(h)).isEqualTo(plain);
    }

    @Test
    void thousandsOfOpsFromTenProcessesCheckQuickly() {
        List<Op> h = RegisterSimulation.run(new Random(42), 10, 500, 1, 3);
        long start = System.nanoTime();
        Verdict v = new RegisterChecker().check(h);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(v.status()).as(v.explanation()).isEqualTo(Status.VALID);
        assertThat(v.opsChecked()).isGreaterThan(4000);
        assertThat(v.statesExplored()).isLessThan(50L * h.size());
        System.out.printf("5000-op register history: %d states in %d ms%n", v.statesExplored(), millis);
    }

    @Test
    void aLongHistoryWithOneStaleReadIsInvalid() {
        List<Op> h = new ArrayList<>(RegisterSimulation.run(new Random(7), 10, 300, 1, 2));
        Op first = h.stream()
                .filter(op -> op.kind() == OpKind.WRITE && op.outcome() == Outcome.OK)
                .findFirst()
                .orElseThrow();
        int victim = -1;
        for (int i = h.size() / 2; i < h.size() && victim < 0; i++) {
            if (h.get(i).kind() == OpKind.READ && h.get(i).outcome() == Outcome.OK) {
                victim = i;
            }
        }
        Op r = h.get(victim);
        // Values are unique and thousands of acknowledged writes separate the first one from this read.
        h.set(victim, Op.read(r.process(), r.key(), first.value(), Outcome.OK, r.invokeNanos(), r.completeNanos()));
        long start = System.nanoTime();
        Verdict v = new RegisterChecker().check(h);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(v.status()).as(v.explanation()).isEqualTo(Status.INVALID);
        assertThat(v.ops()).contains(victim);
        assertThat(v.explanation())
                .contains("#" + victim + " (" + h.get(victim).summary() + ") is the first completion");
        System.out.printf("3000-op invalid register history: %d states in %d ms%n", v.statesExplored(), millis);
    }

    private static List<Op> randomSmallHistory(Random rnd) {
        int n = 1 + rnd.nextInt(7);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int roll = rnd.nextInt(100);
            Outcome outcome = roll < 60 ? Outcome.OK : roll < 75 ? Outcome.FAIL : Outcome.INFO;
            long invoke = rnd.nextInt(20);
            long complete = invoke + rnd.nextInt(15);
            int p = rnd.nextInt(3);
            ops.add(
                    switch (rnd.nextInt(3)) {
                        case 0 -> Op.read(p, "k", outcome == Outcome.OK ? small(rnd) : null, outcome, invoke, complete);
                        case 1 -> Op.write(p, "k", 1 + rnd.nextInt(3), outcome, invoke, complete);
                        default -> Op.cas(p, "k", small(rnd), 1 + rnd.nextInt(3), outcome, invoke, complete);
                    });
        }
        return ops;
    }

    private static @Nullable Long small(Random rnd) {
        int v = rnd.nextInt(4);
        return v == 0 ? null : (long) v;
    }

    /** Tries every subset of in-doubt ops taking effect and every real-time-respecting order. */
    private static final class BruteForce {
        static boolean linearizable(List<Op> history) {
            List<Op> must = new ArrayList<>();
            List<Op> maybe = new ArrayList<>();
            for (Op op : history) {
                if (op.outcome() == Outcome.OK) {
                    must.add(op);
                } else if (op.outcome() == Outcome.INFO && op.kind() != OpKind.READ) {
                    maybe.add(op);
                }
            }
            for (int subset = 0; subset < 1 << maybe.size(); subset++) {
                List<Op> ops = new ArrayList<>(must);
                for (int j = 0; j < maybe.size(); j++) {
                    if ((subset & 1 << j) != 0) {
                        ops.add(maybe.get(j));
                    }
                }
                if (order(ops, new boolean[ops.size()], ops.size(), null)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean order(List<Op> ops, boolean[] placed, int left, @Nullable Long state) {
            if (left == 0) {
                return true;
            }
            for (int i = 0; i < ops.size(); i++) {
                if (placed[i] || !mayGoNext(ops, placed, i)) {
                    continue;
                }
                Op op = ops.get(i);
                @Nullable Long after = state;
                switch (op.kind()) {
                    case READ -> {
                        if (!Objects.equals(op.value(), state)) {
                            continue;
                        }
                    }
                    case WRITE -> after = op.value();
                    case CAS -> {
                        if (!Objects.equals(op.expected(), state)) {
                            continue;
                        }
                        after = op.value();
                    }
                    default -> throw new IllegalStateException();
                }
                placed[i] = true;
                boolean ok = order(ops, placed, left - 1, after);
                placed[i] = false;
                if (ok) {
                    return true;
                }
            }
            return false;
        }

        /** Op i may go next unless an unplaced acknowledged op completed strictly before i was invoked. */
        private static boolean mayGoNext(List<Op> ops, boolean[] placed, int i) {
            for (int j = 0; j < ops.size(); j++) {
                Op other = ops.get(j);
                if (j != i
                        && !placed[j]
                        && other.outcome() == Outcome.OK
                        && other.completeNanos() < ops.get(i).invokeNanos()) {
                    return false;
                }
            }
            return true;
        }
    }
}
