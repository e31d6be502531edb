package io.aerie.cluster;

import java.util.List;

/**
 * The membership of a node configured without mesh seeds: a cluster of one, formed at start with
 * a random cluster key. Broadcasts come straight back to the node.
 */
public final class LocalMembership extends ListeningMembership {
    private final long nodeId;
    private final long clusterKey;

    /** A cluster of node {@code nodeId} alone, under {@code clusterKey} (48 bits, not 0). */
    public LocalMembership(long nodeId, long clusterKey) {
        super(nodeId);
        this.nodeId = nodeId;
        this.clusterKey = clusterKey;
    }

    @Override
    public void start() {
        install(new ClusterView(clusterKey, List.of(nodeId), nodeId));
    }

    @Override
    public void broadcast(byte[] payload) {
        deliver(nodeId, payload);
    }

    @Override
    public void isolate(java.util.Set<Long> nodes) {}

    @Override
    public void close() {}
}
