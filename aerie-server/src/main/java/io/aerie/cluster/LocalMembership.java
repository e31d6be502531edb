package io.aerie.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The membership of a node configured without mesh seeds: a cluster of one, formed at start with
 * a random cluster key. Broadcasts come straight back to the node.
 */
public final class LocalMembership implements Membership {
    private final long nodeId;
    private final long clusterKey;
    private final List<Consumer<ClusterView>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Long, byte[]>> messageListeners = new CopyOnWriteArrayList<>();
    private volatile ClusterView view;

    /** A cluster of node {@code nodeId} alone, under {@code clusterKey} (48 bits, not 0). */
    public LocalMembership(long nodeId, long clusterKey) {
        this.nodeId = nodeId;
        this.clusterKey = clusterKey;
        this.view = new ClusterView(0, List.of(nodeId), nodeId);
    }

    @Override
    public void start() {
        ClusterView v = new ClusterView(clusterKey, List.of(nodeId), nodeId);
        view = v;
        for (Consumer<ClusterView> l : listeners) {
            l.accept(v);
        }
    }

    @Override
    public ClusterView view() {
        return view;
    }

    @Override
    public void onViewChange(Consumer<ClusterView> listener) {
        listeners.add(listener);
    }

    @Override
    public void broadcast(byte[] payload) {
        for (BiConsumer<Long, byte[]> l : messageListeners) {
            l.accept(nodeId, payload);
        }
    }

    @Override
    public void onMessage(BiConsumer<Long, byte[]> listener) {
        messageListeners.add(listener);
    }

    @Override
    public void isolate(java.util.Set<Long> nodes) {}

    @Override
    public void close() {}
}
