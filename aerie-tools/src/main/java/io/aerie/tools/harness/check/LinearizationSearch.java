package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Wing and Gong's linearizability search with Lowe's just-in-time linearization and memo, as in Porcupine, for one
 * register's ops.
 *
 * <p>Calls and returns form a time-ordered list (a call sorts before a return at the same instant, so touching ops
 * count as concurrent). The search linearizes the first call it can before the first remaining return, backtracks
 * when it reaches a return whose op it has not linearized, and skips (linearized set, state) pairs seen before.
 * In-doubt ops return at +infinity: they can take effect at any point after their call, or, taking effect last, in
 * effect never.
 */
final class LinearizationSearch {
    /**
     * What the search found; op numbers are indices into the checked history.
     *
     * @param blocked the op whose completion the search could not get past, furthest in time; -1 if none
     * @param window that op, the ops in flight with it, and those below
     * @param reachable register values seen when stuck there
     * @param lastWriters the ops that last set those values
     * @param stillNeeding ops that needed the value the register held there, which nothing could write again
     * @param neverWritten whether {@code blocked} needs a value no op that may have taken effect wrote
     * @param exhaustive whether {@code reachable} is every value the register could hold there
     */
    record Result(
            Verdict.Status status,
            long states,
            int blocked,
            List<Integer> window,
            List<@Nullable Long> reachable,
            List<Integer> lastWriters,
            List<Integer> stillNeeding,
            boolean neverWritten,
            boolean exhaustive) {}

    private static final int REJECT = -1;
    private static final int MAX_REPORTED_STATES = 8;
    private static final int MAX_REPORTED_WRITERS = 4;
    private static final int NO_NEED = -1;

    private final List<Op> history;
    private final int n;
    private final int[] origin;
    private final OpKind[] kind;
    private final boolean[] inDoubt;
    private final int[] value;
    private final int[] expected;
    /** The state an acknowledged read or CAS requires when it takes effect, or NO_NEED. */
    private final int[] need;
    /** Per state code: unlinearized ops that require it, and unlinearized ops that could set it. */
    private int[] needing = new int[0];

    private int[] producing = new int[0];
    private final List<@Nullable Long> decode = new ArrayList<>();
    private final long[] zobrist;
    private final long maxStates;
    /** Whether to skip branches that provably fail; off when every reachable state must be seen, to explain. */
    private final boolean prune;

    private final int head;
    private final int[] next;
    private final int[] prev;
    private final int[] pos;
    private final long[] bits;

    private int bestPos = -1;
    private int blocked = -1;
    private final LinkedHashSet<Integer> bestStates = new LinkedHashSet<>();
    private boolean bestStatesTruncated;
    private final List<Integer> pendingAtBest = new ArrayList<>();
    private final LinkedHashSet<Integer> writersAtBest = new LinkedHashSet<>();
    private final List<Integer> needingAtBest = new ArrayList<>();

    /** Prepares a pruned search over {@code ops}, indices into {@code history} of one key's effective ops. */
    LinearizationSearch(List<Op> history, List<Integer> ops, long maxStates) {
        this(history, ops, maxStates, true);
    }

    /** Prepares a search; unpruned, a failing search reports every state reachable where it got furthest. */
    LinearizationSearch(List<Op> history, List<Integer> ops, long maxStates, boolean prune) {
        this.history = history;
        this.maxStates = maxStates;
        this.prune = prune;
        List<Integer> sorted = new ArrayList<>(ops);
        sorted.sort((a, b) -> {
            int c = Long.compare(history.get(a).invokeNanos(), history.get(b).invokeNanos());
            return c != 0 ? c : Integer.compare(a, b);
        });
        n = sorted.size();
        origin = new int[n];
        kind = new OpKind[n];
        inDoubt = new boolean[n];
        value = new int[n];
        expected = new int[n];
        need = new int[n];
        zobrist = new long[n];
        Map<Long, Integer> codes = new HashMap<>();
        decode.add(null);
        SplittableRandom random = new SplittableRandom(0x5eed_1eafL);
        for (int i = 0; i < n; i++) {
            Op op = history.get(sorted.get(i));
            origin[i] = sorted.get(i);
            kind[i] = op.kind();
            inDoubt[i] = op.outcome() == Outcome.INFO;
            value[i] = code(codes, op.value());
            expected[i] = code(codes, op.expected());
            need[i] = op.outcome() != Outcome.OK
                    ? NO_NEED
                    : kind[i] == OpKind.READ ? value[i] : kind[i] == OpKind.CAS ? expected[i] : NO_NEED;
            zobrist[i] = random.nextLong();
        }
        countNeeds();
        head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
        pos = new int[2 * n];
        bits = new long[(n + 63) / 64];
        link();
    }

