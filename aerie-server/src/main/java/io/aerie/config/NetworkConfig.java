package io.aerie.config;

import java.util.List;

/**
 * The {@code network} stanza.
 *
 * @param service where clients connect
 * @param heartbeat cluster membership traffic (used when clustering arrives)
 * @param fabric node-to-node data traffic (used when clustering arrives)
 * @param info the legacy telnet-style info port
 */
public record NetworkConfig(
        ServiceNetworkConfig service, HeartbeatConfig heartbeat, FabricConfig fabric, InfoConfig info) {

    /** Defaults, with the client service bound to {@code serviceAddresses}. */
    public static NetworkConfig defaults(List<String> serviceAddresses) {
        return new NetworkConfig(
                new ServiceNetworkConfig(serviceAddresses, 3000, List.of(), List.of()),
                new HeartbeatConfig("mesh", null, 3002, List.of(), 150, 10),
                new FabricConfig(null, 3001),
                new InfoConfig(null, 3003));
    }

    NetworkConfig withServicePort(int port) {
        return new NetworkConfig(
                new ServiceNetworkConfig(
                        service.addresses(), port, service.accessAddresses(), service.alternateAccessAddresses()),
                heartbeat,
                fabric,
                info);
    }
}
