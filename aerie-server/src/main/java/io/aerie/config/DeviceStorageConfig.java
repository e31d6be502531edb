package io.aerie.config;

import java.util.List;
import java.util.Set;

/**
 * {@code storage-engine device { ... }}: records persisted to raw devices or to files.
 *
 * @param files one path per 'file' line, in file order (either files or devices, not both)
 * @param devices one path per 'device' line, in file order
 * @param filesizeBytes {@code filesize}: size of each file; required with files, 0 for devices (sized by
 *     the device)
 * @param flushSizeBytes {@code flush-size}: unit of writes to storage, a power of 2 from 4 KiB to 8 MiB;
 *     default 1 MiB
 * @param writeBlockSizeBytes {@code write-block-size} (Aerospike 7.0 and earlier): a power of 2 up to 8 MiB;
 *     default 8 MiB, the fixed block size of Aerospike 7.1 and later
 * @param commitToDevice {@code commit-to-device}: write each record to storage before replying; default
 *     false
 * @param flushMaxMs {@code flush-max-ms}: longest a partly filled buffer waits before being written; default
 *     1000
 * @param defragLwmPct {@code defrag-lwm-pct}: blocks less full than this are defragmented; default 50
 * @param defragSleepUs {@code defrag-sleep}: pause between defragmented blocks in microseconds; default 1000
 * @param maxWriteCacheBytes {@code max-write-cache}: buffered writes per device before writes are refused;
 *     default 64 MiB
 * @param postWriteCacheBytes {@code post-write-cache}: per-device cache of recently written blocks; default
 *     256 MiB
 * @param compression {@code compression}: {@code none} (default), {@code lz4}, {@code snappy} or
 *     {@code zstd}
 * @param compressionLevel {@code compression-level}, 1 to 9 for zstd; 0 means the codec's default
 * @param stopWritesAvailPct {@code stop-writes-avail-pct}: writes stop when fewer free write blocks
 *     than this percentage of a file's blocks remain; default 5
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
        int compressionLevel,
        int stopWritesAvailPct)
        implements StorageConfig {
    public static final long DEFAULT_FLUSH_SIZE = Limits.MIB;
    public static final long DEFAULT_WRITE_BLOCK_SIZE = 8 * Limits.MIB;
    public static final int DEFAULT_FLUSH_MAX_MS = 1000;
    public static final int DEFAULT_DEFRAG_LWM_PCT = 50;
    public static final int DEFAULT_DEFRAG_SLEEP_US = 1000;
    public static final int DEFAULT_STOP_WRITES_AVAIL_PCT = 5;
    public static final long DEFAULT_MAX_WRITE_CACHE = 64 * Limits.MIB;
    public static final long DEFAULT_POST_WRITE_CACHE = 256 * Limits.MIB;
    public static final String NO_COMPRESSION = "none";
    /** The {@code compression} values Aerospike accepts. */
    public static final Set<String> COMPRESSIONS = Set.of(NO_COMPRESSION, "lz4", "snappy", "zstd");

    public DeviceStorageConfig {
        files = List.copyOf(files);
        devices = List.copyOf(devices);
        if (files.isEmpty() == devices.isEmpty()) {
            throw new IllegalArgumentException("storage-engine device needs 'file' lines or 'device' lines (not both)");
        }
        Limits.checkRange("filesize", filesizeBytes, 0, Limits.MAX_FILE_SIZE);
        if (!files.isEmpty() && filesizeBytes == 0) {
            throw new IllegalArgumentException("filesize is required with storage files");
        }
        checkPowerOfTwo("flush-size", flushSizeBytes, Limits.MIN_FLUSH_SIZE, Limits.MAX_FLUSH_SIZE);
        checkPowerOfTwo(
                "write-block-size", writeBlockSizeBytes, Limits.MIN_WRITE_BLOCK_SIZE, Limits.MAX_WRITE_BLOCK_SIZE);
        Limits.checkRange("flush-max-ms", flushMaxMs, 0, Integer.MAX_VALUE);
        Limits.checkPercent("defrag-lwm-pct", defragLwmPct);
        Limits.checkRange("defrag-sleep", defragSleepUs, 0, Integer.MAX_VALUE);
        Limits.checkRange("max-write-cache", maxWriteCacheBytes, 0, Long.MAX_VALUE);
        Limits.checkRange("post-write-cache", postWriteCacheBytes, 0, Long.MAX_VALUE);
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException("compression must be none, lz4, snappy or zstd, not " + compression);
        }
        Limits.checkRange("compression-level", compressionLevel, 0, 9);
        Limits.checkPercent("stop-writes-avail-pct", stopWritesAvailPct);
    }

    /** Files of {@code filesizeBytes} each, other settings at Aerospike's defaults. */
    public static DeviceStorageConfig ofFiles(List<String> files, long filesizeBytes) {
        return withDefaults(files, List.of(), filesizeBytes);
    }

    /** Raw devices, other settings at Aerospike's defaults. */
    public static DeviceStorageConfig ofDevices(List<String> devices) {
        return withDefaults(List.of(), devices, 0);
    }

    private static DeviceStorageConfig withDefaults(List<String> files, List<String> devices, long filesizeBytes) {
        return new DeviceStorageConfig(
                files,
                devices,
                filesizeBytes,
                DEFAULT_FLUSH_SIZE,
                DEFAULT_WRITE_BLOCK_SIZE,
                false,
                DEFAULT_FLUSH_MAX_MS,
                DEFAULT_DEFRAG_LWM_PCT,
                DEFAULT_DEFRAG_SLEEP_US,
                DEFAULT_MAX_WRITE_CACHE,
                DEFAULT_POST_WRITE_CACHE,
                NO_COMPRESSION,
                0,
                DEFAULT_STOP_WRITES_AVAIL_PCT);
    }

    private static void checkPowerOfTwo(String parameter, long value, long min, long max) {
        Limits.checkRange(parameter, value, min, max);
        if (!Limits.isPowerOfTwo(value)) {
            throw new IllegalArgumentException(parameter + " must be a power of 2, not " + value);
        }
    }

    @Override
    public String engine() {
        return "device";
    }
}
