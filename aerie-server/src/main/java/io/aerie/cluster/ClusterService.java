package io.aerie.cluster;

import io.aerie.fabric.Fabric;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part in the cluster: it turns each membership view into partition ownership. After
 * every view change the members exchange their partition versions; once a node has every
 * member's, it rebalances (the same plans on every node, with no further coordination) and starts
 * the migrations the plans call for. All of that runs on one cluster thread, given to it, so the
 * state it changes needs no locks; the transaction path reads it lock-free.
 */
public final class ClusterService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterService.class);
    /** Exchanges of this many recent views are kept while members catch up. */
    private static final int KEPT_EXCHANGES = 4;
    /** How long duplicate resolution waits for a copy that does not answer. */
    private static final long DUPLICATE_TIMEOUT_MILLIS = 400;
    /** How often members tell each other their clocks, for the skew estimate. */
    private static final long CLOCK_REPORT_MILLIS = 1_000;
    /** First resend of an exchange message that has not led to a stable cluster yet. */
    private static final long EXCHANGE_RESEND_FIRST_MILLIS = 1_000;
    /** Resends back off by doubling up to this interval, then stop. */
    private static final long EXCHANGE_RESEND_LAST_MILLIS = 16_000;

    /** Where this node is reached: fabric for peers, service for clients. */
    public record Addresses(String fabricHost, int fabricPort, List<String> serviceHosts, int servicePort) {}

    /** A member as the client's peers list shows it. */
    public record Peer(long nodeId, List<String> serviceHosts, int servicePort) {}

    private final long self;
    private final Membership membership;
    private final Fabric fabric;
    private final Addresses addresses;
    private final Executor clusterThread;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;
    private final Map<String, PartitionStates> states = new LinkedHashMap<>();
    private final Map<String, Integer> rackIds;
    private final Migrations migrations;
    private final Replication replication;
    private final DuplicateReads duplicateReads;
    private final RegimeChecks regimeChecks;
    private final StrongConsistency strong;
    private final Map<Long, Map<Long, ExchangeMessage>> exchanges = new LinkedHashMap<>();
    private final Map<Long, ExchangeMessage> lastHeard = new HashMap<>();
    private final AtomicInteger partitionGeneration = new AtomicInteger(0);
    private final AtomicInteger peersGeneration = new AtomicInteger(0);
    private final CountDownLatch firstRebalance = new CountDownLatch(1);
    private volatile ClusterView view;
    private volatile long rebalancedKey;
    private volatile List<Peer> peers = List.of();
    private volatile boolean closed;
    /** This node's exchange message for the current view; only on the cluster thread. */
    private byte @Nullable [] ownExchange;
    /** The view whose late exchange this node last answered; only on the cluster thread. */
    private long answeredKey;

    private volatile Metadata.TruncationSink truncations = t -> {};

    /**
     * The cluster side of node {@code self}, its namespaces' copies found at start being subsets of
     * {@code bootLineage}.
     */
    public ClusterService(
            long self,
            Membership membership,
            Fabric fabric,
            Addresses addresses,
            Namespaces namespaces,
            Local local,
            Threads threads,
            long bootLineage,
            Settings settings) {
        Executor clusterThread = threads.clusterThread();
        this.self = self;
        this.membership = membership;
        this.fabric = fabric;
        this.addresses = addresses;
        this.clusterThread = clusterThread;
        this.nanoTime = threads.nanoTime();
        this.rackIds = Map.copyOf(local.rackIds());
        this.view = membership.view();
        for (Namespace ns : namespaces.all()) {
            ScState sc = null;
            if (ns.config().strongConsistency()) {
                try {
                    sc = local.scStore().load(ns.name());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(
                            "cannot read the strong-consistency state of namespace " + ns.name() + ": "
                                    + e.getMessage(),
                            e);
                }
            }
            states.put(ns.name(), new PartitionStates(ns, self, bootLineage, sc));
        }
        this.migrations = new Migrations(
                self,
                fabric,
                clusterThread,
                threads.workers(),
                threads.timer(),
                threads.nanoTime(),
                new Migrations.Limits(settings.migrateThreads(), settings.migrateMaxNumIncoming()),
                states::get,
                partitionGeneration::incrementAndGet);
        // Duplicate resolution gives up on a silent copy well within a client's default timeout.
        this.duplicateReads = new DuplicateReads(
                fabric,
                threads.timer(),
                threads.nanoTime(),
                Math.min(DUPLICATE_TIMEOUT_MILLIS, settings.replicaTimeoutMillis()),
                states::get);
        this.replication = new Replication(
                fabric, threads.timer(), threads.nanoTime(), settings.replicaTimeoutMillis(), states::get);
        this.regimeChecks = new RegimeChecks(
                fabric, threads.timer(), threads.nanoTime(), settings.replicaTimeoutMillis(), states::get);
        this.strong = new StrongConsistency(
                self,
                membership,
                local.scStore(),
                states,
                migrations,
                partitionGeneration::incrementAndGet,
                new StrongConsistency.Clocks(
                        threads.wallMillis(), threads.nanoTime(), settings.clockSkewStopWritesMillis()));
        this.timer = threads.timer();
    }

    /**
     * What this node brings besides its namespaces.
     *
     * @param rackIds each namespace's {@code rack-id}
     * @param scStore where strong-consistency namespaces keep their rosters and regimes
     */
    public record Local(Map<String, Integer> rackIds, ScStore scStore) {}

    /**
     * Where the cluster's work runs and how it tells time.
     *
     * @param clusterThread runs every state change, one at a time
     * @param workers read records for migrations
     * @param timer drives resends and timeouts
     * @param nanoTime a monotonic clock in nanoseconds
     * @param wallMillis the node's wall clock (the one records are stamped with), for the skew estimate
     */
    public record Threads(
            Executor clusterThread,
            Executor workers,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            LongSupplier wallMillis) {}

    /**
     * Tunables.
     *
     * @param migrateThreads emigrations this node runs at once ({@code migrate-threads})
     * @param migrateMaxNumIncoming partitions it takes in at once ({@code migrate-max-num-incoming})
     * @param replicaTimeoutMillis how long a write waits for a replica that stays in the view
     * @param clockSkewStopWritesMillis cluster clock skew beyond which strong-consistency writes stop
     */
    public record Settings(
            int migrateThreads, int migrateMaxNumIncoming, long replicaTimeoutMillis, long clockSkewStopWritesMillis) {}

    /** Joins the cluster and waits up to {@code timeoutMillis} for the first rebalance. */
    public void start(long timeoutMillis) throws InterruptedException {
        join();
        if (!firstRebalance.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            LOG.warn("no rebalance within {} ms of joining; serving once one completes", timeoutMillis);
        }
    }

    /** Joins the cluster without waiting: views, exchanges and rebalances follow on the cluster thread. */
    public void join() {
        membership.onViewChange(v -> clusterThread.execute(() -> onView(v)));
        membership.onMessage((src, bytes) -> clusterThread.execute(() -> {
            if (Metadata.isMetadata(bytes)) {
                onMetadata(src, bytes);
            } else if (ScMessage.is(bytes)) {
                strong.onMessage(src, bytes, view, this::onView);
            } else {
                onExchange(src, bytes);
            }
        }));
        membership.start();
        if (states.values().stream().anyMatch(s -> s.sc() != null)) {
            timer.scheduleWithFixedDelay(
                    () -> clusterThread.execute(() -> {
                        if (!closed) {
                            strong.tickClock(view);
                        }
                    }),
                    CLOCK_REPORT_MILLIS,
                    CLOCK_REPORT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The cluster's clock skew as last estimated, in ms (strong-consistency namespaces only; else 0). */
    public long clockSkewMillis() {
        return strong.skewMillis();
    }

    /** Whether clock skew has stopped strong-consistency writes. */
    public boolean clockSkewStopsWrites() {
        return strong.skewStopsWrites();
    }

    /** The skew at which strong-consistency writes stop, in seconds. */
    public long clockSkewStopWritesSeconds() {
        return strong.stopWritesSeconds();
    }

    private void onView(ClusterView v) {
        if (closed || v.clusterKey() == 0) {
            return;
        }
        view = v;
        for (PartitionStates s : states.values()) {
            s.suspend();
        }
        long[] members = v.nodes().stream().mapToLong(Long::longValue).toArray();
        migrations.newView(members);
        replication.newView(v.clusterKey(), new HashSet<>(v.nodes()));
        regimeChecks.newView(new HashSet<>(v.nodes()));
        for (Long gone : new ArrayList<>(lastHeard.keySet())) {
            if (!v.nodes().contains(gone)) {
                fabric.removePeer(gone);
            }
        }
        Map<String, ExchangeMessage.NamespaceState> mine = new LinkedHashMap<>();
        for (PartitionStates s : states.values()) {
            Namespace ns = s.namespace();
            mine.put(
                    ns.name(),
                    new ExchangeMessage.NamespaceState(
                            ns.config().replicationFactor(), rackIds.getOrDefault(ns.name(), 0), s.versions(), s.sc()));
        }
        ExchangeMessage m = new ExchangeMessage(
                v.clusterKey(),
                self,
                addresses.fabricHost(),
                addresses.fabricPort(),
                addresses.serviceHosts(),
                addresses.servicePort(),
                mine);
        byte[] exchange = m.encode();
        ownExchange = exchange;
        membership.broadcast(exchange);
        scheduleExchangeResend(v.clusterKey(), exchange, EXCHANGE_RESEND_FIRST_MILLIS);
        maybeRebalance();
    }

    /**
     * Sends this node's exchange message for the view {@code key} again after {@code delayMillis},
     * and again at doubling intervals up to {@link #EXCHANGE_RESEND_LAST_MILLIS}, while that view is
     * current and the cluster is not stable here. A member that missed it (heartbeat channels drop
     * messages from a sender they do not count as a member yet, as around a merge) would otherwise
     * wait for the next view change before it rebalances, and its peers' migrations with it.
     * Receiving an exchange twice changes nothing.
     */
    private void scheduleExchangeResend(long key, byte[] exchange, long delayMillis) {
        if (delayMillis > EXCHANGE_RESEND_LAST_MILLIS) {
            return;
        }
        timer.schedule(
                () -> clusterThread.execute(() -> {
                    if (closed || view.clusterKey() != key || stable()) {
                        return;
                    }
                    membership.broadcast(exchange);
                    scheduleExchangeResend(key, exchange, 2 * delayMillis);
                }),
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Fault injection for tests and the fault harness: drops heartbeat and fabric traffic to and
     * from {@code nodes} (empty: heal), as a network split would.
     */
    public void isolate(java.util.Set<Long> nodes) {
        fabric.isolate(nodes);
        membership.isolate(nodes);
    }

    /** Where truncation points from other members go. */
    public void onTruncation(Metadata.TruncationSink sink) {
        truncations = sink;
    }

    /** Sends a truncation point to every member (this node applies it when it comes back too). */
    public void broadcastTruncation(Metadata.Truncation t) {
        membership.broadcast(Metadata.encode(List.of(t)));
    }

    private void onMetadata(long src, byte[] bytes) {
        try {
            for (Metadata.Truncation t : Metadata.decode(bytes)) {
                if (states.containsKey(t.namespace())) {
                    truncations.truncate(t);
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring bad metadata from node {}: {}", Long.toHexString(src), e.getMessage());
        }
    }

    /** The principal shares every truncation point after a view change, so joining nodes catch up. */
    private void shareMetadata(ClusterView v) {
        if (v.principal() != self || v.size() == 1) {
            return;
        }
        List<Metadata.Truncation> points = new ArrayList<>();
        for (PartitionStates s : states.values()) {
            Namespace ns = s.namespace();
            if (ns.truncateLut() > 0) {
                points.add(new Metadata.Truncation(ns.name(), null, ns.truncateLut()));
            }
            for (var set : ns.sets().all()) {
                if (set.truncateLut() > 0) {
                    points.add(new Metadata.Truncation(ns.name(), set.name(), set.truncateLut()));
                }
            }
        }
        if (!points.isEmpty()) {
            membership.broadcast(Metadata.encode(points));
        }
    }

    private void onExchange(long src, byte[] bytes) {
        ExchangeMessage m;
        try {
            m = ExchangeMessage.decode(bytes);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a bad exchange message from node {}: {}", Long.toHexString(src), e.getMessage());
            return;
        }
        if (m.nodeId() != self) {
            fabric.addPeer(m.nodeId(), new InetSocketAddress(m.fabricHost(), m.fabricPort()));
        }
        lastHeard.put(m.nodeId(), m);
        answerLateExchange(m);
        exchanges.computeIfAbsent(m.clusterKey(), k -> new HashMap<>()).put(m.nodeId(), m);
        while (exchanges.size() > KEPT_EXCHANGES) {
            exchanges.remove(exchanges.keySet().iterator().next());
        }
        maybeRebalance();
    }

    /**
     * An exchange for the current view from a peer after this node had rebalanced for it is a
     * resend: the peer still lacks a message, maybe this node's. Sends this node's again, once per
     * view, so a peer that missed it need not wait for a view change (see {@link
     * #scheduleExchangeResend}).
     */
    private void answerLateExchange(ExchangeMessage m) {
        long key = view.clusterKey();
        byte[] mine = ownExchange;
        if (m.nodeId() == self || m.clusterKey() != key || rebalancedKey != key || answeredKey == key || mine == null) {
            return;
        }
        answeredKey = key;
        membership.broadcast(mine);
    }

    private void maybeRebalance() {
        ClusterView v = view;
        Map<Long, ExchangeMessage> got = exchanges.get(v.clusterKey());
        if (got == null || rebalancedKey == v.clusterKey() || !got.keySet().containsAll(v.nodes())) {
            return;
        }
        boolean sc = false;
        for (PartitionStates s : states.values()) {
            if (s.sc() != null) {
                strong.rebalance(v, s, got);
                sc = true;
            } else {
                rebalance(v, s, got);
            }
        }
        List<Peer> ps = new ArrayList<>();
        for (long n : v.nodes()) {
            ExchangeMessage m = got.get(n);
            if (n != self && m != null) {
                ps.add(new Peer(n, m.serviceHosts(), m.servicePort()));
            }
        }
        peers = List.copyOf(ps);
        peersGeneration.incrementAndGet();
        rebalancedKey = v.clusterKey();
        shareMetadata(v);
        partitionGeneration.incrementAndGet();
        if (sc) {
            strong.adopt(v);
        }
        firstRebalance.countDown();
        LOG.info(
                "rebalanced for cluster key {}: {} nodes, migrations to send {}, to receive {}",
                Long.toHexString(v.clusterKey()),
                v.size(),
                states.values().stream().mapToInt(PartitionStates::txRemaining).sum(),
                states.values().stream().mapToInt(PartitionStates::rxRemaining).sum());
    }

    private void rebalance(ClusterView v, PartitionStates s, Map<Long, ExchangeMessage> got) {
        String name = s.namespace().name();
        List<Long> nodes = new ArrayList<>();
        Map<Long, long[]> versions = new HashMap<>();
        Map<Long, Integer> racks = new HashMap<>();
        int rf = Integer.MAX_VALUE;
        for (long n : v.nodes()) {
            ExchangeMessage from = got.get(n);
            ExchangeMessage.NamespaceState ns =
                    from == null ? null : from.namespaces().get(name);
            if (ns == null) {
                // Nodes without the namespace hold none of it, as in Aerospike.
                continue;
            }
            nodes.add(n);
            versions.put(n, ns.versions());
            racks.put(n, ns.rackId());
            rf = Math.min(rf, ns.replicationFactor());
        }
        // AP: the effective replication factor is the lowest configured one, at most the node count.
        int effective = Math.min(rf, nodes.size());
        PartitionTable table = PartitionBalance.compute(
                nodes, racks, effective, s.namespace().config().preferUniformBalance());
        PartitionPlan[] plans = Rebalance.plan(table, versions, v.clusterKey());
        List<Emigration> emigrations = s.apply(v.clusterKey(), plans, effective, versions);
        migrations.start(emigrations);
        migrations.dropIdleWitnesses(s);
    }

    /**
     * Aerospike's {@code roster:namespace=NS} reply
     * ({@code roster=...:pending_roster=...:observed_nodes=...}), or null when the namespace is not
     * a strong-consistency one here.
     */
    public @Nullable String roster(String namespace) {
        return onClusterThread(() -> {
            PartitionStates s = states.get(namespace);
            ScState sc = s == null ? null : s.sc();
            if (sc == null) {
                return null;
            }
            List<Roster.Entry> observed = new ArrayList<>();
            for (long n : view.nodes()) {
                ExchangeMessage m = lastHeard.get(n);
                ExchangeMessage.NamespaceState ns =
                        m == null ? null : m.namespaces().get(namespace);
                if (ns != null && ns.sc() != null) {
                    observed.add(new Roster.Entry(n, ns.rackId()));
                }
            }
            return "roster=" + sc.roster().format() + ":pending_roster="
                    + sc.pending().format() + ":observed_nodes=" + new Roster(0, observed).format();
        });
    }

    /** {@code roster-set}: makes {@code roster} the pending roster of {@code namespace} on every member. */
    public void rosterSet(String namespace, Roster roster) {
        strong.rosterSet(namespace, roster);
    }

    /** {@code recluster}: every member makes its pending rosters active and the cluster rebalances. */
    public void recluster() {
        onClusterThread(() -> {
            List<ScMessage.NamespaceRoster> rosters = new ArrayList<>();
            for (PartitionStates s : states.values()) {
                ScState sc = s.sc();
                if (sc != null && !sc.pending().isEmpty() && !sc.pending().sameNodes(sc.roster())) {
                    rosters.add(new ScMessage.NamespaceRoster(
                            s.namespace().name(),
                            sc.pending().withGeneration(sc.roster().generation() + 1)));
                }
            }
            strong.recluster(view, rosters, nanoTime.getAsLong() ^ self);
            return Boolean.TRUE;
        });
    }

    /**
     * {@code revive}: at the next rebalance this node lets dead partitions of {@code namespace} serve
     * from the best copy there is. False when the namespace is not strong-consistency here.
     */
    public boolean revive(String namespace) {
        Boolean done = onClusterThread(() -> {
            PartitionStates s = states.get(namespace);
            ScState sc = s == null ? null : s.sc();
            if (sc == null) {
                return Boolean.FALSE;
            }
            sc.requestRevive(true);
            return Boolean.TRUE;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Runs {@code task} on the cluster thread, where the state it reads lives, and waits for it. */
    private <T> @Nullable T onClusterThread(java.util.function.Supplier<@Nullable T> task) {
        java.util.concurrent.CompletableFuture<@Nullable T> f = new java.util.concurrent.CompletableFuture<>();
        clusterThread.execute(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the cluster thread did not answer: " + e, e);
        }
    }

    /** The partitions of namespace {@code name} as this node sees them, or null for an unknown namespace. */
    public @Nullable PartitionStates states(String name) {
        return states.get(name);
    }

    public long self() {
        return self;
    }

    /** The view now in force. */
    public ClusterView view() {
        return view;
    }

    /** The cluster key of the last rebalance, 0 before the first. */
    public long clusterKey() {
        return rebalancedKey;
    }

    /** Moves each time partition ownership changes anywhere the client could see it. */
    public int partitionGeneration() {
        return partitionGeneration.get();
    }

    /** Moves whenever the members may have changed. */
    public int peersGeneration() {
        return peersGeneration.get();
    }

    /** Whether this node is a cluster of one, serving every partition itself. */
    public boolean alone() {
        return view.size() == 1 && rebalancedKey == view.clusterKey();
    }

    /** Whether every partition is where the plan puts it: no migration left here. */
    public boolean stable() {
        return ready() && rebalancedKey == view.clusterKey() && txRemaining() == 0 && rxRemaining() == 0;
    }

    /** The other members, with the addresses clients reach them at. */
    public List<Peer> peers() {
        return peers;
    }

    /** Whether the first rebalance is done, so the node knows what it owns. */
    public boolean ready() {
        return rebalancedKey != 0;
    }

    /** Partition migrations this node still has to send. */
    public int txRemaining() {
        return states.values().stream().mapToInt(PartitionStates::txRemaining).sum();
    }

    /** Partition migrations this node still has to receive. */
    public int rxRemaining() {
        return states.values().stream().mapToInt(PartitionStates::rxRemaining).sum();
    }

    /** The replica-write side, for the transaction path. */
    public Replication replication() {
        return replication;
    }

    /** Regime checks for linearizable reads (strong consistency). */
    public RegimeChecks regimeChecks() {
        return regimeChecks;
    }

    /** Duplicate resolution for reads that ask for it. */
    public DuplicateReads duplicateReads() {
        return duplicateReads;
    }

    /** Fabric, for proxies. */
    public Fabric fabric() {
        return fabric;
    }

    @Override
    public void close() {
        closed = true;
        membership.close();
    }
}
