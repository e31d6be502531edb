package io.aerie.tools.info;

import com.aerospike.client.Info;
import com.aerospike.client.cluster.Connection;
import java.net.InetSocketAddress;
import java.util.Map;

/** Asks one node info commands over one connection. */
@FunctionalInterface
public interface InfoClient {
    /**
     * The answers to {@code commands}, keyed by command, as the node sent them.
     *
     * @throws com.aerospike.client.AerospikeException when the node cannot be reached
     */
    Map<String, String> request(Peers.HostPort node, String... commands);

    /** The answer to one command; empty when the node sent none. */
    default String request(Peers.HostPort node, String command) {
        return request(node, new String[] {command}).getOrDefault(command, "");
    }

    /** Through the official client's {@link Info}, with {@code timeoutMillis} to connect and answer. */
    static InfoClient over(int timeoutMillis) {
        return (node, commands) -> {
            Connection conn = new Connection(new InetSocketAddress(node.host(), node.port()), timeoutMillis);
            try {
                return Info.request(conn, commands);
            } finally {
                conn.close();
            }
        };
    }
}
