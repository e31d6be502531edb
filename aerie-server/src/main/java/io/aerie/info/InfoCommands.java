package io.aerie.info;

import io.aerie.config.NodeConfig;
import io.aerie.namespace.Namespaces;
import io.aerie.namespace.Nsup;
import io.aerie.util.Clock;
import java.util.function.IntSupplier;

/** Registers every info command a node answers. */
public final class InfoCommands {
    private InfoCommands() {}

    /**
     * Registers discovery, namespace, statistics, config and truncate commands.
     *
     * @param connections the number of open client connections, for {@code statistics}
     */
    public static void registerAll(
            InfoRegistry registry,
            NodeConfig config,
            NodeState node,
            Namespaces namespaces,
            Nsup nsup,
            Clock clock,
            IntSupplier connections) {
        ClusterInfoCommands.register(registry, node, namespaces);
        RosterInfoCommands.register(registry, node, namespaces);
        NamespaceInfoCommands.register(registry, namespaces, node);
        ConfigInfoCommands.register(registry, config, node, namespaces);
        NodeInfoCommands.register(registry, node, namespaces, nsup, clock, connections);
        SnapshotInfoCommands.register(registry, namespaces, clock);
    }
}
