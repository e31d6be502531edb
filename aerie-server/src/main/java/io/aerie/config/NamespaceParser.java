package io.aerie.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Interprets {@code namespace NAME { ... }} stanzas and their {@code storage-engine}. */
final class NamespaceParser {
    private static final String MEMORY = "memory";
    private static final String DEVICE = "device";
    private static final String PMEM = "pmem";

    /** A parsed storage-engine with the namespace settings Aerospike places in that stanza. */
    private record Storage(StorageConfig config, int stopWritesUsedPct, int evictUsedPct, boolean usedMemorySize) {}

    /** The memory-size line of an Aerospike 6 file, used as data-size when the storage-engine sets none. */
    private record LegacyMemorySize(ConfigEntry entry, long bytes) {}

    private NamespaceParser() {}

    static NamespaceConfig namespace(Section parent, ConfigEntry stanza, List<NamespaceConfig> earlier) {
        parent.requireStanza(stanza);
        if (stanza.values().size() != 1) {
            throw parent.error(stanza, "'namespace' takes one name: 'namespace NAME {'");
        }
        String name = stanza.values().get(0);
        String problem = Limits.namespaceNameProblem(name);
        if (problem != null) {
            throw parent.invalid(stanza, name, problem);
        }
        if (earlier.stream().anyMatch(ns -> ns.name().equals(name))) {
            throw parent.error(stanza, "duplicate namespace '" + name + "'");
        }
        if (earlier.size() >= Limits.MAX_NAMESPACES) {
            throw parent.error(stanza, "too many namespaces: at most " + Limits.MAX_NAMESPACES + " are allowed");
        }
        return body(parent.child(stanza), stanza, name);
    }

