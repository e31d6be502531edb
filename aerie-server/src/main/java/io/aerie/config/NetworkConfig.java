package io.aerie.config;

/** Interim. */
public record NetworkConfig(ServiceNetworkConfig service) {}
