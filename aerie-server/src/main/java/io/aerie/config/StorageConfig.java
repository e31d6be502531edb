package io.aerie.config;

/** A namespace's {@code storage-engine}. */
public sealed interface StorageConfig permits MemoryStorageConfig, DeviceStorageConfig {}
