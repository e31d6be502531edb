package io.aerie.tools.info;

import java.util.List;

/**
 * A {@code peers-clear-std} answer: the peers generation, the default service port and the other
 * members of the cluster.
 *
 * @param generation changes whenever the peer list does
 * @param defaultPort the port of any host listed without one
 * @param peers every other node of the cluster
 */
public record Peers(int generation, int defaultPort, List<Peer> peers) {
    public Peers {
        peers = List.copyOf(peers);
    }

    /**
     * One other node.
     *
     * @param nodeId its node id in hex, as the server prints it
     * @param tlsName its TLS name; empty without TLS
     * @param hosts its client addresses
     */
    public record Peer(String nodeId, String tlsName, List<HostPort> hosts) {
        public Peer {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * A client address.
     *
     * @param host name or address; an IPv6 address without its brackets
     * @param port service port
     */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
