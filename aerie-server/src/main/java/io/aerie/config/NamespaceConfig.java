package io.aerie.config;

/** Interim. */
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
    public static NamespaceConfig inMemory(String name, long dataSizeBytes) {
        return new NamespaceConfig(
                name,
                2,
                0,
                120,
                false,
                0,
                70,
                0,
                90,
                "generation",
                false,
                1 << 20,
                new MemoryStorageConfig(dataSizeBytes, java.util.List.of(), 0));
    }
}
