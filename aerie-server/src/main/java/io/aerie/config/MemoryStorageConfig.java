package io.aerie.config;

import java.util.List;

/** Interim. */
public record MemoryStorageConfig(long dataSizeBytes, List<String> files, long filesizeBytes)
        implements StorageConfig {}
