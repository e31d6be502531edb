package io.aerie.config;

import java.util.List;

/**
 * The {@code network { service { ... } }} stanza: where clients connect.
 *
 * @param addresses {@code address} lines: interfaces or IP addresses to listen on; {@code any} means all
 * @param port {@code port}; default 3000; 0 (programmatic only) picks a free port
 * @param accessAddresses {@code access-address} lines: addresses published to clients; empty means publish
 *     {@code addresses}
 * @param alternateAccessAddresses {@code alternate-access-address} lines, published for clients asking for
 *     alternate addresses
 * @param accessPort {@code access-port}: port published with {@code accessAddresses}; 0 means {@code port}
 * @param alternateAccessPort {@code alternate-access-port}; 0 means {@code port}
 */
public record ServiceNetworkConfig(
        List<String> addresses,
        int port,
        List<String> accessAddresses,
        List<String> alternateAccessAddresses,
        int accessPort,
        int alternateAccessPort) {
    public static final int DEFAULT_PORT = 3000;
    /** What Aerospike listens on when a service stanza has no {@code address} line. */
    public static final String ANY = "any";

    public ServiceNetworkConfig {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("network service needs at least one address");
        }
        accessAddresses = List.copyOf(accessAddresses);
        alternateAccessAddresses = List.copyOf(alternateAccessAddresses);
        Limits.checkPort("port", port);
        Limits.checkPort("access-port", accessPort);
        Limits.checkPort("alternate-access-port", alternateAccessPort);
    }

    /** Without published ports: clients are told {@code port}. */
    public ServiceNetworkConfig(
            List<String> addresses, int port, List<String> accessAddresses, List<String> alternateAccessAddresses) {
        this(addresses, port, accessAddresses, alternateAccessAddresses, 0, 0);
    }

    /** {@code 127.0.0.1:3000}, what {@code bin/aerie} with no arguments serves. */
    public static ServiceNetworkConfig localhost() {
        return new ServiceNetworkConfig(List.of("127.0.0.1"), DEFAULT_PORT, List.of(), List.of());
    }

    /** A copy listening on {@code port} (0 picks a free port). */
    public ServiceNetworkConfig withPort(int port) {
        return new ServiceNetworkConfig(
                addresses, port, accessAddresses, alternateAccessAddresses, accessPort, alternateAccessPort);
    }
}
