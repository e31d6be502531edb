package io.aerie.cluster;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Who is in the cluster now: a view that changes as nodes join, leave, split and merge. */
public interface Membership extends AutoCloseable {
    /** Joins the cluster; views start arriving. */
    void start();

    /** The view now in force. */
    ClusterView view();

    /** Calls {@code listener} with every new view, in order. */
    void onViewChange(Consumer<ClusterView> listener);

    /**
     * Sends {@code payload} to every member of the view, this node included, reliably and in order
     * per sender; it reaches the {@link #onMessage} listeners.
     */
    void broadcast(byte[] payload);

    /** Calls {@code listener} with the sender's node id and payload of every broadcast. */
    void onMessage(BiConsumer<Long, byte[]> listener);

    /**
     * Fault injection for tests: drops all heartbeat traffic to and from {@code nodes} (empty: heal),
     * as a network split would.
     */
    void isolate(java.util.Set<Long> nodes);

    /** Leaves the cluster. */
    @Override
    void close();
}
