package io.aerie.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strong-consistency side of the cluster service: rosters, regimes and the rule that no master
 * serves a new regime before every member of the view has durably recorded it. Runs on the cluster
 * thread, as the service does.
 */
final class StrongConsistency {
    private static final Logger LOG = LoggerFactory.getLogger(StrongConsistency.class);
    /** Adoptions of this many recent rebalances are kept while members catch up. */
    private static final int KEPT = 4;

    private final long self;
    private final Membership membership;
    private final ScStore store;
    private final Map<String, PartitionStates> states;
    private final Migrations migrations;
    private final Runnable ownershipChanged;
    private final Map<Long, Set<Long>> adoptions = new LinkedHashMap<>();
    private final List<Emigration> held = new ArrayList<>();
    private long heldKey;
    private Set<Long> heldMembers = Set.of();
    private final Clocks clocks;
    private final ClockSkew skew = new ClockSkew(5_000);
    private volatile long skewMillis;

    /**
     * The clocks the skew estimate reads, and the skew at which writes stop.
     *
     * @param wallMillis this node's wall clock (the node's record clock)
     * @param nanoTime a monotonic clock
     * @param stopWritesMillis skew beyond which strong-consistency writes stop
     */
    record Clocks(
            java.util.function.LongSupplier wallMillis,
            java.util.function.LongSupplier nanoTime,
            long stopWritesMillis) {}

    StrongConsistency(
            long self,
            Membership membership,
            ScStore store,
            Map<String, PartitionStates> states,
            Migrations migrations,
            Runnable ownershipChanged,
            Clocks clocks) {
        this.self = self;
        this.clocks = clocks;
        this.membership = membership;
        this.store = store;
        this.states = states;
        this.migrations = migrations;
        this.ownershipChanged = ownershipChanged;
    }

    /**
     * Rebalances strong-consistency namespace {@code s} for view {@code v}; its migrations wait
     * until every member has recorded the new regimes ({@link #adopt}).
     */
    void rebalance(ClusterView v, PartitionStates s, Map<Long, ExchangeMessage> got) {
        ScState mine = java.util.Objects.requireNonNull(s.sc());
        String name = s.namespace().name();
        Map<Long, ScRebalance.Member> present = new HashMap<>();
        Map<Long, long[]> versions = new HashMap<>();
        Roster roster = mine.roster();
        for (long n : v.nodes()) {
            ExchangeMessage from = got.get(n);
            ExchangeMessage.NamespaceState ns =
                    from == null ? null : from.namespaces().get(name);
            if (ns == null || ns.sc() == null) {
                continue;
            }
            ScState theirs = ns.sc();
            present.put(n, new ScRebalance.Member(ns.versions(), theirs));
            versions.put(n, ns.versions());
            if (theirs.roster().generation() > roster.generation()) {
                roster = theirs.roster();
            }
        }
        mine.setRoster(roster);
        ScRebalance.Result r = ScRebalance.plan(
                roster,
                s.namespace().config().replicationFactor(),
                s.namespace().config().preferUniformBalance(),
                present,
                v.clusterKey());
        @Nullable PartitionPlan[] plans = r.plans();
        if (plans != null) {
            for (int pid = 0; pid < plans.length; pid++) {
                PartitionPlan p = plans[pid];
                if (p != null) {
                    long[] replicas = new long[p.replicas().length + 1];
                    replicas[0] = p.finalMaster();
                    System.arraycopy(p.replicas(), 0, replicas, 1, p.replicas().length);
                    mine.know(pid, r.lineage(), p.workingMaster(), replicas);
                }
            }
        }
        mine.raiseRegime(r.regime());
        mine.requestRevive(false);
        PartitionTable table = r.table();
        int rf = table == null ? 1 : table.replicationFactor();
        List<Emigration> emigrations = s.apply(
                v.clusterKey(), plans == null ? new PartitionPlan[PartitionBalance.PARTITIONS] : plans, rf, versions);
        s.availability(r.count(ScRebalance.Availability.UNAVAILABLE), r.count(ScRebalance.Availability.DEAD));
        if (heldKey != v.clusterKey()) {
            held.clear();
        }
        held.addAll(emigrations);
        LOG.info(
                "namespace {} regime {}: {} partitions available, {} unavailable, {} dead",
                name,
                r.regime(),
                r.count(ScRebalance.Availability.AVAILABLE),
                r.count(ScRebalance.Availability.UNAVAILABLE),
                r.count(ScRebalance.Availability.DEAD));
    }

    /**
     * After rebalancing every namespace for view {@code v}: records the regimes durably, then tells
     * the members. A node that cannot save stays silent, so no master serves the regime.
     */
    void adopt(ClusterView v) {
        heldKey = v.clusterKey();
        heldMembers = new HashSet<>(v.nodes());
        try {
            for (PartitionStates s : states.values()) {
                ScState sc = s.sc();
                if (sc != null) {
                    store.save(s.namespace().name(), sc);
                }
            }
        } catch (IOException e) {
            LOG.error("cannot record the strong-consistency state; partitions stay unavailable: {}", e.toString());
            return;
        }
        membership.broadcast(ScMessage.encode(new ScMessage.Adopted(v.clusterKey())));
    }

