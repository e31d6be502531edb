package io.aerie.config;

import org.jspecify.annotations.Nullable;

/** Interim. */
public record ServiceConfig(
        @Nullable String clusterName, @Nullable String nodeId, int protoFdMax, int protoFdIdleMs, int serviceThreads) {}
