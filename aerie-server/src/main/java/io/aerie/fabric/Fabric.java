package io.aerie.fabric;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Node-to-node messaging as the cluster uses it: typed messages to a peer by node id, handled by
 * the receiver's registered handler. {@link NettyFabric} carries them over TCP; a simulation can
 * carry them in virtual time.
 */
public interface Fabric extends AutoCloseable {
    /** Routes messages of {@code type} to {@code handler}. */
    void register(int type, Consumer<FabricMessage> handler);

    /** Where peer {@code peerId} listens. */
    void addPeer(long peerId, InetSocketAddress address);

    /** Forgets a peer that left the cluster. */
    void removePeer(long peerId);

    /**
     * Sends a message to {@code peerId}; false when it cannot go now (unknown peer, channel down or
     * full). Never blocks; delivery is in order per peer but not guaranteed.
     */
    boolean send(long peerId, int type, long clusterKey, byte[] payload);

    /** Fault injection for tests: drops every message to and from {@code nodes} (empty: heal). */
    void isolate(Set<Long> nodes);

    @Override
    void close();
}
