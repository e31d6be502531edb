package io.aerie.tools.harness;

import io.aerie.tools.harness.check.Outcome;
import java.util.List;
import java.util.Random;

/** One workload of a segment: random ops on keys of its own, then a final read of each key. */
interface Workload {
    /** Which workload this is. */
    WorkloadType type();

    /** Runs one op, chosen with {@code random}, as {@code process}; returns its outcome. */
    Outcome step(int process, Random random);

    /** Every key an op may have touched so far, in a stable order. */
    List<String> keys();

    /** Reads {@code key} once as {@code process}, as the final read after recovery. */
    Outcome finalRead(int process, String key);
}
