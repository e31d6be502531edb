package io.aerie.config;

import java.util.List;

/**
 * {@code network { service { ... } }}.
 *
 * @param addresses {@code address} lines: where to listen; "any" = every interface
 * @param port {@code port}: the client port (3000)
 * @param accessAddresses {@code access-address} lines: what the node tells clients to use
 * @param alternateAccessAddresses {@code alternate-access-address} lines
 */
public record ServiceNetworkConfig(
        List<String> addresses, int port, List<String> accessAddresses, List<String> alternateAccessAddresses) {
    public ServiceNetworkConfig {
        addresses = List.copyOf(addresses);
        accessAddresses = List.copyOf(accessAddresses);
        alternateAccessAddresses = List.copyOf(alternateAccessAddresses);
    }
}
