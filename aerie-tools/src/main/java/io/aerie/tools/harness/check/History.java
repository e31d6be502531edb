package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Records a history from many client threads: each op is invoked (getting an id) and later completed.
 *
 * <p>Ids are dense, in the order {@code invoke} calls arrive, so an op's id is its index in {@link #ops()}. An op
 * never completed is in doubt: it shows as INFO, completing at {@link Long#MAX_VALUE}.
 */
public final class History {
    private record Invocation(
            int process,
            String key,
            OpKind kind,
            @Nullable Long value,
            @Nullable Long expected,
            long nanos) {}

    private final List<Invocation> invocations = new ArrayList<>();
    private final List<@Nullable Op> completed = new ArrayList<>();

    /** Records the invocation of a WRITE, ADD or APPEND of {@code value}; returns the op's id. */
    public int invoke(int process, String key, OpKind kind, long value, long nanos) {
        if (kind == OpKind.READ || kind == OpKind.CAS) {
            throw new IllegalArgumentException("use invokeRead or invokeCas for " + kind);
        }
        return record(new Invocation(process, key, kind, value, null, nanos));
    }

    /** Records the invocation of a delete: a register write of absent; returns the op's id. */
    public int invokeDelete(int process, String key, long nanos) {
        return record(new Invocation(process, key, OpKind.WRITE, null, null, nanos));
    }

    /** Records the invocation of a read; returns the op's id. */
    public int invokeRead(int process, String key, long nanos) {
        return record(new Invocation(process, key, OpKind.READ, null, null, nanos));
    }

    /** Records the invocation of a compare-and-set ({@code expected} null: absent); returns the op's id. */
    public int invokeCas(int process, String key, @Nullable Long expected, long value, long nanos) {
        return record(new Invocation(process, key, OpKind.CAS, value, expected, nanos));
    }

    private synchronized int record(Invocation invocation) {
        invocations.add(invocation);
        completed.add(null);
        return invocations.size() - 1;
    }

    /** Completes a non-read op, or a read that observed nothing (FAIL or INFO). */
    public void complete(int id, Outcome outcome, long nanos) {
        if (outcome == Outcome.OK && invocation(id).kind() == OpKind.READ) {
            throw new IllegalArgumentException("an OK read observed something: use completeRead or completeSetRead");
        }
        finish(id, outcome, null, List.of(), nanos);
    }

    /** Completes a register or counter read that observed {@code observed} (null: absent). */
    public void completeRead(int id, Outcome outcome, @Nullable Long observed, long nanos) {
        finish(id, outcome, observed, List.of(), nanos);
    }

    /** Completes a set read that observed {@code elements}. */
    public void completeSetRead(int id, Outcome outcome, Collection<Long> elements, long nanos) {
        finish(id, outcome, null, List.copyOf(elements), nanos);
    }

    private synchronized void finish(
            int id, Outcome outcome, @Nullable Long observed, List<Long> elements, long nanos) {
        Invocation inv = invocation(id);
        if (completed.get(id) != null) {
            throw new IllegalStateException("op " + id + " already completed");
        }
        boolean read = inv.kind() == OpKind.READ;
        if (!read && (observed != null || !elements.isEmpty())) {
            throw new IllegalArgumentException("only a read observes anything, op " + id + " is a " + inv.kind());
        }
        Long value = read ? observed : inv.value();
        completed.set(
                id,
                new Op(
                        inv.process(),
                        inv.key(),
                        inv.kind(),
                        value,
                        inv.expected(),
                        elements,
                        outcome,
                        inv.nanos(),
                        nanos));
    }

    private synchronized Invocation invocation(int id) {
        if (id < 0 || id >= invocations.size()) {
            throw new IllegalArgumentException("no op " + id);
        }
        return invocations.get(id);
    }

    /** Number of ops invoked so far. */
    public synchronized int size() {
        return invocations.size();
    }

    /** An immutable snapshot of every op in invocation order; ops still pending show as INFO. */
    public synchronized List<Op> ops() {
        List<Op> out = new ArrayList<>(invocations.size());
        for (int id = 0; id < invocations.size(); id++) {
            Op done = completed.get(id);
            if (done != null) {
                out.add(done);
            } else {
                Invocation inv = invocations.get(id);
                out.add(new Op(
                        inv.process(),
                        inv.key(),
                        inv.kind(),
                        inv.kind() == OpKind.READ ? null : inv.value(),
                        inv.expected(),
                        List.of(),
                        Outcome.INFO,
                        inv.nanos(),
                        Long.MAX_VALUE));
            }
        }
        return List.copyOf(out);
    }
}