    private static NamespaceConfig body(Section section, ConfigEntry stanza, String name) {
        int replicationFactor = NamespaceConfig.DEFAULT_REPLICATION_FACTOR;
        long defaultTtl = 0;
        ConfigEntry defaultTtlEntry = null;
        int nsupPeriod = 0;
        long tombRaiderPeriod = NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD;
        long tombRaiderEligibleAge = NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE;
        int rackId = 0;
        boolean preferUniformBalance = true;
        boolean allowTtlWithoutNsup = false;
        int readTouchPct = 0;
        int sysMemoryPct = NamespaceConfig.DEFAULT_STOP_WRITES_SYS_MEMORY_PCT;
        String conflictResolution = NamespaceConfig.GENERATION;
        boolean strongConsistency = false;
        boolean allowExpunge = false;
        long maxRecordSize = NamespaceConfig.DEFAULT_MAX_RECORD_SIZE;
        ConfigEntry storageEntry = null;
        LegacyMemorySize memorySize = null;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "replication-factor" ->
                    replicationFactor =
                            section.integer(entry, Limits.MIN_REPLICATION_FACTOR, Limits.MAX_REPLICATION_FACTOR);
                case "default-ttl" -> {
                    defaultTtl = section.seconds(entry, 0, Limits.MAX_TTL_SECONDS);
                    defaultTtlEntry = entry;
                }
                case "nsup-period" -> nsupPeriod = (int) section.seconds(entry, 0, Integer.MAX_VALUE);
                case "tomb-raider-period" -> tombRaiderPeriod = section.seconds(entry, 1, Integer.MAX_VALUE);
                case "tomb-raider-eligible-age" -> tombRaiderEligibleAge = section.seconds(entry, 0, Integer.MAX_VALUE);
                case "rack-id" -> rackId = section.integer(entry, 0, 1_000_000);
                case "prefer-uniform-balance" -> preferUniformBalance = section.bool(entry);
                case "allow-ttl-without-nsup" -> allowTtlWithoutNsup = section.bool(entry);
                case "default-read-touch-ttl-pct" -> readTouchPct = section.percent(entry);
                case "stop-writes-sys-memory-pct" -> sysMemoryPct = section.percent(entry);
                case "conflict-resolution-policy" ->
                    conflictResolution = section.choice(entry, NamespaceConfig.CONFLICT_RESOLUTION_POLICIES);
                case "strong-consistency" -> strongConsistency = section.bool(entry);
                case "strong-consistency-allow-expunge" -> allowExpunge = section.bool(entry);
                case "max-record-size" ->
                    maxRecordSize = section.size(entry, Limits.MIN_MAX_RECORD_SIZE, Limits.MAX_MAX_RECORD_SIZE);
                case "storage-engine" -> {
                    if (storageEntry != null) {
                        throw section.error(entry, "only one 'storage-engine' may be configured in namespace " + name);
                    }
                    storageEntry = entry;
                }
                case "memory-size" ->
                    memorySize = new LegacyMemorySize(
                            entry, section.size(entry, Limits.MIN_DATA_SIZE, Limits.MAX_DATA_SIZE));
                default -> section.ignore(entry, KnownParameters.NAMESPACE);
            }
        }
        if (defaultTtlEntry != null && defaultTtl != 0 && nsupPeriod == 0 && !allowTtlWithoutNsup) {
            throw section.error(defaultTtlEntry, NamespaceConfig.ttlWithoutNsupProblem(name));
        }
        Storage storage = storageEntry == null ? defaultMemory(memorySize) : storage(section, storageEntry, memorySize);
        if (memorySize != null && !storage.usedMemorySize()) {
            section.ignore(memorySize.entry(), Set.of("memory-size"));
        }
        try {
            return new NamespaceConfig(
                    name,
                    replicationFactor,
                    defaultTtl,
                    nsupPeriod,
                    allowTtlWithoutNsup,
                    readTouchPct,
                    storage.stopWritesUsedPct(),
                    storage.evictUsedPct(),
                    sysMemoryPct,
                    conflictResolution,
                    strongConsistency,
                    maxRecordSize,
                    storage.config(),
                    tombRaiderPeriod,
                    rackId,
                    preferUniformBalance,
                    allowExpunge,
                    tombRaiderEligibleAge);
        } catch (IllegalArgumentException e) {
            throw section.rejected(stanza, e);
        }
    }

    /** Memory storage of the legacy memory-size, or of 4 GiB. */
    private static Storage defaultMemory(@Nullable LegacyMemorySize memorySize) {
        return new Storage(
                MemoryStorageConfig.ofSize(sizeOrDefault(memorySize)),
                NamespaceConfig.DEFAULT_STOP_WRITES_USED_PCT,
                0,
                memorySize != null);
    }

    private static long sizeOrDefault(@Nullable LegacyMemorySize memorySize) {
        return memorySize != null ? memorySize.bytes() : MemoryStorageConfig.DEFAULT_DATA_SIZE;
    }

    private static Storage storage(Section namespace, ConfigEntry entry, @Nullable LegacyMemorySize memorySize) {
        if (entry.values().size() != 1) {
            throw namespace.error(entry, "'storage-engine' takes one engine name: memory or device");
        }
        String engine = entry.values().get(0);
        return switch (engine) {
            case MEMORY ->
                entry.isStanza() ? memoryStorage(namespace.child(entry), entry, memorySize) : defaultMemory(memorySize);
            case DEVICE -> {
                if (!entry.isStanza()) {
                    throw namespace.error(
                            entry, "'storage-engine device' needs a stanza with 'device' or 'file' lines");
                }
                yield deviceStorage(namespace.child(entry), entry);
            }
            case PMEM ->
                throw namespace.invalid(
                        entry, engine, "Aerie does not support persistent memory: use memory or device");
            default -> throw namespace.invalid(entry, engine, "expected memory or device");
        };
    }

    private static Storage memoryStorage(Section section, ConfigEntry stanza, @Nullable LegacyMemorySize memorySize) {
        ConfigEntry dataSizeEntry = null;
        long dataSize = 0;
        List<String> files = new ArrayList<>();
        long filesize = 0;
        int stopWritesUsedPct = NamespaceConfig.DEFAULT_STOP_WRITES_USED_PCT;
        int evictUsedPct = 0;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "data-size" -> {
                    dataSize = section.size(entry, Limits.MIN_DATA_SIZE, Limits.MAX_DATA_SIZE);
                    dataSizeEntry = entry;
                }
                case "file" -> addUnique(section, entry, files);
                case "filesize" -> filesize = section.size(entry, Limits.MIN_FILE_SIZE, Limits.MAX_FILE_SIZE);
                case "stop-writes-used-pct" -> stopWritesUsedPct = section.percent(entry);
                case "evict-used-pct" -> evictUsedPct = section.percent(entry);
                default -> section.ignore(entry, KnownParameters.STORAGE_MEMORY);
            }
        }
        if (dataSizeEntry != null && !files.isEmpty()) {
            throw section.error(
                    dataSizeEntry,
                    "'data-size' cannot be set with backing files: their count times 'filesize' is the size");
        }
        if (!files.isEmpty() && filesize == 0) {
            throw section.error(
                    stanza, "'filesize' is required with backing files in stanza '" + stanza.header() + "'");
        }
        boolean usedMemorySize = dataSizeEntry == null && files.isEmpty() && memorySize != null;
        if (dataSizeEntry == null) {
            dataSize = files.isEmpty() ? sizeOrDefault(memorySize) : sizeOfFiles(section, stanza, files, filesize);
        }
        try {
            MemoryStorageConfig config = new MemoryStorageConfig(dataSize, files, filesize);
            return new Storage(config, stopWritesUsedPct, evictUsedPct, usedMemorySize);
        } catch (IllegalArgumentException e) {
            throw section.rejected(stanza, e);
        }
    }

    private static long sizeOfFiles(Section section, ConfigEntry stanza, List<String> files, long filesize) {
        try {
            return Math.multiplyExact(filesize, files.size());
        } catch (ArithmeticException e) {
            throw section.error(stanza, "backing files are too large in total");
        }
    }

    private static Storage deviceStorage(Section section, ConfigEntry stanza) {
        List<String> devices = new ArrayList<>();
        List<String> files = new ArrayList<>();
        long filesize = 0;
        long flushSize = DeviceStorageConfig.DEFAULT_FLUSH_SIZE;
        long writeBlockSize = DeviceStorageConfig.DEFAULT_WRITE_BLOCK_SIZE;
        boolean commitToDevice = false;
        int flushMaxMs = DeviceStorageConfig.DEFAULT_FLUSH_MAX_MS;
        int defragLwmPct = DeviceStorageConfig.DEFAULT_DEFRAG_LWM_PCT;
        int defragSleepUs = DeviceStorageConfig.DEFAULT_DEFRAG_SLEEP_US;
        long maxWriteCache = DeviceStorageConfig.DEFAULT_MAX_WRITE_CACHE;
        long postWriteCache = DeviceStorageConfig.DEFAULT_POST_WRITE_CACHE;
        String compression = DeviceStorageConfig.NO_COMPRESSION;
        int compressionLevel = 0;
        int stopWritesAvailPct = DeviceStorageConfig.DEFAULT_STOP_WRITES_AVAIL_PCT;
        int stopWritesUsedPct = NamespaceConfig.DEFAULT_STOP_WRITES_USED_PCT;
        int evictUsedPct = 0;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "device" -> addDevice(section, entry, devices);
                case "file" -> addUnique(section, entry, files);
                case "filesize" -> filesize = section.size(entry, Limits.MIN_FILE_SIZE, Limits.MAX_FILE_SIZE);
                case "flush-size" ->
                    flushSize = powerOfTwo(section, entry, Limits.MIN_FLUSH_SIZE, Limits.MAX_FLUSH_SIZE);
                case "write-block-size" ->
                    writeBlockSize =
                            powerOfTwo(section, entry, Limits.MIN_WRITE_BLOCK_SIZE, Limits.MAX_WRITE_BLOCK_SIZE);
                case "commit-to-device" -> commitToDevice = section.bool(entry);
                case "flush-max-ms" -> flushMaxMs = section.integer(entry, 0, Integer.MAX_VALUE);
                case "defrag-lwm-pct" -> defragLwmPct = section.percent(entry);
                case "defrag-sleep" -> defragSleepUs = section.integer(entry, 0, Integer.MAX_VALUE);
                case "max-write-cache" ->
                    maxWriteCache = section.size(entry, Limits.MIN_MAX_WRITE_CACHE, Long.MAX_VALUE);
                case "post-write-cache" -> postWriteCache = section.size(entry, 0, Long.MAX_VALUE);
                case "compression" -> compression = section.choice(entry, DeviceStorageConfig.COMPRESSIONS);
                case "compression-level" -> compressionLevel = section.integer(entry, 1, 9);
                case "stop-writes-avail-pct" -> stopWritesAvailPct = section.percent(entry);
                case "stop-writes-used-pct" -> stopWritesUsedPct = section.percent(entry);
                case "evict-used-pct" -> evictUsedPct = section.percent(entry);
                default -> section.ignore(entry, KnownParameters.STORAGE_DEVICE);
            }
        }
        if (devices.isEmpty() && files.isEmpty()) {
            throw section.error(stanza, "'storage-engine device' needs at least one 'device' or 'file' line");
        }
        if (!devices.isEmpty() && !files.isEmpty()) {
            throw section.error(stanza, "'storage-engine device' cannot mix 'device' and 'file' lines");
        }
        if (!files.isEmpty() && filesize == 0) {
            throw section.error(stanza, "'filesize' is required with 'file' lines in stanza '" + stanza.header() + "'");
        }
        try {
            DeviceStorageConfig config = new DeviceStorageConfig(
                    files,
                    devices,
                    filesize,
                    flushSize,
                    writeBlockSize,
                    commitToDevice,
                    flushMaxMs,
                    defragLwmPct,
                    defragSleepUs,
                    maxWriteCache,
                    postWriteCache,
                    compression,
                    compressionLevel,
                    stopWritesAvailPct);
            return new Storage(config, stopWritesUsedPct, evictUsedPct, false);
        } catch (IllegalArgumentException e) {
            throw section.rejected(stanza, e);
        }
    }

    private static long powerOfTwo(Section section, ConfigEntry entry, long min, long max) {
        long value = section.size(entry, min, max);
        if (!Limits.isPowerOfTwo(value)) {
            throw section.invalid(entry, entry.values().get(0), "expected a power of 2 such as 128K or 1M");
        }
        return value;
    }

    /** {@code device PATH [SHADOW-PATH]}: Aerie keeps the primary device and ignores the shadow. */
    private static void addDevice(Section section, ConfigEntry entry, List<String> devices) {
        List<String> values = section.values(entry, 1, 2);
        if (devices.contains(values.get(0))) {
            throw section.error(entry, "duplicate device '" + values.get(0) + "'");
        }
        devices.add(values.get(0));
    }

    private static void addUnique(Section section, ConfigEntry entry, List<String> files) {
        String file = section.text(entry);
        if (files.contains(file)) {
            throw section.error(entry, "duplicate file '" + file + "'");
        }
        files.add(file);
    }
}
