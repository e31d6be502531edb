package io.aerie.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's whole configuration, as read from aerospike.conf or built in code.
 *
 * @param service the {@code service} stanza
 * @param network the {@code network} stanza
 * @param logging the {@code logging} stanza
 * @param namespaces the {@code namespace} stanzas, in file order
 * @param ignoredParameters real Aerospike parameters the file set that Aerie accepts but does not
 *     act on, as {@code file:line: name}, for the start-up log
 */
public record NodeConfig(
        ServiceConfig service,
        NetworkConfig network,
        LoggingConfig logging,
        List<NamespaceConfig> namespaces,
        List<String> ignoredParameters) {

    public NodeConfig {
        namespaces = List.copyOf(namespaces);
        ignoredParameters = List.copyOf(ignoredParameters);
    }

    /** What {@code bin/aerie} serves with no config: namespace {@code test} in memory on 127.0.0.1:3000. */
    public static NodeConfig defaults() {
        return new NodeConfig(
                ServiceConfig.defaults(),
                NetworkConfig.defaults(List.of("127.0.0.1")),
                LoggingConfig.defaults(),
                List.of(NamespaceConfig.inMemory("test", 1L << 30).withNsupPeriod(120)),
                List.of());
    }

    /** A copy listening on another client port (0 = a free port). */
    public NodeConfig withServicePort(int port) {
        return new NodeConfig(service, network.withServicePort(port), logging, namespaces, ignoredParameters);
    }

    /** A copy with other namespaces. */
    public NodeConfig withNamespaces(List<NamespaceConfig> newNamespaces) {
        return new NodeConfig(service, network, logging, newNamespaces, ignoredParameters);
    }

    /** A copy with one more namespace. */
    public NodeConfig withNamespace(NamespaceConfig ns) {
        List<NamespaceConfig> all = new ArrayList<>(namespaces);
        all.add(ns);
        return withNamespaces(all);
    }

    /** The namespace of that name, if configured. */
    public Optional<NamespaceConfig> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
