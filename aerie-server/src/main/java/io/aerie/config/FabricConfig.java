package io.aerie.config;

import org.jspecify.annotations.Nullable;

/**
 * {@code network { fabric { ... } }}.
 *
 * @param address where to listen; null = the service address
 * @param port the fabric port (3001)
 */
public record FabricConfig(@Nullable String address, int port) {}
