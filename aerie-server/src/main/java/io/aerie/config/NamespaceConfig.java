package io.aerie.config;

import java.util.Objects;
import java.util.Set;

/**
 * A {@code namespace NAME { ... }} stanza.
 *
 * @param name 1 to 31 characters, no {@code :}, {@code ;} or whitespace
 * @param replicationFactor {@code replication-factor}, copies of each record, 1 to 256; default 2
 * @param defaultTtlSeconds {@code default-ttl} for writes that give none; 0 (default) means never expire
 * @param nsupPeriodSeconds {@code nsup-period}, how often expired records are removed; 0 (the default in a
 *     config file, as Aerospike) disables expiry and eviction
 * @param allowTtlWithoutNsup {@code allow-ttl-without-nsup}: permit TTLs while {@code nsup-period} is 0;
 *     default false
 * @param defaultReadTouchTtlPct {@code default-read-touch-ttl-pct}: reads within this percentage of the end
 *     of a record's TTL reset it; 0 (default) disables
 * @param stopWritesUsedPct {@code stop-writes-used-pct} of the storage-engine: writes fail beyond this use of
 *     storage; default 70
 * @param evictUsedPct {@code evict-used-pct} of the storage-engine: eviction starts beyond this use of
 *     storage; 0 (default) disables
 * @param stopWritesSysMemoryPct {@code stop-writes-sys-memory-pct}: writes fail beyond this use of system
 *     memory; default 90
 * @param conflictResolutionPolicy {@code conflict-resolution-policy}: {@code generation} (default) or
 *     {@code last-update-time}
 * @param strongConsistency {@code strong-consistency}; default false
 * @param maxRecordSize {@code max-record-size} in bytes, 64 B to 8 MiB; default 1 MiB
 * @param storage the {@code storage-engine}; memory when the stanza has none
 * @param tombRaiderPeriodSeconds {@code tomb-raider-period}: least time between tomb-raider passes
 *     over the storage files; default 86400 (a day), as Aerospike
 * @param rackId {@code rack-id}: the rack this node is on for the namespace; copies of a partition
 *     go to different racks where there are enough; 0 (default) to 1000000
 * @param preferUniformBalance {@code prefer-uniform-balance}: even out partitions per node (masters and
 *     each replica column) beyond what hashing gives; default true, as Aerospike; must be the same on
 *     every node
 * @param strongConsistencyAllowExpunge {@code strong-consistency-allow-expunge}: a strong-consistency
 *     namespace accepts deletes that leave no tombstone (otherwise refused with FORBIDDEN); default false
 * @param tombRaiderEligibleAgeSeconds {@code tomb-raider-eligible-age}: a durable delete's tombstone is
 *     reaped once it is this old; default 86400 (a day), as Aerospike
 */
