package io.aerie.info;

import io.aerie.cluster.ClusterService;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the info commands report about the node itself. Mutable only in its generations, which the
 * lifecycle moves: {@code partitionGeneration} is -1 until the node serves, as Aerospike's is.
 */
public final class NodeState {
    private final String nodeId;
    private final @Nullable String clusterName;
    private final long startMillis;
    private volatile int partitionGeneration = -1;
    private volatile int peersGeneration = 1;
    private volatile List<String> serviceAddresses = List.of();
    private volatile int servicePort;
    private volatile @Nullable ClusterService cluster;

    public NodeState(String nodeId, @Nullable String clusterName, long startMillis) {
        this.nodeId = nodeId;
        this.clusterName = clusterName;
        this.startMillis = startMillis;
    }

    /** Node id in upper-case hex, as Aerospike prints it. */
    public String nodeId() {
        return nodeId;
    }

    public @Nullable String clusterName() {
        return clusterName;
    }

    public long startMillis() {
        return startMillis;
    }

    /** -1 until the node serves; then moves whenever partition ownership changes. */
    public int partitionGeneration() {
        ClusterService c = cluster;
        return partitionGeneration < 0 || c == null ? partitionGeneration : c.partitionGeneration();
    }

    /** Moves whenever the set of peers may have changed. */
    public int peersGeneration() {
        ClusterService c = cluster;
        return c == null ? peersGeneration : c.peersGeneration();
    }

    /** The node's cluster, once it has joined one. */
    public @Nullable ClusterService cluster() {
        return cluster;
    }

    public void setCluster(ClusterService clusterService) {
        this.cluster = clusterService;
    }

    /** Marks the node ready: partition-generation becomes non-negative. */
    public void markReady() {
        if (partitionGeneration < 0) {
            partitionGeneration = 1;
        }
    }

    /** Client-reachable host addresses (without port). */
    public List<String> serviceAddresses() {
        return serviceAddresses;
    }

    public int servicePort() {
        return servicePort;
    }

    /** Sets where clients reach this node. */
    public void setService(List<String> addresses, int port) {
        this.serviceAddresses = List.copyOf(addresses);
        this.servicePort = port;
    }
}
