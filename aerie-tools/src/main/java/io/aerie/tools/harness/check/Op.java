package io.aerie.tools.harness.check;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a history; an op is named by its position in the history's list.
 *
 * @param process client (thread) that ran it; one op at a time per process
 * @param key the record it touched
 * @param kind what it did
 * @param value READ: the value observed if OK, null for an absent record (or a set read); WRITE: the value written;
 *     CAS: the new value; ADD: the increment; APPEND: the element
 * @param expected CAS only: the value the register must hold, null for "absent"; null for every other kind
 * @param elements READ of a set only: the elements observed, in the order returned; empty otherwise
 * @param outcome how it ended
 * @param invokeNanos when it was invoked
 * @param completeNanos when its client saw it end; for INFO only informative, since the op may still take effect
 */
public record Op(
        int process,
        String key,
        OpKind kind,
        @Nullable Long value,
        @Nullable Long expected,
        List<Long> elements,
        Outcome outcome,
        long invokeNanos,
        long completeNanos) {

    private static final int SUMMARY_ELEMENTS = 8;

    public Op {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        elements = List.copyOf(elements);
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException(
                    "op completes before it is invoked: " + invokeNanos + " > " + completeNanos);
        }
        if (kind == OpKind.READ) {
            if (value != null && !elements.isEmpty()) {
                throw new IllegalArgumentException("a read observes a value or elements, not both");
            }
            if (outcome != Outcome.OK && (value != null || !elements.isEmpty())) {
                throw new IllegalArgumentException("only an OK read observes anything");
            }
        } else {
            if (value == null && kind != OpKind.WRITE) {
                // A write of nothing is a delete: the register becomes absent.
                throw new IllegalArgumentException(kind + " needs a value");
            }
            if (!elements.isEmpty()) {
                throw new IllegalArgumentException("only a read carries elements");
            }
        }
        if (kind != OpKind.CAS && expected != null) {
            throw new IllegalArgumentException("only a CAS has an expected value");
        }
    }

    /** A register or counter read that observed {@code observed} (null: record absent). */
    public static Op read(
            int process, String key, @Nullable Long observed, Outcome outcome, long invoke, long complete) {
        return new Op(process, key, OpKind.READ, observed, null, List.of(), outcome, invoke, complete);
    }

    /** A set read that observed {@code elements}. */
    public static Op setRead(
            int process, String key, Collection<Long> elements, Outcome outcome, long invoke, long complete) {
        return new Op(process, key, OpKind.READ, null, null, List.copyOf(elements), outcome, invoke, complete);
    }

    /** A blind register write. */
    public static Op write(int process, String key, long value, Outcome outcome, long invoke, long complete) {
        return new Op(process, key, OpKind.WRITE, value, null, List.of(), outcome, invoke, complete);
    }

    /** A delete: the register becomes absent. */
    public static Op delete(int process, String key, Outcome outcome, long invoke, long complete) {
        return new Op(process, key, OpKind.WRITE, null, null, List.of(), outcome, invoke, complete);
    }

    /** A compare-and-set from {@code expected} (null: absent) to {@code value}. */
    public static Op cas(
            int process, String key, @Nullable Long expected, long value, Outcome outcome, long invoke, long complete) {
        return new Op(process, key, OpKind.CAS, value, expected, List.of(), outcome, invoke, complete);
    }

    /** A counter increment. */
    public static Op add(int process, String key, long increment, Outcome outcome, long invoke, long complete) {
        return new Op(process, key, OpKind.ADD, increment, null, List.of(), outcome, invoke, complete);
    }

    /** A set append of {@code element}. */
    public static Op append(int process, String key, long element, Outcome outcome, long invoke, long complete) {
        return new Op(process, key, OpKind.APPEND, element, null, List.of(), outcome, invoke, complete);
    }

    /** True if the op may have taken effect: acknowledged or in doubt. */
    public boolean mayHaveTakenEffect() {
        return outcome != Outcome.FAIL;
    }

    /** A short description for verdicts, e.g. {@code p3 CAS 5->7 OK [100..250]}. */
    public String summary() {
        String what = switch (kind) {
            case READ -> elements.isEmpty() ? "READ " + show(value) : "READ " + shortList(elements);
            case CAS -> "CAS " + show(expected) + "->" + value;
            case WRITE -> "WRITE " + show(value);
            default -> kind + " " + value;
        };
        String end = outcome == Outcome.INFO ? "?" : Long.toString(completeNanos);
        return "p" + process + " " + what + " " + outcome + " [" + invokeNanos + ".." + end + "]";
    }

    private static String shortList(List<Long> elements) {
        if (elements.size() <= SUMMARY_ELEMENTS) {
            return elements.toString();
        }
        String head = elements.subList(0, SUMMARY_ELEMENTS).toString();
        return head.substring(0, head.length() - 1) + ", ... " + elements.size() + " in all]";
    }

    static String show(@Nullable Long value) {
        return value == null ? "absent" : value.toString();
    }
}