public record NamespaceConfig(
        String name,
        int replicationFactor,
        long defaultTtlSeconds,
        int nsupPeriodSeconds,
        boolean allowTtlWithoutNsup,
        int defaultReadTouchTtlPct,
        int stopWritesUsedPct,
        int evictUsedPct,
        int stopWritesSysMemoryPct,
        String conflictResolutionPolicy,
        boolean strongConsistency,
        long maxRecordSize,
        StorageConfig storage,
        long tombRaiderPeriodSeconds,
        int rackId,
        boolean preferUniformBalance,
        boolean strongConsistencyAllowExpunge,
        long tombRaiderEligibleAgeSeconds) {
    public static final int DEFAULT_REPLICATION_FACTOR = 2;
    /** The {@code nsup-period} of {@link #inMemory} and {@link NodeConfig#defaults()}. */
    public static final int PROGRAMMATIC_NSUP_PERIOD_SECONDS = 120;

    public static final int DEFAULT_STOP_WRITES_USED_PCT = 70;
    /** Aerospike's default {@code tomb-raider-period}: a day. */
    public static final long DEFAULT_TOMB_RAIDER_PERIOD = 86_400;
    /** Aerospike's default {@code tomb-raider-eligible-age}: a day. */
    public static final long DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE = 86_400;

    public static final int DEFAULT_STOP_WRITES_SYS_MEMORY_PCT = 90;
    public static final String GENERATION = "generation";
    public static final String LAST_UPDATE_TIME = "last-update-time";
    public static final Set<String> CONFLICT_RESOLUTION_POLICIES = Set.of(GENERATION, LAST_UPDATE_TIME);
    public static final long DEFAULT_MAX_RECORD_SIZE = Limits.MIB;

    public NamespaceConfig {
        String problem = Limits.namespaceNameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ": '" + name + "'");
        }
        Limits.checkRange(
                "replication-factor", replicationFactor, Limits.MIN_REPLICATION_FACTOR, Limits.MAX_REPLICATION_FACTOR);
        Limits.checkRange("default-ttl", defaultTtlSeconds, 0, Limits.MAX_TTL_SECONDS);
        Limits.checkRange("nsup-period", nsupPeriodSeconds, 0, Integer.MAX_VALUE);
        Limits.checkRange("tomb-raider-period", tombRaiderPeriodSeconds, 1, Integer.MAX_VALUE);
        Limits.checkRange("tomb-raider-eligible-age", tombRaiderEligibleAgeSeconds, 0, Integer.MAX_VALUE);
        Limits.checkRange("rack-id", rackId, 0, 1_000_000);
        if (defaultTtlSeconds != 0 && nsupPeriodSeconds == 0 && !allowTtlWithoutNsup) {
            throw new IllegalArgumentException(ttlWithoutNsupProblem(name));
        }
        Limits.checkPercent("default-read-touch-ttl-pct", defaultReadTouchTtlPct);
        Limits.checkPercent("stop-writes-used-pct", stopWritesUsedPct);
        Limits.checkPercent("evict-used-pct", evictUsedPct);
        Limits.checkPercent("stop-writes-sys-memory-pct", stopWritesSysMemoryPct);
        if (!CONFLICT_RESOLUTION_POLICIES.contains(conflictResolutionPolicy)) {
            throw new IllegalArgumentException("conflict-resolution-policy must be generation or last-update-time, not "
                    + conflictResolutionPolicy);
        }
        Limits.checkRange("max-record-size", maxRecordSize, Limits.MIN_MAX_RECORD_SIZE, Limits.MAX_MAX_RECORD_SIZE);
        Objects.requireNonNull(storage, "storage");
    }

    /**
     * An in-memory namespace of {@code dataSizeBytes} with Aerospike's defaults for the rest, except that
     * {@code nsup-period} is 120 seconds so that records given a TTL do expire.
     */
    public static NamespaceConfig inMemory(String name, long dataSizeBytes) {
        return new NamespaceConfig(
                name,
                DEFAULT_REPLICATION_FACTOR,
                0,
                PROGRAMMATIC_NSUP_PERIOD_SECONDS,
                false,
                0,
                DEFAULT_STOP_WRITES_USED_PCT,
                0,
                DEFAULT_STOP_WRITES_SYS_MEMORY_PCT,
                GENERATION,
                false,
                DEFAULT_MAX_RECORD_SIZE,
                MemoryStorageConfig.ofSize(dataSizeBytes),
                DEFAULT_TOMB_RAIDER_PERIOD,
                0,
                true,
                false,
                DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE);
    }

    /** A builder holding this config's values, for copies with some parameters changed (set-config). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public NamespaceConfig withNsupPeriod(int seconds) {
        return toBuilder().nsupPeriodSeconds(seconds).build();
    }

    public NamespaceConfig withDefaultTtl(long seconds) {
        return toBuilder().defaultTtlSeconds(seconds).build();
    }

    /** Copies a config with changes; {@link #build()} validates as the constructor does. */
    public static final class Builder {
        private final String name;
        private int replicationFactor;
        private long defaultTtlSeconds;
        private int nsupPeriodSeconds;
        private boolean allowTtlWithoutNsup;
        private int defaultReadTouchTtlPct;
        private int stopWritesUsedPct;
        private int evictUsedPct;
        private int stopWritesSysMemoryPct;
        private String conflictResolutionPolicy;
        private boolean strongConsistency;
        private long maxRecordSize;
        private StorageConfig storage;
        private long tombRaiderPeriodSeconds;
        private int rackId;
        private boolean preferUniformBalance = true;
        private boolean strongConsistencyAllowExpunge;
        private long tombRaiderEligibleAgeSeconds;

        private Builder(NamespaceConfig c) {
            name = c.name;
            replicationFactor = c.replicationFactor;
            defaultTtlSeconds = c.defaultTtlSeconds;
            nsupPeriodSeconds = c.nsupPeriodSeconds;
            allowTtlWithoutNsup = c.allowTtlWithoutNsup;
            defaultReadTouchTtlPct = c.defaultReadTouchTtlPct;
            stopWritesUsedPct = c.stopWritesUsedPct;
            evictUsedPct = c.evictUsedPct;
            stopWritesSysMemoryPct = c.stopWritesSysMemoryPct;
            conflictResolutionPolicy = c.conflictResolutionPolicy;
            strongConsistency = c.strongConsistency;
            tombRaiderPeriodSeconds = c.tombRaiderPeriodSeconds;
            rackId = c.rackId;
            preferUniformBalance = c.preferUniformBalance;
            strongConsistencyAllowExpunge = c.strongConsistencyAllowExpunge;
            tombRaiderEligibleAgeSeconds = c.tombRaiderEligibleAgeSeconds;
            maxRecordSize = c.maxRecordSize;
            storage = c.storage;
        }

        public Builder replicationFactor(int v) {
            replicationFactor = v;
            return this;
        }

        public Builder defaultTtlSeconds(long v) {
            defaultTtlSeconds = v;
            return this;
        }

        public Builder nsupPeriodSeconds(int v) {
            nsupPeriodSeconds = v;
            return this;
        }

        public Builder allowTtlWithoutNsup(boolean v) {
            allowTtlWithoutNsup = v;
            return this;
        }

        public Builder defaultReadTouchTtlPct(int v) {
            defaultReadTouchTtlPct = v;
            return this;
        }

        public Builder stopWritesUsedPct(int v) {
            stopWritesUsedPct = v;
            return this;
        }

        public Builder evictUsedPct(int v) {
            evictUsedPct = v;
            return this;
        }

        public Builder stopWritesSysMemoryPct(int v) {
            stopWritesSysMemoryPct = v;
            return this;
        }

        public Builder conflictResolutionPolicy(String v) {
            conflictResolutionPolicy = v;
            return this;
        }

        public Builder strongConsistency(boolean v) {
            strongConsistency = v;
            return this;
        }

        public Builder maxRecordSize(long v) {
            maxRecordSize = v;
            return this;
        }

        public Builder preferUniformBalance(boolean v) {
            preferUniformBalance = v;
            return this;
        }

        public Builder rackId(int v) {
            rackId = v;
            return this;
        }

        public Builder tombRaiderPeriodSeconds(long v) {
            tombRaiderPeriodSeconds = v;
            return this;
        }

        public Builder tombRaiderEligibleAgeSeconds(long v) {
            tombRaiderEligibleAgeSeconds = v;
            return this;
        }

        public Builder storage(StorageConfig v) {
            storage = v;
            return this;
        }

        public NamespaceConfig build() {
            return new NamespaceConfig(
                    name,
                    replicationFactor,
                    defaultTtlSeconds,
                    nsupPeriodSeconds,
                    allowTtlWithoutNsup,
                    defaultReadTouchTtlPct,
                    stopWritesUsedPct,
                    evictUsedPct,
                    stopWritesSysMemoryPct,
                    conflictResolutionPolicy,
                    strongConsistency,
                    maxRecordSize,
                    storage,
                    tombRaiderPeriodSeconds,
                    rackId,
                    preferUniformBalance,
                    strongConsistencyAllowExpunge,
                    tombRaiderEligibleAgeSeconds);
        }
    }

    static String ttlWithoutNsupProblem(String name) {
        return "namespace " + name + " has a non-zero 'default-ttl' but 'nsup-period' 0:"
                + " set 'nsup-period' or 'allow-ttl-without-nsup true'";
    }
}
