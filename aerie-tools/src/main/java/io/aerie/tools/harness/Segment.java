package io.aerie.tools.harness;

import java.util.List;

/**
 * One part of a run: a workload on keys of its own under one kind of fault, then recovery and final reads.
 *
 * @param index position in the run, from 0
 * @param type the kind of fault injected
 * @param faults the fault periods, in time order
 * @param durationMillis how long the workload runs
 */
public record Segment(int index, FaultType type, List<Fault> faults, long durationMillis) {
    public Segment {
        faults = List.copyOf(faults);
    }

    /** A name unique in the run, for key prefixes and file names, e.g. {@code 1-kill}. */
    public String name() {
        return index + "-" + type.label();
    }
}
