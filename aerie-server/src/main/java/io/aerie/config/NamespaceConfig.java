package io.aerie.config;

import java.util.List;

/**
 * A {@code namespace NAME { ... }} stanza.
 *
 * @param name the namespace name (1..31 bytes)
 * @param replicationFactor {@code replication-factor}: copies of each record (2)
 * @param defaultTtlSeconds {@code default-ttl}: TTL of writes that send 0; 0 = never expire
 * @param nsupPeriodSeconds {@code nsup-period}: seconds between expiry sweeps; 0 = no sweeps
 * @param allowTtlWithoutNsup {@code allow-ttl-without-nsup}: allow expiring writes when nsup is off
 * @param defaultReadTouchTtlPct {@code default-read-touch-ttl-pct}: read-touch percent of reads that send 0
 * @param stopWritesUsedPct {@code stop-writes-used-pct}: refuse writes above this share of data-size (70)
 * @param evictUsedPct {@code evict-used-pct}: evict above this share of data-size; 0 = never
 * @param stopWritesSysMemoryPct {@code stop-writes-sys-memory-pct}: refuse writes above this share of RAM (90)
 * @param conflictResolutionPolicy {@code conflict-resolution-policy}: generation or last-update-time
 * @param strongConsistency {@code strong-consistency}
 * @param maxRecordSize {@code max-record-size}: largest record in bytes (1 MiB)
 * @param storage {@code storage-engine}
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
        StorageConfig storage) {

    /** Aerospike's default record-size limit. */
    public static final long DEFAULT_MAX_RECORD_SIZE = 1L << 20;

    /** An in-memory namespace with Aerospike's defaults for everything else. */
    public static NamespaceConfig inMemory(String name, long dataSizeBytes) {
        return builder(name)
                .storage(new MemoryStorageConfig(dataSizeBytes, List.of(), 0))
                .build();
    }

    /** A builder holding Aerospike's defaults (memory engine, data-size 4G). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(name)
                .replicationFactor(replicationFactor)
                .defaultTtlSeconds(defaultTtlSeconds)
                .nsupPeriodSeconds(nsupPeriodSeconds)
                .allowTtlWithoutNsup(allowTtlWithoutNsup)
                .defaultReadTouchTtlPct(defaultReadTouchTtlPct)
                .stopWritesUsedPct(stopWritesUsedPct)
                .evictUsedPct(evictUsedPct)
                .stopWritesSysMemoryPct(stopWritesSysMemoryPct)
                .conflictResolutionPolicy(conflictResolutionPolicy)
                .strongConsistency(strongConsistency)
                .maxRecordSize(maxRecordSize)
                .storage(storage);
    }

    public NamespaceConfig withNsupPeriod(int seconds) {
        return toBuilder().nsupPeriodSeconds(seconds).build();
    }

    public NamespaceConfig withDefaultTtl(long seconds) {
        return toBuilder().defaultTtlSeconds(seconds).build();
    }

    /** Builds namespace configs; every setter is named as the record component it sets. */
    public static final class Builder {
        private final String name;
        private int replicationFactor = 2;
        private long defaultTtlSeconds;
        private int nsupPeriodSeconds;
        private boolean allowTtlWithoutNsup;
        private int defaultReadTouchTtlPct;
        private int stopWritesUsedPct = 70;
        private int evictUsedPct;
        private int stopWritesSysMemoryPct = 90;
        private String conflictResolutionPolicy = "generation";
        private boolean strongConsistency;
        private long maxRecordSize = DEFAULT_MAX_RECORD_SIZE;
        private StorageConfig storage = new MemoryStorageConfig(4L << 30, List.of(), 0);

        private Builder(String name) {
            this.name = name;
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
                    storage);
        }
    }
}
