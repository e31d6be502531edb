package io.aerie.tools.info;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every node of a cluster as seen from one of them: starting at a seed node, follows {@code
 * peers-clear-std} from node to node, takes a {@link NodeSnapshot} of each and asks each whether
 * {@code cluster-stable} holds for the number of nodes found.
 *
 * @param nodes the nodes found, by node id
 * @param stable per reachable node id, its {@code cluster-stable:size=N;ignore-migrations=no} answer
 */
public record ClusterSurvey(List<NodeSnapshot> nodes, Map<String, String> stable) {
    public ClusterSurvey {
        nodes = List.copyOf(nodes);
        stable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stable));
    }

    /** Surveys the cluster of the node at {@code seed}. */
    public static ClusterSurvey of(InfoClient client, Peers.HostPort seed) {
        List<NodeSnapshot> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<Peers.Peer> queue = new ArrayDeque<>();
        queue.add(new Peers.Peer("?", "", List.of(seed)));
        while (!queue.isEmpty()) {
            NodeSnapshot s = snapshot(client, queue.poll());
            if (found.stream().anyMatch(f -> f.reachable() && f.nodeId().equals(s.nodeId()))) {
                continue; // an address of a node already asked
            }
            seen.add(s.nodeId());
            found.add(s);
            for (Peers.Peer p : s.peers().peers()) {
                if (seen.add(p.nodeId())) {
                    queue.add(p);
                }
            }
        }
        found.sort(Comparator.comparing(ClusterSurvey::sortKey));
        String command = "cluster-stable:size=" + found.size() + ";ignore-migrations=no";
        Map<String, String> stable = new LinkedHashMap<>();
        for (NodeSnapshot s : found) {
            if (s.reachable()) {
                stable.put(s.nodeId(), answer(client, s.address(), command));
            }
        }
        return new ClusterSurvey(found, stable);
    }

    /** The first of the peer's addresses that answers; unreachable when none does. */
    private static NodeSnapshot snapshot(InfoClient client, Peers.Peer peer) {
        NodeSnapshot last = NodeSnapshot.unreachable(
                peer.hosts().isEmpty()
                        ? new Peers.HostPort("?", 0)
                        : peer.hosts().get(0),
                peer.nodeId(),
                new IllegalStateException("no address"));
        for (Peers.HostPort h : peer.hosts()) {
            last = NodeSnapshot.take(client, h, peer.nodeId());
            if (last.reachable()) {
                return last;
            }
        }
        return last;
    }

    private static String answer(InfoClient client, Peers.HostPort node, String command) {
        try {
            return client.request(node, command).trim();
        } catch (RuntimeException e) {
            return "ERROR::" + e.getMessage();
        }
    }

    /** Node ids in numeric order when they are hex, so A0 sorts before A1 and 1F before A0. */
    private static String sortKey(NodeSnapshot s) {
        String id = s.nodeId();
        return id.matches("[0-9A-Fa-f]{1,16}") ? "%016X".formatted(Long.parseUnsignedLong(id, 16)) : "~" + id;
    }

    /** Whether every node answered and all gave the same cluster key for {@code cluster-stable}. */
    public boolean isStable() {
        return !nodes.isEmpty()
                && nodes.stream().allMatch(NodeSnapshot::reachable)
                && stable.values().stream().noneMatch(v -> v.isEmpty() || v.startsWith("ERROR"))
                && stable.values().stream().distinct().count() == 1;
    }

    /** The namespaces any node reported, in the order first seen. */
    public List<String> namespaces() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (NodeSnapshot s : nodes) {
            names.addAll(s.replicas().keySet());
        }
        return List.copyOf(names);
    }
}
