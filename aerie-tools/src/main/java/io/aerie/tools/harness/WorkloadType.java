package io.aerie.tools.harness;

import java.util.Locale;

/** The workloads a segment mixes, each on keys of its own, each with its checker. */
public enum WorkloadType {
    /** Reads, writes and compare-and-sets of small longs on a few keys, checked for linearizability. */
    REGISTER,
    /** Increments and reads of a counter, checked against the increments acknowledged and in doubt. */
    COUNTER,
    /** Appends of unique longs to a list and reads of the whole list, checked for lost elements. */
    SET;

    /** The name as the command line and the report spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
