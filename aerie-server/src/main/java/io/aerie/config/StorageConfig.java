package io.aerie.config;

/** A namespace's {@code storage-engine}: {@code memory} or {@code device}. */
public sealed interface StorageConfig permits MemoryStorageConfig, DeviceStorageConfig {
    /** The engine name as written after {@code storage-engine}. */
    String engine();
}
