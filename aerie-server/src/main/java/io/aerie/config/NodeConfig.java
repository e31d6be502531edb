package io.aerie.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one node is configured with: the parsed {@code aerospike.conf}, or {@link #defaults()}.
 *
 * @param service the {@code service} stanza
 * @param network the {@code network} stanza
 * @param logging the {@code logging} stanza
 * @param namespaces the namespace stanzas in file order, names unique
 * @param ignoredParameters real Aerospike parameters the file set that Aerie accepts but does not act on,
 *     one description per line such as {@code "aerospike.conf:3: 'user' in stanza 'service'"}, for the
 *     server to log
 */
public record NodeConfig(
        ServiceConfig service,
        NetworkConfig network,
        LoggingConfig logging,
        List<NamespaceConfig> namespaces,
        List<String> ignoredParameters) {
    public NodeConfig {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(logging, "logging");
        namespaces = List.copyOf(namespaces);
        if (namespaces.size() > Limits.MAX_NAMESPACES) {
            throw new IllegalArgumentException("at most " + Limits.MAX_NAMESPACES + " namespaces are allowed");
        }
        Set<String> names = new HashSet<>();
        for (NamespaceConfig namespace : namespaces) {
            if (!names.add(namespace.name())) {
                throw new IllegalArgumentException("duplicate namespace " + namespace.name());
            }
        }
        ignoredParameters = List.copyOf(ignoredParameters);
    }

    /** Configuration with nothing ignored. */
    public NodeConfig(
            ServiceConfig service, NetworkConfig network, LoggingConfig logging, List<NamespaceConfig> namespaces) {
        this(service, network, logging, namespaces, List.of());
    }

    /**
     * What {@code bin/aerie} with no arguments serves: clients on {@code 127.0.0.1:3000}; one in-memory
     * namespace {@code test} of 1 GiB with replication-factor 2, nsup-period 120 and default-ttl 0; console
     * logging at info.
     */
    public static NodeConfig defaults() {
        return new NodeConfig(
                ServiceConfig.defaults(),
                NetworkConfig.defaults(),
                LoggingConfig.defaults(),
                List.of(NamespaceConfig.inMemory("test", Limits.GIB)));
    }

    /** A copy with {@code network.service.port} replaced; 0 picks a free port. */
    public NodeConfig withServicePort(int port) {
        return new NodeConfig(service, network.withServicePort(port), logging, namespaces, ignoredParameters);
    }

    /** A copy with {@code namespaces} replaced. */
    public NodeConfig withNamespaces(List<NamespaceConfig> namespaces) {
        return new NodeConfig(service, network, logging, namespaces, ignoredParameters);
    }

    /** The namespace called {@code name}, if configured. */
    public Optional<NamespaceConfig> namespace(String name) {
        return namespaces.stream().filter(ns -> ns.name().equals(name)).findFirst();
    }

    /**
     * Client event-loop threads: {@code service-threads} when set, else two per CPU. Aerospike's
     * default is one per CPU for memory namespaces, which measured slower here: with two event loops
     * on the two-core machine the load tool reached 0.91 to 0.93 of the throughput with four, the
     * client spending more CPU per request; 0.97 since an event loop answers a pass's requests
     * together (net.FrameBatch). (Its five per CPU for device namespaces, whose reads
     * block, is not taken up: not measured here.)
     */
    public int serviceThreads() {
        return serviceThreads(Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #serviceThreads()} on a machine of {@code cpus} CPUs. */
    public int serviceThreads(int cpus) {
        return service.serviceThreads() > 0 ? service.serviceThreads() : 2 * Math.max(1, cpus);
    }
}
