package io.aerie.config;

import org.jspecify.annotations.Nullable;

/**
 * The {@code network { fabric { ... } }} stanza: node-to-node replication and migration traffic.
 *
 * @param address {@code address} to listen on; null for all interfaces
 * @param port {@code port}; default 3001
 */
public record FabricConfig(@Nullable String address, int port) {
    public static final int DEFAULT_PORT = 3001;

    public FabricConfig {
        Limits.checkPort("port", port);
    }

    /** All interfaces, port 3001. */
    public static FabricConfig defaults() {
        return new FabricConfig(null, DEFAULT_PORT);
    }
}
