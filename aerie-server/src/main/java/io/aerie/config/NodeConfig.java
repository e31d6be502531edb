package io.aerie.config;

import java.util.List;
import java.util.Optional;

/** Interim node config (replaced by the parser's full version). */
public record NodeConfig(ServiceConfig service, NetworkConfig network, List<NamespaceConfig> namespaces) {
    public static NodeConfig defaults() {
        return new NodeConfig(
                new ServiceConfig(null, null, 15000, 0, 0),
                new NetworkConfig(new ServiceNetworkConfig(List.of("127.0.0.1"), 3000, List.of(), List.of())),
                List.of(NamespaceConfig.inMemory("test", 1L << 30)));
    }

    public NodeConfig withServicePort(int port) {
        var s = network.service();
        return new NodeConfig(
                service,
                new NetworkConfig(new ServiceNetworkConfig(
                        s.addresses(), port, s.accessAddresses(), s.alternateAccessAddresses())),
                namespaces);
    }

    public NodeConfig withNamespaces(List<NamespaceConfig> ns) {
        return new NodeConfig(service, network, List.copyOf(ns));
    }

    public Optional<NamespaceConfig> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
