package io.aerie.config;

import org.jspecify.annotations.Nullable;

/**
 * {@code network { info { ... } }}.
 *
 * @param address where to listen; null = the service address
 * @param port the info port (3003)
 */
public record InfoConfig(@Nullable String address, int port) {}
