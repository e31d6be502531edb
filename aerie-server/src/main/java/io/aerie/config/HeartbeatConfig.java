package io.aerie.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code network { heartbeat { ... } }} stanza: how nodes find each other.
 *
 * @param mode {@code mode}: {@code mesh} (default) or {@code multicast}
 * @param address {@code address} to listen on; null for all interfaces
 * @param port {@code port}; default 3002 for mesh, 9918 for multicast
 * @param meshSeeds one {@code "host:port"} per {@code mesh-seed-address-port} line, in file order; IPv6
 *     hosts are bracketed ({@code "[::1]:3002"})
 * @param intervalMs the 'interval' between heartbeats in milliseconds; default 150
 * @param timeout {@code timeout}: missed intervals before a node is declared gone; default 10
 */
public record HeartbeatConfig(
        String mode, @Nullable String address, int port, List<String> meshSeeds, int intervalMs, int timeout) {
    public static final String MESH = "mesh";
    public static final String MULTICAST = "multicast";
    public static final int DEFAULT_MESH_PORT = 3002;
    public static final int DEFAULT_MULTICAST_PORT = 9918;
    public static final int DEFAULT_INTERVAL_MS = 150;
    public static final int DEFAULT_TIMEOUT = 10;

    public HeartbeatConfig {
        if (!MESH.equals(mode) && !MULTICAST.equals(mode)) {
            throw new IllegalArgumentException("heartbeat mode must be mesh or multicast, not " + mode);
        }
        Limits.checkPort("port", port);
        meshSeeds = List.copyOf(meshSeeds);
        Limits.checkRange("interval", intervalMs, Limits.MIN_HEARTBEAT_INTERVAL_MS, Limits.MAX_HEARTBEAT_INTERVAL_MS);
        Limits.checkRange("timeout", timeout, Limits.MIN_HEARTBEAT_TIMEOUT, Integer.MAX_VALUE);
    }

    /** Mesh on port 3002 with no seeds, interval 150 ms, timeout 10. */
    public static HeartbeatConfig defaults() {
        return new HeartbeatConfig(MESH, null, DEFAULT_MESH_PORT, List.of(), DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT);
    }

    /** Joins a seed host and port as {@code host:port}, bracketing IPv6 literals. */
    static String seed(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
