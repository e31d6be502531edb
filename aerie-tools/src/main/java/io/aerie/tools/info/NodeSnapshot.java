package io.aerie.tools.info;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one node said about itself: its id, statistics, partition ownership per namespace, objects
 * per namespace and its peers; or why it could not be asked.
 *
 * @param address where it was asked
 * @param nodeId its node id; the expected one when it did not answer
 * @param stats its {@code statistics}
 * @param replicas its {@code replicas} rows by namespace
 * @param objects {@code objects} of each {@code namespace/NAME}
 * @param peers its {@code peers-clear-std}
 * @param error empty when it answered, else what went wrong
 */
public record NodeSnapshot(
        Peers.HostPort address,
        String nodeId,
        Map<String, String> stats,
        Map<String, InfoParser.NamespaceReplicas> replicas,
        Map<String, Long> objects,
        Peers peers,
        String error) {
    public NodeSnapshot {
        stats = Map.copyOf(stats);
        replicas = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replicas));
        objects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(objects));
    }

    /** Asks {@code client} about the node at {@code address}; a snapshot with an error when it fails. */
    public static NodeSnapshot take(InfoClient client, Peers.HostPort address, String expectedId) {
        try {
            Map<String, String> a =
                    client.request(address, "node", "statistics", "namespaces", "replicas", "peers-clear-std");
            List<String> commands = new ArrayList<>();
            for (String ns : a.getOrDefault("namespaces", "").split(";", -1)) {
                if (!ns.isBlank()) {
                    commands.add("namespace/" + ns.trim());
                }
            }
            Map<String, String> nsAnswers =
                    commands.isEmpty() ? Map.of() : client.request(address, commands.toArray(String[]::new));
            Map<String, Long> objects = new LinkedHashMap<>();
            for (String c : commands) {
                String value = InfoParser.pairs(nsAnswers.getOrDefault(c, "")).getOrDefault("objects", "0");
                objects.put(c.substring("namespace/".length()), parseLong(value));
            }
            return new NodeSnapshot(
                    address,
                    a.getOrDefault("node", expectedId),
                    InfoParser.pairs(a.getOrDefault("statistics", "")),
                    InfoParser.replicas(a.getOrDefault("replicas", "")),
                    objects,
                    InfoParser.peers(a.getOrDefault("peers-clear-std", "0,0,[]")),
                    "");
        } catch (RuntimeException e) {
            return unreachable(address, expectedId, e);
        }
    }

    /** A node that could not be asked. */
    static NodeSnapshot unreachable(Peers.HostPort address, String nodeId, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new NodeSnapshot(address, nodeId, Map.of(), Map.of(), Map.of(), new Peers(0, 0, List.of()), why);
    }

    /** Whether the node answered. */
    public boolean reachable() {
        return error.isEmpty();
    }

    /** A statistic; {@code -} when absent. */
    public String stat(String name) {
        return stats.getOrDefault(name, "-");
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
