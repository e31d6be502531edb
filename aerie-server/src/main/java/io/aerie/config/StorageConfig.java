package io.aerie.config;

/** Interim. */
public sealed interface StorageConfig permits MemoryStorageConfig {}
