package io.aerie.tools.harness;

import java.util.Locale;

/** The kinds of fault the nemesis injects; each run gives every selected kind a segment of its own. */
public enum FaultType {
    /** Splits the nodes into two groups that drop each other's heartbeat and fabric traffic. */
    PARTITION,
    /** SIGKILLs one node, then restarts it with the same config (an in-memory node comes back empty). */
    KILL,
    /** SIGSTOPs one node, then SIGCONTs it. */
    PAUSE,
    /** Shifts one node's wall clock (record last-update times) by a few seconds, then resets it. */
    CLOCK,
    /** Injects nothing: a control segment. */
    NONE;

    /** The name as the command line and the report spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
