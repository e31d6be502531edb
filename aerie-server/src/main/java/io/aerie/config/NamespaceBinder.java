package io.aerie.config;

import java.util.ArrayList;
import java.util.List;

/** Binds a {@code namespace NAME} stanza, its {@code storage-engine} and its {@code set} stanzas. */
final class NamespaceBinder {
    private final ConfValues values;
    private final List<String> ignored;

    NamespaceBinder(ConfValues values, List<String> ignored) {
        this.values = values;
        this.ignored = ignored;
    }

    NamespaceConfig namespace(ConfEntry stanza) {
        if (stanza.args().size() != 1) {
            throw values.error(stanza, "stanza 'namespace' needs exactly one name");
        }
        String name = stanza.args().get(0);
        checkName(stanza, name);
        NamespaceConfig.Builder b = NamespaceConfig.builder(name);
        String where = "namespace " + name;
        boolean storageSeen = false;
        for (ConfEntry p : stanza.body()) {
            if (p.isStanza()) {
                switch (p.name()) {
                    case "storage-engine" -> {
                        if (storageSeen) {
                            throw values.error(p, "namespace '" + name + "' has two storage-engine stanzas");
                        }
                        storageSeen = true;
                        b.storage(storage(p, where));
                    }
                    case "set" ->
                        ignored.add(values.error(p, "stanza set " + p.args()).getMessage());
                    case "geo2dsphere-within", "index-type", "sindex-type" ->
                        ignored.add(values.error(p, "stanza " + p.name()).getMessage());
                    default -> throw values.error(p, "unknown stanza '" + p.name() + "' in '" + where + "'");
                }
                continue;
            }
            bindParameter(p, b, where);
        }
        return b.build();
    }

    private void bindParameter(ConfEntry p, NamespaceConfig.Builder b, String where) {
        switch (p.name()) {
            case "replication-factor" -> b.replicationFactor(values.integer(p, 1, 256));
            case "default-ttl" -> b.defaultTtlSeconds(checkTtl(p, values.seconds(p)));
            case "nsup-period" -> b.nsupPeriodSeconds((int) Math.min(values.seconds(p), 86400L * 365));
            case "allow-ttl-without-nsup" -> b.allowTtlWithoutNsup(values.bool(p));
            case "default-read-touch-ttl-pct" -> b.defaultReadTouchTtlPct(values.integer(p, 0, 100));
            case "stop-writes-used-pct" -> b.stopWritesUsedPct(values.integer(p, 0, 100));
            case "evict-used-pct" -> b.evictUsedPct(values.integer(p, 0, 100));
            case "stop-writes-sys-memory-pct" -> b.stopWritesSysMemoryPct(values.integer(p, 0, 100));
            case "conflict-resolution-policy" ->
                b.conflictResolutionPolicy(values.oneOf(p, "generation", "last-update-time"));
            case "strong-consistency" -> b.strongConsistency(values.bool(p));
            case "max-record-size" -> b.maxRecordSize(checkRecordSize(p, values.size(p)));
            default -> ConfigParser.ignoreOrFail(values, ignored, p, where, KnownParameters.NAMESPACE);
        }
    }

    private long checkTtl(ConfEntry p, long ttl) {
        if (ttl > 315_360_000L) {
            throw values.error(p, "parameter 'default-ttl' must be at most 10 years (315360000 s), got " + ttl);
        }
        return ttl;
    }

    private long checkRecordSize(ConfEntry p, long size) {
        if (size < 1024 || size > 128L << 20) {
            throw values.error(p, "parameter 'max-record-size' must be between 1K and 128M, got " + size);
        }
        return size;
    }

    private void checkName(ConfEntry stanza, String name) {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length < 1 || bytes.length > 31 || name.matches(".*[:;\\s].*")) {
            throw values.error(
                    stanza, "namespace name '" + name + "' must be 1 to 31 bytes without ':', ';' or spaces");
        }
    }

    private StorageConfig storage(ConfEntry stanza, String where) {
        if (stanza.args().size() != 1) {
            throw values.error(stanza, "stanza 'storage-engine' needs one type: memory or device");
        }
        return switch (stanza.args().get(0)) {
            case "memory" -> memory(stanza, where);
            case "device" -> new DeviceBinder(values, ignored).device(stanza, where);
            case "pmem" -> throw values.error(stanza, "storage-engine pmem is not supported (removed in Aerospike 7)");
            default ->
                throw values.error(
                        stanza, "unknown storage-engine '" + stanza.args().get(0) + "' (expected memory or device)");
        };
    }

    private MemoryStorageConfig memory(ConfEntry stanza, String where) {
        long dataSize = 4L << 30;
        long filesize = 0;
        List<String> files = new ArrayList<>();
        for (ConfEntry p : stanza.body()) {
            if (p.isStanza()) {
                throw values.error(p, "unknown stanza '" + p.name() + "' in storage-engine memory");
            }
            switch (p.name()) {
                case "data-size" -> dataSize = checkDataSize(p, values.size(p));
                case "file", "device" -> files.add(values.single(p));
                case "filesize" -> filesize = values.size(p);
                default ->
                    ConfigParser.ignoreOrFail(
                            values, ignored, p, where + " storage-engine memory", KnownParameters.STORAGE);
            }
        }
        return new MemoryStorageConfig(dataSize, files, filesize);
    }

    private long checkDataSize(ConfEntry p, long size) {
        if (size < 1L << 20) {
            throw values.error(p, "parameter 'data-size' must be at least 1M, got " + size);
        }
        return size;
    }
}
