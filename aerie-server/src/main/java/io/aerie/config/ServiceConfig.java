package io.aerie.config;

import org.jspecify.annotations.Nullable;

/**
 * The {@code service} stanza.
 *
 * @param clusterName {@code cluster-name}: clients that set one must match it; null = unset
 * @param nodeId {@code node-id}: the node id in hex; null = generated at start
 * @param protoFdMax {@code proto-fd-max}: most client connections open at once (default 15000)
 * @param protoFdIdleMs {@code proto-fd-idle-ms}: close client connections idle this long; 0 = never
 * @param serviceThreads {@code service-threads}: network threads; 0 = one per core
 */
public record ServiceConfig(
        @Nullable String clusterName, @Nullable String nodeId, int protoFdMax, int protoFdIdleMs, int serviceThreads) {

    /** Aerospike's defaults. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(null, null, 15000, 0, 0);
    }
}
