package io.aerie.cluster;

import io.aerie.storage.Digest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One copy of a partition on its way to another node: the digests it had when it started, walked
 * in order, a batch at a time, each batch acknowledged before the next goes. Records written
 * meanwhile reach the destination as replica writes, so the walk need not see them.
 */
final class Emigration {
    final PartitionStates states;
    final int pid;
    final long destination;
    final long clusterKey;
    /** True: the final master fills a replica; false: a source gives its records to the final master. */
    final boolean fill;

    @Nullable
    List<Digest> digests;

    int cursor;
    int seq;

    Emigration(PartitionStates states, int pid, long destination, long clusterKey, boolean fill) {
        this.states = states;
        this.pid = pid;
        this.destination = destination;
        this.clusterKey = clusterKey;
        this.fill = fill;
    }

    /** Whether the view this emigration belongs to is still the current one. */
    boolean current() {
        return states.clusterKey() == clusterKey;
    }

    String namespace() {
        return states.namespace().name();
    }
}
