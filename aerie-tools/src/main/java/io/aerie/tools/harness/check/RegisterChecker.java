package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Checks that every register key (one with WRITE or CAS ops) is linearizable: read, write and compare-and-set on a
 * register that starts absent.
 *
 * <p>Keys are independent, so each is searched alone. Failed ops are dropped (they took no effect), as are in-doubt
 * reads (they observed nothing). In-doubt writes and CASes may take effect at any time after their invocation, or
 * never; those whose value no read and no CAS ever expects are dropped up front, since taking effect could only
 * hide a value nobody looks for, and they are what makes fault-heavy histories expensive to search.
 *
 * <p>An invalid key is explained by its culprit, the first acknowledged completion no linearization explains (a
 * stale read, typically), with the values the register could hold by then and the ops in flight. Keys that were
 * only ever read belong to no workload; {@link #checkKey} checks one anyway.
 */
public final class RegisterChecker {
    /** Search states stored per key before giving up with UNKNOWN; each takes on the order of 100 bytes. */
    public static final long DEFAULT_MAX_STATES = 1_000_000L;

    private static final int MAX_LISTED = 6;

    private final long maxStates;

    /** A checker with the default budget. */
    public RegisterChecker() {
        this(DEFAULT_MAX_STATES);
    }

    /** A checker that gives up on a key (UNKNOWN) after storing {@code maxStates} search states for it. */
    public RegisterChecker(long maxStates) {
        if (maxStates < 1) {
            throw new IllegalArgumentException("the state budget must be positive");
        }
        this.maxStates = maxStates;
    }

    /** Checks every register key of {@code history}; keys of other workloads are left to their checkers. */
    public Verdict check(List<Op> history) {
        List<Verdict> perKey = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e :
                Keys.ofFamily(history, Keys.Family.REGISTER).entrySet()) {
            perKey.add(checkOps(history, e.getKey(), e.getValue()));
        }
        return Verdict.merge("register", perKey);
    }

    /** Checks one key of {@code history} as a register, whatever other keys hold. */
    public Verdict checkKey(List<Op> history, String key) {
        List<Integer> ops = Keys.byKey(history).getOrDefault(key, List.of());
        Keys.Family family = Keys.family(history, key, ops);
        if (family != Keys.Family.REGISTER && family != Keys.Family.NONE) {
            throw new IllegalArgumentException("key " + key + " holds a " + family + ", not a register");
        }
        return Verdict.merge("register", List.of(checkOps(history, key, ops)));
    }

    private Verdict checkOps(List<Op> history, String key, List<Integer> indices) {
        List<Integer> effective = effective(history, indices);
        LinearizationSearch.Result r = new LinearizationSearch(history, effective, maxStates).run();
        return switch (r.status()) {
            case VALID -> Verdict.ofKey(r.status(), key, "linearizable", List.of(), effective.size(), r.states());
            case UNKNOWN -> {
                String why = "search budget of " + maxStates + " states spent before a verdict"
                        + (r.blocked() < 0 ? "" : "; furthest point reached: " + explain(history, r, -1));
                yield Verdict.ofKey(r.status(), key, why, r.window(), effective.size(), r.states());
            }
            case INVALID -> {
                if (r.neverWritten()) {
                    yield Verdict.ofKey(
                            r.status(), key, orphan(history, r.blocked()), r.window(), effective.size(), r.states());
                }
                FirstViolation.Found found = FirstViolation.find(history, indices, r, maxStates);
                TreeSet<Integer> window = new TreeSet<>(found.result().window());
                window.add(found.culprit());
                String why = describe(history, found.culprit()) + " is the first completion no linearization explains; "
                        + explain(history, found.result(), found.culprit());
                yield Verdict.ofKey(r.status(), key, why, List.copyOf(window), effective.size(), found.states());
            }
        };
    }

    private static String orphan(List<Op> history, int i) {
        Op op = history.get(i);
        Long wanted = op.kind() == OpKind.CAS ? op.expected() : op.value();
        return describe(history, i) + " needs " + Op.show(wanted)
                + ", a value no write or CAS that may have taken effect ever wrote";
    }

    /** The ops that constrain the search: see the class comment for what is dropped and why. */
    static List<Integer> effective(List<Op> history, List<Integer> indices) {
        List<Integer> kept = new ArrayList<>();
        for (int i : indices) {
            Op op = history.get(i);
            if (op.outcome() == Outcome.OK || (op.outcome() == Outcome.INFO && op.kind() != OpKind.READ)) {
                kept.add(i);
            }
        }
        // Dropping an in-doubt CAS can orphan the value it expected, so repeat until nothing more goes.
        boolean dropped = true;
        while (dropped) {
            Set<Long> lookedFor = new HashSet<>();
            boolean absentLookedFor = false;
            for (int i : kept) {
                Op op = history.get(i);
                if (op.kind() == OpKind.READ || op.kind() == OpKind.CAS) {
                    Long wanted = op.kind() == OpKind.READ ? op.value() : op.expected();
                    if (wanted == null) {
                        // A read that found the record absent: an in-doubt delete may explain it.
                        absentLookedFor = true;
                    } else {
                        lookedFor.add(wanted);
                    }
                }
            }
            boolean absentWanted = absentLookedFor;
            dropped = kept.removeIf(i -> {
                Op op = history.get(i);
                Long v = op.value();
                return op.outcome() == Outcome.INFO && (v == null ? !absentWanted : !lookedFor.contains(v));
            });
        }
        return kept;
    }

    /** Where the search got stuck; {@code culprit} is already named by the caller (-1: none). */
    private static String explain(List<Op> history, LinearizationSearch.Result r, int culprit) {
        StringBuilder out = new StringBuilder();
        if (r.blocked() == culprit) {
            out.append("by then");
        } else {
            out.append(culprit >= 0 ? "the search stops at " : "")
                    .append("the completion of ")
                    .append(describe(history, r.blocked()))
                    .append(", when");
        }
        StringJoiner values = new StringJoiner(", ", "{", "}");
        for (@Nullable Long v : r.reachable()) {
            values.add(Op.show(v));
        }
        out.append(r.exhaustive() ? " the register could hold only " : " the register could hold, among others, ")
                .append(values);
        if (!r.lastWriters().isEmpty()) {
            StringJoiner writers = new StringJoiner(", ");
            r.lastWriters().forEach(w -> writers.add(describe(history, w)));
            out.append(", last set by ").append(writers);
        }
        if (!r.stillNeeding().isEmpty()) {
            StringJoiner needers = new StringJoiner(", ");
            r.stillNeeding().forEach(w -> needers.add(describe(history, w)));
            out.append(", which nothing can write again but is still needed by ")
                    .append(needers);
        }
        List<Integer> others = new ArrayList<>(r.window());
        others.remove(Integer.valueOf(r.blocked()));
        others.remove(Integer.valueOf(culprit));
        others.removeAll(r.lastWriters());
        others.removeAll(r.stillNeeding());
        if (!others.isEmpty()) {
            StringJoiner inFlight = new StringJoiner(", ");
            others.stream().limit(MAX_LISTED).forEach(o -> inFlight.add(describe(history, o)));
            out.append("; also in flight: ").append(inFlight);
            if (others.size() > MAX_LISTED) {
                out.append(" and ").append(others.size() - MAX_LISTED).append(" more");
            }
        }
        return out.toString();
    }

    private static String describe(List<Op> history, int i) {
        return "#" + i + " (" + history.get(i).summary() + ")";
    }
}
