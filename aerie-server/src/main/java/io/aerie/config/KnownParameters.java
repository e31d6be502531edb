package io.aerie.config;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Real Aerospike parameters that Aerie accepts and ignores, per stanza. A parameter that Aerie implements is
 * handled by {@link ConfigParser}; one listed here is recorded in {@link NodeConfig#ignoredParameters()} so the
 * server can log it; any other name is an error. The lists hold every name Aerospike 4.0 to 8.1 accepted in
 * that stanza (so files written for older releases still load) minus the implemented ones.
 */
final class KnownParameters {
    /** Top level: stanzas Aerie ignores whole. Their content is not checked, except mod-lua's. */
    static final Set<String> TOP_LEVEL = Set.of("mod-lua", "security", "xdr", "cluster");

    /** network { }: sub-stanzas Aerie ignores whole (besides service, heartbeat, fabric and info). */
    static final Set<String> NETWORK = Set.of("admin", "tls");

    /** logging { }: sinks Aerie ignores whole (besides console and file). */
    static final Set<String> LOGGING = Set.of("syslog");

    /**
     * service { }: process, threading, migration, histogram and enterprise settings Aerie does not use,
     * including ones removed in earlier Aerospike releases that old files still carry.
     */
    static final Set<String> SERVICE = Set.of(
            "advertise-ipv6",
            "allow-inline-transactions",
            "auto-dun",
            "auto-pin",
            "auto-undun",
            "batch-index-threads",
            "batch-max-buffers-per-queue",
            "batch-max-requests",
            "batch-max-unused-buffers",
            "batch-priority",
            "batch-retransmit",
            "batch-threads",
            "batch-without-digests",
            "clib-library",
            "client-fd-max",
            "debug-allocations",
            "defrag-queue-escape",
            "defrag-queue-hwm",
            "defrag-queue-lwm",
            "defrag-queue-priority",
            "dump-message-above-size",
            "enable-benchmarks-fabric",
            "enable-benchmarks-svc",
            "enable-health-check",
            "enable-hist-info",
            "enforce-best-practices",
            "fabric-dump-msgs",
            "fabric-workers",
            "fb-health-bad-pct",
            "fb-health-good-pct",
            "fb-health-msg-per-burst",
            "fb-health-msg-timeout",
            "feature-key-file",
            "generation-disable",
            "group",
            "hist-track-back",
            "hist-track-slice",
            "hist-track-thresholds",
            "indent-allocations",
            "info-max-ms",
            "info-threads",
            "keep-caps-ssd-health",
            "log-local-time",
            "log-millis",
            "max-msgs-per-type",
            "microsecond-histograms",
            "migrate-fill-delay",
            "migrate-priority",
            "migrate-read-priority",
            "migrate-read-sleep",
            "migrate-rx-lifetime-ms",
            "migrate-xmit-hwm",
            "migrate-xmit-lwm",
            "migrate-xmit-priority",
            "migrate-xmit-sleep",
            "node-id-interface",
            "nsup-auto-hwm",
            "nsup-auto-hwm-pct",
            "nsup-delete-sleep",
            "nsup-max-deletes",
            "nsup-period",
            "nsup-queue-escape",
            "nsup-queue-hwm",
            "nsup-queue-lwm",
            "nsup-reduce-priority",
            "nsup-reduce-sleep",
            "nsup-startup-evict",
            "nsup-threads",
            "object-size-hist-period",
            "os-group-perms",
            "paxos-max-cluster-size",
            "paxos-protocol",
            "paxos-recovery-policy",
            "paxos-retransmit-period",
            "paxos-single-replica-limit",
            "pidfile",
            "poison-allocations",
            "prole-extra-ttl",
            "quarantine-allocations",
            "query-batch-size",
            "query-bufpool-size",
            "query-in-transaction-thread",
            "query-long-q-max-size",
            "query-max-done",
            "query-pre-reserve-partitions",
            "query-priority",
            "query-priority-sleep-us",
            "query-rec-count-bound",
            "query-req-in-query-thread",
            "query-req-max-inflight",
            "query-short-q-max-size",
            "query-threads",
            "query-threads-limit",
            "query-threshold",
            "query-untracked-time-ms",
            "query-worker-threads",
            "replication-fire-and-forget",
            "respond-client-on-master-completion",
            "run-as-daemon",
            "salt-allocations",
            "scan-max-active",
            "scan-max-done",
            "scan-max-udf-transactions",
            "scan-memory",
            "scan-priority",
            "scan-retransmit",
            "scan-threads",
            "scan-threads-limit",
            "scheduler-priority",
            "scheduler-type",
            "secrets-address-port",
            "secrets-tls-context",
            "secrets-uds-path",
            "sindex-builder-threads",
            "sindex-gc-max-rate",
            "sindex-gc-period",
            "stay-quiesced",
            "tls-refresh-period",
            "transaction-duplicate-threads",
            "transaction-pending-limit",
            "transaction-queues",
            "transaction-repeatable-read",
            "transaction-retry-ms",
            "transaction-threads-per-queue",
            "trial-account-key",
            "udf-runtime-max-gmemory",
            "udf-runtime-max-memory",
            "use-queue-per-device",
            "user",
            "vault-ca",
            "vault-namespace",
            "vault-path",
            "vault-token-file",
            "vault-url",
            "write-duplicate-resolution-disable");

    /**
     * network { service { } }: TLS and interface-selection settings.
     */
    static final Set<String> NETWORK_SERVICE = Set.of(
            "alternate-address",
            "disable-localhost",
            "external-address",
            "network-interface-name",
            "reuse-address",
            "tls-access-address",
            "tls-access-port",
            "tls-address",
            "tls-alternate-access-address",
            "tls-alternate-access-port",
            "tls-authenticate-client",
            "tls-name",
            "tls-port");

    /**
     * network { heartbeat { } }: multicast, MTU, protocol and TLS settings.
     */
    static final Set<String> HEARTBEAT = Set.of(
            "connect-timeout-ms",
            "interface-address",
            "mcast-ttl",
            "mtu",
            "multicast-group",
            "multicast-ttl",
            "protocol",
            "tls-address",
            "tls-mesh-seed-address-port",
            "tls-name",
            "tls-port");

    /**
     * network { fabric { } }: channel, keep-alive and TLS tuning.
     */
    static final Set<String> FABRIC = Set.of(
            "channel-bulk-fds",
            "channel-bulk-recv-threads",
            "channel-ctrl-fds",
            "channel-ctrl-recv-threads",
            "channel-meta-fds",
            "channel-meta-recv-threads",
            "channel-rw-fds",
            "channel-rw-recv-pools",
            "channel-rw-recv-threads",
            "keepalive-enabled",
            "keepalive-intvl",
            "keepalive-probes",
            "keepalive-time",
            "latency-max-ms",
            "recv-rearm-threshold",
            "send-threads",
            "tls-address",
            "tls-name",
            "tls-port");

    /**
     * network { info { } }: beyond address and port.
     */
    static final Set<String> INFO = Set.of("enable-fastpath");

    /**
     * network { admin { } } (Aerospike 8.1): the whole stanza is ignored.
     */
    static final Set<String> ADMIN = Set.of(
            "address", "disable-localhost", "port", "tls-address", "tls-authenticate-client", "tls-name", "tls-port");

    /**
     * network { tls NAME { } }: the whole stanza is ignored; Aerie serves no TLS.
     */
    static final Set<String> TLS = Set.of(
            "ca-file",
            "ca-path",
            "cert-blacklist",
            "cert-file",
            "cipher-suite",
            "key-file",
            "key-file-password",
            "pki-user-append-ou",
            "protocols");

    /**
     * namespace NAME { }: index placement, racks, XDR, benchmarks, eviction tuning, and Aerospike 6
     * memory settings such as high-water-memory-pct and stop-writes-pct.
     */
    static final Set<String> NAMESPACE = Set.of(
            "active-rack",
            "allow-nonxdr-writes",
            "allow-versions",
            "allow-xdr-writes",
            "apply-ttl-reductions",
            "auto-revive",
            "background-query-max-rps",
            "background-scan-max-rps",
            "cold-start-evict-ttl",
            "conflict-resolve-writes",
            "data-in-index",
            "demo-read-multiplier",
            "demo-write-multiplier",
            "disable-cold-start-eviction",
            "disable-mrt-writes",
            "disable-nsup",
            "disable-write-dup-res",
            "disallow-expunge",
            "disallow-null-setname",
            "enable-benchmarks-batch-sub",
            "enable-benchmarks-ops-sub",
            "enable-benchmarks-read",
            "enable-benchmarks-udf",
            "enable-benchmarks-udf-sub",
            "enable-benchmarks-write",
            "enable-hist-proxy",
            "enable-xdr",
            "evict-hist-buckets",
            "evict-indexes-memory-pct",
            "evict-sys-memory-pct",
            "evict-tenths-pct",
            "geo2dsphere-within",
            "high-water-disk-pct",
            "high-water-memory-pct",
            "high-water-pct",
            "ignore-migrate-fill-delay",
            "index-stage-size",
            "index-type",
            "indexes-memory-budget",
            "inline-short-queries",
            "ldt-enabled",
            "limit-size",
            "low-water-pct",
            "max-ttl",
            "migrate-order",
            "migrate-retransmit-ms",
            "migrate-skip-unreadable",
            "migrate-sleep",
            "mrt-duration",
            "ns-forward-xdr-writes",
            "nsup-hist-period",
            "nsup-threads",
            "obj-size-hist-max",
            "partition-tree-locks",
            "partition-tree-sprigs",
            "read-consistency-level-override",
            "reject-non-xdr-writes",
            "reject-xdr-writes",
            "set",
            "sets-enable-xdr",
            "si",
            "sindex",
            "sindex-stage-size",
            "sindex-type",
            "single-bin",
            "single-query-threads",
            "single-scan-threads",
            "stop-writes-pct",
            "transaction-pending-limit",
            "truncate-threads",
            "write-commit-level-override",
            "xdr-bin-tombstone-ttl",
            "xdr-remote-datacenter",
            "xdr-tomb-raider-period",
            "xdr-tomb-raider-threads");

    /**
     * namespace NAME { storage-engine memory { } }: compression, encryption, defragmentation and
     * shadow-device settings.
     */
    static final Set<String> STORAGE_MEMORY = Set.of(
            "commit-to-device",
            "compression",
            "compression-acceleration",
            "compression-level",
            "defrag-lwm-pct",
            "defrag-queue-min",
            "defrag-sleep",
            "defrag-startup-minimum",
            "device",
            "direct-files",
            "disable-odsync",
            "enable-benchmarks-storage",
            "encryption",
            "encryption-key-file",
            "encryption-old-key-file",
            "flush-max-ms",
            "flush-size",
            "max-used-pct",
            "max-write-cache",
            "min-avail-pct",
            "stop-writes-avail-pct",
            "tomb-raider-sleep");

    /**
     * namespace NAME { storage-engine device { } }: encryption, caching, scheduling and settings of
     * older releases such as data-in-memory.
     */
    static final Set<String> STORAGE_DEVICE = Set.of(
            "cache-replica-writes",
            "cold-start-empty",
            "commit-min-size",
            "compression-acceleration",
            "data-in-memory",
            "defrag-max-blocks",
            "defrag-period",
            "defrag-queue-min",
            "defrag-startup-minimum",
            "direct-files",
            "disable-odirect",
            "disable-odsync",
            "enable-benchmarks-storage",
            "enable-osync",
            "encryption",
            "encryption-key-file",
            "encryption-old-key-file",
            "fsync-max-sec",
            "load-at-startup",
            "max-used-pct",
            "memory-all",
            "min-avail-pct",
            "persist",
            "post-write-queue",
            "read-page-cache",
            "readonly",
            "scheduler-mode",
            "serialize-tomb-raider",
            "signature",
            "sindex-startup-device-scan",
            "tomb-raider-sleep",
            "write-smoothing-period",
            "write-threads");

    /**
     * namespace NAME { set NAME { } }: the whole stanza is ignored.
     */
    static final Set<String> SET = Set.of(
            "default-read-touch-ttl-pct",
            "default-ttl",
            "disable-eviction",
            "enable-index",
            "set-disable-eviction",
            "set-enable-xdr",
            "set-evict-hwm-count",
            "set-evict-hwm-pct",
            "set-stop-write-count",
            "set-stop-write-pct",
            "set-stop-writes-count",
            "stop-writes-count",
            "stop-writes-size");

    /**
     * namespace NAME { index-type flash|pmem { } } and sindex-type: the whole stanza is ignored.
     */
    static final Set<String> INDEX_MOUNTS =
            Set.of("evict-mounts-pct", "mount", "mounts-budget", "mounts-high-water-pct", "mounts-size-limit");

    /**
     * namespace NAME { geo2dsphere-within { } }: the whole stanza is ignored.
     */
    static final Set<String> GEO2DSPHERE_WITHIN =
            Set.of("strict", "min-level", "max-level", "max-cells", "level-mod", "earth-radius-meters");

    /**
     * namespace NAME { si { } } and sindex { } of Aerospike 4: the whole stanza is ignored.
     */
    static final Set<String> SINDEX =
            Set.of("num-partitions", "si-gc-max-units", "si-gc-period", "si-histogram", "si-ignore-not-sync");

    /**
     * logging { syslog { } }: the whole sink is ignored.
     */
    static final Set<String> SYSLOG = Set.of("context", "facility", "path", "tag");

    /**
     * mod-lua { }: the whole stanza is ignored.
     */
    static final Set<String> MOD_LUA = Set.of("cache-enabled", "system-path", "user-path");

    /** For a stanza ignored whole: the parameter names it may hold, or null when its content is not checked. */
    static @Nullable Set<String> contentOf(String stanza) {
        return CONTENT.get(stanza);
    }

    private static final Map<String, Set<String>> CONTENT = Map.of(
            "mod-lua", MOD_LUA,
            "admin", ADMIN,
            "tls", TLS,
            "syslog", SYSLOG,
            "set", SET,
            "index-type", INDEX_MOUNTS,
            "sindex-type", INDEX_MOUNTS,
            "geo2dsphere-within", GEO2DSPHERE_WITHIN,
            "si", SINDEX,
            "sindex", SINDEX);

    private KnownParameters() {}
}
