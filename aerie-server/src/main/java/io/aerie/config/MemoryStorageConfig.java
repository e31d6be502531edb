package io.aerie.config;

import java.util.List;

/**
 * {@code storage-engine memory { ... }}.
 *
 * @param dataSizeBytes {@code data-size}: the namespace's memory budget for record data
 * @param files {@code file} lines: persistence files (not used yet)
 * @param filesizeBytes {@code filesize}: size of each persistence file
 */
public record MemoryStorageConfig(long dataSizeBytes, List<String> files, long filesizeBytes) implements StorageConfig {
    public MemoryStorageConfig {
        files = List.copyOf(files);
    }
}
