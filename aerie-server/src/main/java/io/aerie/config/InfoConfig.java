package io.aerie.config;

import org.jspecify.annotations.Nullable;

/**
 * The {@code network { info { ... } }} stanza: the plain-text info port for administrators.
 *
 * @param address {@code address} to listen on; null for all interfaces
 * @param port {@code port}; default 3003
 */
public record InfoConfig(@Nullable String address, int port) {
    public static final int DEFAULT_PORT = 3003;

    public InfoConfig {
        Limits.checkPort("port", port);
    }

    /** All interfaces, port 3003. */
    public static InfoConfig defaults() {
        return new InfoConfig(null, DEFAULT_PORT);
    }
}
