package io.aerie.info;

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

    public int partitionGeneration() {
        return partitionGeneration;
    }

    public int peersGeneration() {
        return peersGeneration;
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
