package io.aerie.config;

import java.util.ArrayList;
import java.util.List;

/** Binds {@code storage-engine device { ... }}. */
final class DeviceBinder {
    private final ConfValues values;
    private final List<String> ignored;

    DeviceBinder(ConfValues values, List<String> ignored) {
        this.values = values;
        this.ignored = ignored;
    }

    DeviceStorageConfig device(ConfEntry stanza, String where) {
        List<String> files = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        long filesize = 0;
        long flushSize = 1L << 20;
        long writeBlock = 8L << 20;
        boolean commit = false;
        int flushMaxMs = 1000;
        int defragLwm = 50;
        int defragSleep = 1000;
        long maxWriteCache = 64L << 20;
        long postWriteCache = 0;
        String compression = "none";
        int compressionLevel = 0;
        for (ConfEntry p : stanza.body()) {
            if (p.isStanza()) {
                throw values.error(p, "unknown stanza '" + p.name() + "' in storage-engine device");
            }
            switch (p.name()) {
                case "file" -> files.add(values.single(p));
                case "device" -> devices.add(values.single(p));
                case "filesize" -> filesize = values.size(p);
                case "flush-size" -> flushSize = values.size(p);
                case "write-block-size" -> writeBlock = values.size(p);
                case "commit-to-device" -> commit = values.bool(p);
                case "flush-max-ms" -> flushMaxMs = values.integer(p, 0, 1000_000);
                case "defrag-lwm-pct" -> defragLwm = values.integer(p, 1, 99);
                case "defrag-sleep" -> defragSleep = values.integer(p, 0, 1_000_000);
                case "max-write-cache" -> maxWriteCache = values.size(p);
                case "post-write-cache" -> postWriteCache = values.size(p);
                case "compression" -> compression = values.oneOf(p, "none", "lz4", "zstd");
                case "compression-level" -> compressionLevel = values.integer(p, 0, 22);
                default ->
                    ConfigParser.ignoreOrFail(
                            values, ignored, p, where + " storage-engine device", KnownParameters.STORAGE);
            }
        }
        if (files.isEmpty() && devices.isEmpty()) {
            throw values.error(stanza, "storage-engine device needs at least one 'file' or 'device'");
        }
        if (!files.isEmpty() && filesize == 0) {
            throw values.error(stanza, "storage-engine device with 'file' needs 'filesize'");
        }
        return new DeviceStorageConfig(
                files,
                devices,
                filesize,
                flushSize,
                writeBlock,
                commit,
                flushMaxMs,
                defragLwm,
                defragSleep,
                maxWriteCache,
                postWriteCache,
                compression,
                compressionLevel);
    }
}
