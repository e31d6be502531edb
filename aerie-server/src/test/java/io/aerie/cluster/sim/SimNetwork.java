package io.aerie.cluster.sim;

import io.aerie.cluster.ClusterView;
import io.aerie.cluster.ListeningMembership;
import io.aerie.fabric.Fabric;
import io.aerie.fabric.FabricMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulated network: which nodes are up, which groups can talk (a split puts nodes in
 * different groups), and delivery of fabric messages and membership broadcasts with random
 * latency, in order per sender and receiver, dropped when the two cannot talk at delivery. Views
 * are formed per connected group, each with a fresh cluster key, as JGroups and Aerospike's
 * clustering would after their failure detection.
 */
final class SimNetwork {
    private final SimScheduler scheduler;
    private final Random random;
    private final Map<Long, Endpoint> endpoints = new HashMap<>();
    /** Group of each node; nodes of different groups cannot talk. */
    private final Map<Long, Integer> group = new HashMap<>();
    /** Broadcasts to lose: (from, to) and which payloads; each rule drops one message, then goes. */
    private final List<DropRule> drops = new ArrayList<>();
    /** Last delivery time per (from, to), so messages stay in order per pair. */
    private final Map<List<Long>, Long> lastDelivery = new HashMap<>();

    SimNetwork(SimScheduler scheduler, Random random) {
        this.scheduler = scheduler;
        this.random = random;
    }

    /** Registers a node (again, after a restart) in group 0. */
    Endpoint attach(long node, SimScheduler.Owner owner) {
        Endpoint e = new Endpoint(node, owner);
        endpoints.put(node, e);
        group.putIfAbsent(node, 0);
        return e;
    }

    void detach(long node) {
        endpoints.remove(node);
    }

    /** Puts each node in the group given. */
    void split(Map<Long, Integer> groups) {
        group.putAll(groups);
    }

    void heal() {
        group.replaceAll((n, g) -> 0);
    }

    boolean connected(long a, long b) {
        return endpoints.containsKey(a)
                && endpoints.containsKey(b)
                && group.getOrDefault(a, 0).equals(group.getOrDefault(b, 0));
    }

    /** Loses the next broadcast from {@code from} to {@code to} whose payload {@code which} accepts. */
    void dropNextBroadcast(long from, long to, java.util.function.Predicate<byte[]> which) {
        drops.add(new DropRule(from, to, which));
    }

    private boolean dropped(long from, long to, byte[] payload) {
        for (DropRule d : drops) {
            if (d.from() == from && d.to() == to && d.which().test(payload)) {
                drops.remove(d);
                return true;
            }
        }
        return false;
    }

    private record DropRule(long from, long to, java.util.function.Predicate<byte[]> which) {}

    /** Forms a view in every group of live nodes and hands it to each member after a short delay. */
    void reform() {
        Map<Integer, List<Long>> byGroup = new HashMap<>();
        for (long n : endpoints.keySet().stream().sorted().toList()) {
            byGroup.computeIfAbsent(group.getOrDefault(n, 0), g -> new ArrayList<>())
                    .add(n);
        }
        for (int g : byGroup.keySet().stream().sorted().toList()) {
            List<Long> members = byGroup.get(g);
            List<Long> desc = new ArrayList<>(members);
            desc.sort((a, b) -> Long.compareUnsigned(b, a));
            long key = 1 + (random.nextLong() & 0xFFFF_FFFF_FFFEL);
            ClusterView v = new ClusterView(key, desc, desc.get(0));
            for (long m : members) {
                Endpoint e = endpoints.get(m);
                scheduler.at(latency(), e.owner, () -> e.deliverView(v));
            }
        }
    }

    private long latency() {
        return 100_000 + random.nextInt(2_000_000);
    }

    private void post(long from, long to, Runnable r) {
        Endpoint target = endpoints.get(to);
        if (target == null) {
            return;
        }
        List<Long> pair = List.of(from, to);
        long at = Math.max(scheduler.nanoTime() + latency(), lastDelivery.getOrDefault(pair, 0L) + 1);
        lastDelivery.put(pair, at);
        scheduler.at(at - scheduler.nanoTime(), target.owner, () -> {
            if (connected(from, to) && endpoints.get(to) == target) {
                r.run();
            }
        });
    }

    /** One node's fabric and membership on the simulated network. */
    final class Endpoint extends ListeningMembership implements Fabric {
        final long node;
        final SimScheduler.Owner owner;
        private final Map<Integer, Consumer<FabricMessage>> handlers = new HashMap<>();

        Endpoint(long node, SimScheduler.Owner owner) {
            super(node);
            this.node = node;
            this.owner = owner;
        }

        void deliverView(ClusterView v) {
            if (!v.nodes().contains(node)) {
                return;
            }
            install(v);
        }

        @Override
        public void register(int type, Consumer<FabricMessage> handler) {
            handlers.put(type, handler);
        }

        @Override
        public void addPeer(long peerId, InetSocketAddress address) {}

        @Override
        public void removePeer(long peerId) {}

        @Override
        public boolean send(long peerId, int type, long clusterKey, byte[] payload) {
            if (!connected(node, peerId)) {
                return false;
            }
            FabricMessage m = new FabricMessage(type, clusterKey, node, payload.clone());
            post(node, peerId, () -> {
                Endpoint target = endpoints.get(peerId);
                Consumer<FabricMessage> h = target == null ? null : target.handlers.get(type);
                if (h != null) {
                    h.accept(m);
                }
            });
            return true;
        }

        @Override
        public void isolate(Set<Long> nodes) {}

        @Override
        public void start() {}

        @Override
        public void broadcast(byte[] payload) {
            for (long member : view().nodes()) {
                if (dropped(node, member, payload)) {
                    continue;
                }
                byte[] copy = payload.clone();
                post(node, member, () -> {
                    Endpoint target = endpoints.get(member);
                    if (target != null) {
                        target.deliver(node, copy);
                    }
                });
            }
        }

        @Override
        public void close() {}
    }
}
