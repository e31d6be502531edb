package io.aerie.config;

import java.util.Objects;

/**
 * The {@code network} stanza and its {@code service}, {@code heartbeat}, {@code fabric} and {@code info}
 * sub-stanzas.
 */
public record NetworkConfig(
        ServiceNetworkConfig service, HeartbeatConfig heartbeat, FabricConfig fabric, InfoConfig info) {
    public NetworkConfig {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(fabric, "fabric");
        Objects.requireNonNull(info, "info");
    }

    /** Aerospike's default ports (3000 to 3003) with the service bound to {@code 127.0.0.1}. */
    public static NetworkConfig defaults() {
        return new NetworkConfig(
                ServiceNetworkConfig.localhost(),
                HeartbeatConfig.defaults(),
                FabricConfig.defaults(),
                InfoConfig.defaults());
    }

    /** A copy with {@code service.port} replaced. */
    public NetworkConfig withServicePort(int port) {
        return new NetworkConfig(service.withPort(port), heartbeat, fabric, info);
    }
}
