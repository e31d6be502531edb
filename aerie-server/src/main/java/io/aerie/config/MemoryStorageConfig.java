package io.aerie.config;

import java.util.List;

/**
 * {@code storage-engine memory { ... }}: records held in memory, optionally backed by files.
 *
 * @param dataSizeBytes capacity: {@code data-size}; when backed by files, {@code filesize} times the number
 *     of files; when neither is given, 4 GiB (Aerospike 6's {@code memory-size} default; an Aerospike 6
 *     {@code memory-size} line is used if present)
 * @param files backing files, one per 'file' line, in file order
 * @param filesizeBytes {@code filesize}: size of each backing file; 0 when there are none
 */
public record MemoryStorageConfig(long dataSizeBytes, List<String> files, long filesizeBytes) implements StorageConfig {
    /** Capacity of a memory namespace configured without {@code data-size}. */
    public static final long DEFAULT_DATA_SIZE = 4 * Limits.GIB;

    public MemoryStorageConfig {
        Limits.checkRange("data-size", dataSizeBytes, 1, Limits.MAX_DATA_SIZE);
        files = List.copyOf(files);
        Limits.checkRange("filesize", filesizeBytes, 0, Limits.MAX_FILE_SIZE);
        if (!files.isEmpty() && filesizeBytes == 0) {
            throw new IllegalArgumentException("filesize is required with backing files");
        }
    }

    /** Pure memory with {@code data-size} {@code dataSizeBytes}. */
    public static MemoryStorageConfig ofSize(long dataSizeBytes) {
        return new MemoryStorageConfig(dataSizeBytes, List.of(), 0);
    }

    @Override
    public String engine() {
        return "memory";
    }
}
