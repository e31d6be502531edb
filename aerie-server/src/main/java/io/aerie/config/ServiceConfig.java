package io.aerie.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The top-level {@code service} stanza.
 *
 * @param clusterName {@code cluster-name}; null when not set (Aerospike then accepts any client)
 * @param nodeId {@code node-id}, upper-case hex of 1 to 16 digits; null to derive one
 * @param protoFdMax {@code proto-fd-max}, the most client connections; default 15000
 * @param protoFdIdleMs {@code proto-fd-idle-ms}, idle client connections are closed after this; default 0
 *     (never, as Aerospike since 5.1)
 * @param serviceThreads {@code service-threads}; 0 means pick from the number of CPUs
 * @param transactionMaxMs {@code transaction-max-ms}, server-side limit for a transaction; default 1000
 * @param migrateThreads {@code migrate-threads}; default 1
 * @param minClusterSize {@code min-cluster-size}; default 1
 * @param tickerIntervalSeconds {@code ticker-interval}, period of the statistics log line; default 10
 * @param disableUdfExecution {@code disable-udf-execution}; default false
 * @param migrateMaxNumIncoming {@code migrate-max-num-incoming}: partitions this node takes in at
 *     once from other nodes' migrations; default 4, 1 to 256
 * @param workDirectory {@code work-directory}: where the node keeps what must survive restarts (the
 *     rosters and regimes of strong-consistency namespaces, under {@code smd}); default
 *     {@code /opt/aerospike}, as Aerospike
 */
public record ServiceConfig(
        @Nullable String clusterName,
        @Nullable String nodeId,
        int protoFdMax,
        int protoFdIdleMs,
        int serviceThreads,
        long transactionMaxMs,
        int migrateThreads,
        int minClusterSize,
        int tickerIntervalSeconds,
        boolean disableUdfExecution,
        int migrateMaxNumIncoming,
        String workDirectory) {
    public static final String DEFAULT_WORK_DIRECTORY = "/opt/aerospike";
    public static final int DEFAULT_MIGRATE_MAX_NUM_INCOMING = 4;
    public static final int DEFAULT_PROTO_FD_MAX = 15_000;
    public static final int DEFAULT_PROTO_FD_IDLE_MS = 0;
    public static final long DEFAULT_TRANSACTION_MAX_MS = 1000;
    public static final int DEFAULT_MIGRATE_THREADS = 1;
    public static final int DEFAULT_MIN_CLUSTER_SIZE = 1;
    public static final int DEFAULT_TICKER_INTERVAL_SECONDS = 10;

    public ServiceConfig {
        if (clusterName != null && (clusterName.isEmpty() || clusterName.length() > Limits.MAX_CLUSTER_NAME_LENGTH)) {
            throw new IllegalArgumentException(
                    "cluster-name must be 1 to " + Limits.MAX_CLUSTER_NAME_LENGTH + " characters long");
        }
        if (nodeId != null) {
            nodeId = normalizeNodeId(nodeId);
        }
        Limits.checkRange("proto-fd-max", protoFdMax, 1, Integer.MAX_VALUE);
        Limits.checkRange("proto-fd-idle-ms", protoFdIdleMs, 0, Integer.MAX_VALUE);
        Limits.checkRange("service-threads", serviceThreads, 0, Limits.MAX_SERVICE_THREADS);
        Limits.checkRange("transaction-max-ms", transactionMaxMs, 1, Long.MAX_VALUE / 1_000_000);
        Limits.checkRange("migrate-threads", migrateThreads, 0, 100);
        Limits.checkRange("min-cluster-size", minClusterSize, 0, Limits.MAX_REPLICATION_FACTOR);
        Limits.checkRange("ticker-interval", tickerIntervalSeconds, 0, Integer.MAX_VALUE);
        Limits.checkRange("migrate-max-num-incoming", migrateMaxNumIncoming, 1, 256);
        if (workDirectory.isBlank()) {
            throw new IllegalArgumentException("work-directory must not be empty");
        }
    }

    /** The five settings most code cares about; the rest take Aerospike's defaults. */
    public ServiceConfig(
            @Nullable String clusterName,
            @Nullable String nodeId,
            int protoFdMax,
            int protoFdIdleMs,
            int serviceThreads) {
        this(
                clusterName,
                nodeId,
                protoFdMax,
                protoFdIdleMs,
                serviceThreads,
                DEFAULT_TRANSACTION_MAX_MS,
                DEFAULT_MIGRATE_THREADS,
                DEFAULT_MIN_CLUSTER_SIZE,
                DEFAULT_TICKER_INTERVAL_SECONDS,
                false,
                DEFAULT_MIGRATE_MAX_NUM_INCOMING,
                DEFAULT_WORK_DIRECTORY);
    }

    /** Aerospike's defaults: no cluster name, derived node id, 15000 connections, automatic thread counts. */
    public static ServiceConfig defaults() {
        return new ServiceConfig(null, null, DEFAULT_PROTO_FD_MAX, DEFAULT_PROTO_FD_IDLE_MS, 0);
    }

    /** Checks a node id is 1 to 16 hex digits and not zero, and returns it in upper case. */
    static String normalizeNodeId(String nodeId) {
        boolean hex = !nodeId.isEmpty() && nodeId.length() <= 16;
        boolean nonZero = false;
        for (int i = 0; hex && i < nodeId.length(); i++) {
            int digit = Character.digit(nodeId.charAt(i), 16);
            hex = digit >= 0;
            nonZero |= digit > 0;
        }
        if (!hex || !nonZero) {
            throw new IllegalArgumentException(
                    "node-id must be a non-zero hex number of 1 to 16 digits, not " + nodeId);
        }
        return nodeId.toUpperCase(Locale.ROOT);
    }
}
