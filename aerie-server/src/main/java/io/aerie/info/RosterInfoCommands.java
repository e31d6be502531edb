package io.aerie.info;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
import io.aerie.cluster.Roster;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Strong consistency's roster commands, with Aerospike's names and replies: {@code roster},
 * {@code roster-set}, {@code recluster} and {@code revive}.
 */
public final class RosterInfoCommands {
    private RosterInfoCommands() {}

    public static void register(InfoRegistry registry, NodeState node, Namespaces namespaces) {
        registry.register("roster", (n, a) -> roster(node, namespaces, a));
        registry.register("roster-set", (n, a) -> rosterSet(node, a));
        registry.register("recluster", (n, a) -> recluster(node));
        registry.register("revive", (n, a) -> revive(node, a));
    }

    /** {@code roster:namespace=NS}, or every strong-consistency namespace's roster without one. */
    private static String roster(NodeState node, Namespaces namespaces, String args) {
        ClusterService c = node.cluster();
        String ns = InfoRegistry.params(args).get("namespace");
        if (c == null) {
            return "ERROR::cluster not started";
        }
        if (ns != null) {
            String problem = check(node, ns);
            if (problem != null) {
                return problem;
            }
            String r = c.roster(ns);
            return r == null ? "ERROR::namespace is not strong-consistency" : r;
        }
        StringJoiner j = new StringJoiner(";");
        for (Namespace n : namespaces.all()) {
            String r = n.config().strongConsistency() ? c.roster(n.name()) : null;
            if (r != null) {
                j.add("ns=" + n.name() + ":" + r);
            }
        }
        return j.toString();
    }

    /** {@code roster-set:namespace=NS;nodes=A,B@1,...}: the pending roster, on every member. */
    private static String rosterSet(NodeState node, String args) {
        Map<String, String> p = InfoRegistry.params(args);
        String ns = p.get("namespace");
        String nodes = p.get("nodes");
        if (ns == null || nodes == null) {
            return "ERROR::missing namespace or nodes";
        }
        String problem = check(node, ns);
        if (problem != null) {
            return problem;
        }
        Roster roster;
        try {
            roster = Roster.parse(0, nodes);
        } catch (IllegalArgumentException e) {
            return "ERROR::" + e.getMessage();
        }
        PartitionStates s = java.util.Objects.requireNonNull(node.cluster()).states(ns);
        if (s != null
                && !roster.isEmpty()
                && roster.nodes().size() < s.namespace().config().replicationFactor()) {
            return "ERROR::roster has fewer nodes than the replication-factor";
        }
        java.util.Objects.requireNonNull(node.cluster()).rosterSet(ns, roster);
        return "ok";
    }

    /** {@code recluster:}: pending rosters become active, and the cluster rebalances. */
    private static String recluster(NodeState node) {
        ClusterService c = node.cluster();
        if (c == null) {
            return "ERROR::cluster not started";
        }
        c.recluster();
        return "ok";
    }

    /** {@code revive:namespace=NS}: dead partitions serve again at the next recluster. */
    private static String revive(NodeState node, String args) {
        String ns = InfoRegistry.params(args).get("namespace");
        if (ns == null) {
            return "ERROR::missing namespace";
        }
        String problem = check(node, ns);
        if (problem != null) {
            return problem;
        }
        return java.util.Objects.requireNonNull(node.cluster()).revive(ns)
                ? "ok"
                : "ERROR::namespace is not strong-consistency";
    }

    /** Why {@code ns} cannot take a roster command here, or null when it can. */
    private static @Nullable String check(NodeState node, String ns) {
        ClusterService c = node.cluster();
        if (c == null) {
            return "ERROR::cluster not started";
        }
        PartitionStates s = c.states(ns);
        if (s == null) {
            return "ERROR::unknown namespace " + ns;
        }
        if (s.sc() == null) {
            return "ERROR::namespace is not strong-consistency";
        }
        return null;
    }
}