    /** Handles a control message; {@code rekey} runs the exchange again under a new key. */
    void onMessage(long src, byte[] bytes, ClusterView view, Consumer<ClusterView> rekey) {
        ScMessage m;
        try {
            m = ScMessage.decode(bytes);
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "ignoring a bad strong-consistency message from node {}: {}",
                    Long.toHexString(src),
                    e.getMessage());
            return;
        }
        switch (m) {
            case ScMessage.Adopted a -> {
                adoptions.computeIfAbsent(a.clusterKey(), k -> new HashSet<>()).add(src);
                while (adoptions.size() > KEPT) {
                    adoptions.remove(adoptions.keySet().iterator().next());
                }
                maybeServe();
            }
            case ScMessage.Clock c -> {
                skew.report(
                        src,
                        c.millis(),
                        clocks.wallMillis().getAsLong(),
                        clocks.nanoTime().getAsLong());
                skewMillis = skew.skewMillis(
                        new HashSet<>(view.nodes()), clocks.nanoTime().getAsLong());
            }
            case ScMessage.RosterSet r -> {
                PartitionStates s = states.get(r.namespace());
                if (s != null && s.sc() != null) {
                    s.sc().setPending(r.roster());
                    save(s);
                }
            }
            case ScMessage.Recluster r -> {
                for (ScMessage.NamespaceRoster nr : r.rosters()) {
                    PartitionStates s = states.get(nr.namespace());
                    ScState sc = s == null ? null : s.sc();
                    if (s != null
                            && sc != null
                            && nr.roster().generation() > sc.roster().generation()) {
                        sc.setRoster(nr.roster());
                        save(s);
                    }
                }
                if (view.clusterKey() == r.baseKey()) {
                    rekey.accept(new ClusterView(derivedKey(r.baseKey(), r.nonce()), view.nodes(), view.principal()));
                }
            }
        }
    }

    private void save(PartitionStates s) {
        try {
            store.save(s.namespace().name(), java.util.Objects.requireNonNull(s.sc()));
        } catch (IOException e) {
            LOG.error(
                    "cannot save the roster of namespace {}: {}", s.namespace().name(), e.toString());
        }
    }

    /** Once every member has recorded the regimes, the masters serve and held migrations start. */
    private void maybeServe() {
        Set<Long> got = adoptions.get(heldKey);
        if (heldKey == 0 || got == null || !got.containsAll(heldMembers)) {
            return;
        }
        boolean served = false;
        for (PartitionStates s : states.values()) {
            served |= s.confirm(heldKey);
        }
        if (!served) {
            return;
        }
        List<Emigration> start = new ArrayList<>(held);
        held.clear();
        heldKey = 0;
        migrations.start(start);
        for (PartitionStates s : states.values()) {
            if (s.sc() != null) {
                migrations.dropIdleWitnesses(s);
            }
        }
        ownershipChanged.run();
        LOG.debug("node {}: regimes served", Long.toHexString(self));
    }

    /** The key of a view re-formed by a recluster: the same on every member, 48 bits, never 0. */
    static long derivedKey(long base, long nonce) {
        long h = (base ^ Long.rotateLeft(nonce, 17)) * 0x9E37_79B9_7F4A_7C15L;
        h ^= h >>> 29;
        long key = h & 0xFFFF_FFFF_FFFFL;
        return key == 0 ? 1 : key;
    }

    /** Tells the members this node's clock; runs every second on the cluster thread. */
    void tickClock(ClusterView view) {
        membership.broadcast(
                ScMessage.encode(new ScMessage.Clock(clocks.wallMillis().getAsLong())));
        skewMillis =
                skew.skewMillis(new HashSet<>(view.nodes()), clocks.nanoTime().getAsLong());
    }

    /** The cluster's clock skew as last estimated ({@code cluster_clock_skew_ms}). */
    long skewMillis() {
        return skewMillis;
    }

    /** Whether the skew is past the limit: strong-consistency writes stop ({@code clock_skew_stop_writes}). */
    boolean skewStopsWrites() {
        return skewMillis > clocks.stopWritesMillis();
    }

    /** The skew at which writes stop, in seconds ({@code cluster_clock_skew_stop_writes_sec}). */
    long stopWritesSeconds() {
        return clocks.stopWritesMillis() / 1000;
    }

    /** Requests from info commands, on any thread: they go to every member (this node included). */
    void rosterSet(String namespace, Roster roster) {
        membership.broadcast(ScMessage.encode(new ScMessage.RosterSet(namespace, roster)));
    }

    /** Makes every pending roster active and rebalances, on every member of {@code view}. */
    void recluster(ClusterView view, List<ScMessage.NamespaceRoster> rosters, long nonce) {
        membership.broadcast(ScMessage.encode(new ScMessage.Recluster(view.clusterKey(), nonce, rosters)));
    }
}