    private void countNeeds() {
        needing = new int[decode.size()];
        producing = new int[decode.size()];
        for (int i = 0; i < n; i++) {
            if (need[i] != NO_NEED) {
                needing[need[i]]++;
            }
            if (kind[i] != OpKind.READ) {
                producing[value[i]]++;
            }
        }
    }

    private int code(Map<Long, Integer> codes, @Nullable Long v) {
        if (v == null) {
            return 0;
        }
        return codes.computeIfAbsent(v, k -> {
            decode.add(k);
            return decode.size() - 1;
        });
    }

    private long returnTime(int i) {
        return inDoubt[i] ? Long.MAX_VALUE : history.get(origin[i]).completeNanos();
    }

    /** Entries 0..n-1 are calls, n..2n-1 returns, 2n the head sentinel; -1 ends the list. */
    private void link() {
        Integer[] order = new Integer[2 * n];
        for (int e = 0; e < 2 * n; e++) {
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> {
            long ta = a < n ? history.get(origin[a]).invokeNanos() : returnTime(a - n);
            long tb = b < n ? history.get(origin[b]).invokeNanos() : returnTime(b - n);
            int c = Long.compare(ta, tb);
            if (c != 0) {
                return c;
            }
            c = Boolean.compare(a >= n, b >= n);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int last = head;
        for (int p = 0; p < order.length; p++) {
            int e = order[p];
            pos[e] = p;
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = -1;
    }

    /** The register state after op {@code i} takes effect in {@code state}, or REJECT if it cannot. */
    private int step(int i, int state) {
        int after = switch (kind[i]) {
            case READ -> state == value[i] ? state : REJECT;
            case WRITE -> value[i];
            // An in-doubt CAS that finds the wrong value simply fails: no effect, as if it never ran.
            case CAS -> state == expected[i] ? value[i] : inDoubt[i] ? state : REJECT;
            default -> throw new IllegalStateException("not a register op: " + kind[i]);
        };
        if (prune && after != REJECT && after != state) {
            // Leaving a state that some op still needs and nothing left can restore dooms that op: prune now
            // rather than at its return, which is what keeps highly concurrent histories tractable.
            int stillNeeded = needing[state] - (need[i] == state ? 1 : 0);
            if (stillNeeded > 0 && producing[state] == 0) {
                return REJECT;
            }
        }
        return after;
    }

    /** The first acknowledged op, by invocation, needing a value no op that may have taken effect ever wrote. */
    private int neverWritten() {
        for (int i = 0; i < n; i++) {
            if (need[i] != NO_NEED && need[i] != 0 && producing[need[i]] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Runs the search to a verdict, or to UNKNOWN once {@code maxStates} states are stored. */
    Result run() {
        int orphan = neverWritten();
        if (orphan >= 0) {
            List<Integer> op = List.of(origin[orphan]);
            return new Result(
                    Verdict.Status.INVALID, 0, origin[orphan], op, List.of(), List.of(), List.of(), true, false);
        }
        VisitedSet visited = new VisitedSet();
        int[] stackOp = new int[n];
        int[] stackState = new int[n];
        int depth = 0;
        int state = 0;
        long setHash = 0;
        int e = next[head];
        while (next[head] != -1) {
            if (e < n) {
                int after = step(e, state);
                if (after != REJECT) {
                    long h = setHash ^ zobrist[e];
                    bits[e >>> 6] |= 1L << e;
                    if (visited.add(h ^ mixState(after), after, bits)) {
                        if (visited.size() > maxStates) {
                            return result(Verdict.Status.UNKNOWN, visited.size());
                        }
                        stackOp[depth] = e;
                        stackState[depth] = state;
                        depth++;
                        state = after;
                        setHash = h;
                        lift(e);
                        e = next[head];
                        continue;
                    }
                    bits[e >>> 6] &= ~(1L << e);
                }
                e = next[e];
                continue;
            }
            noteFrontier(e, state, stackOp, stackState, depth);
            int i;
            do {
                // A read that fits the current state never hurts to linearize at once (the state stays, and later
                // ops only gain room), so if that failed, placing it later cannot help: backtrack past it.
                if (depth == 0) {
                    return result(Verdict.Status.INVALID, visited.size());
                }
                depth--;
                i = stackOp[depth];
                state = stackState[depth];
                bits[i >>> 6] &= ~(1L << i);
                setHash ^= zobrist[i];
                unlift(i);
            } while (prune && kind[i] == OpKind.READ);
            e = next[i];
        }
        return result(Verdict.Status.VALID, visited.size());
    }

    private static long mixState(int state) {
        long z = (state + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    private void lift(int i) {
        count(i, -1);
        next[prev[i]] = next[i];
        prev[next[i]] = prev[i];
        int r = n + i;
        next[prev[r]] = next[r];
        if (next[r] != -1) {
            prev[next[r]] = prev[r];
        }
    }

    private void unlift(int i) {
        int r = n + i;
        next[prev[r]] = r;
        if (next[r] != -1) {
            prev[next[r]] = r;
        }
        next[prev[i]] = i;
        prev[next[i]] = i;
        count(i, 1);
    }

    private void count(int i, int delta) {
        if (need[i] != NO_NEED) {
            needing[need[i]] += delta;
        }
        if (kind[i] != OpKind.READ) {
            producing[value[i]] += delta;
        }
    }

    /** Remembers the furthest return the search got stuck at, to explain a failure. */
    private void noteFrontier(int e, int state, int[] stackOp, int[] stackState, int depth) {
        int p = pos[e];
        if (p < bestPos) {
            return;
        }
        if (p > bestPos) {
            bestPos = p;
            blocked = e - n;
            bestStates.clear();
            bestStatesTruncated = false;
            writersAtBest.clear();
            pendingAtBest.clear();
            needingAtBest.clear();
            for (int i = 0; i < n && producing[state] == 0 && needingAtBest.size() < MAX_REPORTED_WRITERS; i++) {
                if (need[i] == state && (bits[i >>> 6] & (1L << i)) == 0 && i != blocked) {
                    needingAtBest.add(i);
                }
            }
            for (int x = next[head]; x != e; x = next[x]) {
                if (x < n) {
                    pendingAtBest.add(x);
                }
            }
        }
        if (bestStates.size() < MAX_REPORTED_STATES) {
            bestStates.add(state);
        } else if (!bestStates.contains(state)) {
            bestStatesTruncated = true;
        }
        if (writersAtBest.size() < MAX_REPORTED_WRITERS) {
            for (int d = depth - 1; d >= 0; d--) {
                int op = stackOp[d];
                int after = d == depth - 1 ? state : stackState[d + 1];
                // An in-doubt CAS that found the wrong value linearizes as a no-op: it set nothing.
                if (kind[op] == OpKind.WRITE || (kind[op] == OpKind.CAS && after != stackState[d])) {
                    writersAtBest.add(op);
                    break;
                }
            }
        }
    }

    private Result result(Verdict.Status status, long states) {
        if (status == Verdict.Status.VALID || blocked < 0) {
            return new Result(status, states, -1, List.of(), List.of(), List.of(), List.of(), false, false);
        }
        TreeSet<Integer> window = new TreeSet<>();
        window.add(origin[blocked]);
        pendingAtBest.forEach(i -> window.add(origin[i]));
        List<Integer> writers = new ArrayList<>();
        for (int w : writersAtBest) {
            writers.add(origin[w]);
            window.add(origin[w]);
        }
        List<Integer> needers = new ArrayList<>();
        for (int i : needingAtBest) {
            needers.add(origin[i]);
            window.add(origin[i]);
        }
        List<@Nullable Long> reachable = new ArrayList<>();
        bestStates.forEach(s -> reachable.add(decode.get(s)));
        boolean exhaustive = !prune && status == Verdict.Status.INVALID && !bestStatesTruncated;
        return new Result(
                status, states, origin[blocked], List.copyOf(window), reachable, writers, needers, false, exhaustive);
    }
}
