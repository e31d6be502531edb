package io.aerie.config;

import java.util.List;

/** Interim. */
public record ServiceNetworkConfig(
        List<String> addresses, int port, List<String> accessAddresses, List<String> alternateAccessAddresses) {}
