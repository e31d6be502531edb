package io.aerie.config;

import java.util.List;

/**
 * {@code storage-engine device { ... }}: parsed and validated; the device engine itself comes with
 * the durable-storage issue, and a node refuses to start with it until then.
 *
 * @param files {@code file} lines
 * @param devices {@code device} lines
 * @param filesizeBytes {@code filesize}
 * @param flushSizeBytes {@code flush-size}
 * @param writeBlockSizeBytes {@code write-block-size} (older configs)
 * @param commitToDevice {@code commit-to-device}
 * @param flushMaxMs {@code flush-max-ms}
 * @param defragLwmPct {@code defrag-lwm-pct} (50)
 * @param defragSleepUs {@code defrag-sleep}
 * @param maxWriteCacheBytes {@code max-write-cache}
 * @param postWriteCacheBytes {@code post-write-cache}
 * @param compression {@code compression}: none, lz4 or zstd
 * @param compressionLevel {@code compression-level}
 */
public record DeviceStorageConfig(
        List<String> files,
        List<String> devices,
        long filesizeBytes,
        long flushSizeBytes,
        long writeBlockSizeBytes,
        boolean commitToDevice,
        int flushMaxMs,
        int defragLwmPct,
        int defragSleepUs,
        long maxWriteCacheBytes,
        long postWriteCacheBytes,
        String compression,
        int compressionLevel)
        implements StorageConfig {
    public DeviceStorageConfig {
        files = List.copyOf(files);
        devices = List.copyOf(devices);
    }
}
