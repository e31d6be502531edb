package io.aerie.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code network { heartbeat { ... } }}.
 *
 * @param mode {@code mode}: mesh or multicast
 * @param address {@code address}: where to listen; null = the service address
 * @param port {@code port} (3002)
 * @param meshSeeds {@code mesh-seed-address-port} lines as {@code host:port}
 * @param intervalMs {@code interval}: milliseconds between heartbeats (150)
 * @param timeout {@code timeout}: missed heartbeats before a node is declared gone (10)
 */
public record HeartbeatConfig(
        String mode, @Nullable String address, int port, List<String> meshSeeds, int intervalMs, int timeout) {
    public HeartbeatConfig {
        meshSeeds = List.copyOf(meshSeeds);
    }
}
