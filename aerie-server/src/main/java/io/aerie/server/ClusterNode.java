package io.aerie.server;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.JGroupsMembership;
import io.aerie.cluster.LocalMembership;
import io.aerie.cluster.Membership;
import io.aerie.cluster.Metadata;
import io.aerie.cluster.PartitionVersion;
import io.aerie.cluster.ScStore;
import io.aerie.config.HeartbeatConfig;
import io.aerie.config.NodeConfig;
import io.aerie.fabric.NettyFabric;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.smd.ScStateFiles;
import io.aerie.txn.Proxy;
import io.aerie.txn.TransactionService;
import io.aerie.util.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Wires a node into its cluster: membership (JGroups when the heartbeat stanza names mesh seeds,
 * else a cluster of one), the fabric, the cluster service with its threads, and the proxy.
 */
final class ClusterNode implements AutoCloseable {
    /** How long start-up waits to join a cluster and rebalance before serving anyway. */
    private static final long JOIN_WAIT_MILLIS = 15_000;
    /** Clock skew at which strong-consistency writes stop, at Aerospike's default heartbeat. */
    private static final long CLOCK_SKEW_STOP_WRITES_MILLIS = 20_000;
    /** Aerospike's default failure-detection window: heartbeat interval 150 ms times timeout 10. */
    private static final long DEFAULT_SUSPECT_MILLIS = 1_500;

    private final NodeConfig config;
    private final Namespaces namespaces;
    private final Clock clock;
    private final ExecutorService clusterThread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("aerie-cluster").daemon().factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("aerie-cluster-timer").daemon().factory());
    private final ExecutorService migrators;
    private @Nullable NettyFabric fabric;
    private @Nullable ClusterService service;

    ClusterNode(NodeConfig config, Namespaces namespaces, Clock clock) {
        this.config = config;
        this.namespaces = namespaces;
        this.clock = clock;
        this.migrators = Executors.newFixedThreadPool(
                Math.max(1, config.service().migrateThreads()),
                Thread.ofPlatform().name("aerie-migrate-", 0).daemon().factory());
    }

    /** Joins (or forms) the cluster as node {@code nodeId}; returns once the first rebalance is done or the wait ends. */
    ClusterService start(
            long nodeId,
            List<String> serviceHosts,
            int servicePort,
            TransactionService txn,
            Metadata.TruncationSink truncations)
            throws InterruptedException {
        HeartbeatConfig hb = config.network().heartbeat();
        SecureRandom random = new SecureRandom();
        boolean mesh = !hb.meshSeeds().isEmpty();
        var fabricConfig = config.network().fabric();
        String fabricHost = fabricConfig.address() != null
                ? fabricConfig.address()
                : hb.address() != null ? hb.address() : serviceHosts.isEmpty() ? "127.0.0.1" : serviceHosts.get(0);
        NettyFabric f = new NettyFabric(
                nodeId, fabricConfig.address() == null ? "0.0.0.0" : fabricConfig.address(), fabricConfig.port());
        fabric = f;
        int fabricPort = mesh ? f.start().getPort() : fabricConfig.port();
        Membership membership = mesh
                ? new JGroupsMembership(
                        nodeId,
                        hb,
                        config.service().clusterName() == null
                                ? ""
                                : config.service().clusterName(),
                        random.nextLong())
                : new LocalMembership(nodeId, 1 + (random.nextLong() & 0xFFFF_FFFF_FFFEL));
        long suspectMillis = (long) hb.intervalMs() * hb.timeout();
        long replicaTimeout = Math.max(2_000, 3 * suspectMillis);
        ClusterService c = new ClusterService(
                nodeId,
                membership,
                f,
                new ClusterService.Addresses(fabricHost, fabricPort, serviceHosts, servicePort),
                namespaces,
                new ClusterService.Local(rackIds(), scStore()),
                new ClusterService.Threads(clusterThread, migrators, timer, System::nanoTime, clock::currentTimeMillis),
                PartitionVersion.fresh(1 + (random.nextLong() & 0xFFFF_FFFF_FFFEL)),
                new ClusterService.Settings(
                        config.service().migrateThreads(),
                        config.service().migrateMaxNumIncoming(),
                        replicaTimeout,
                        // Aerospike stops writes at 20 s of skew with its default heartbeat (150 ms x 10),
                        // and scales the limit with the failure-detection window.
                        CLOCK_SKEW_STOP_WRITES_MILLIS * suspectMillis / DEFAULT_SUSPECT_MILLIS));
        service = c;
        for (Namespace ns : namespaces.all()) {
            ns.reapTombstonesWhen(c::stable);
        }
        txn.joinCluster(c, new Proxy(c, txn, timer, System::nanoTime, replicaTimeout));
        c.onTruncation(truncations);
        c.start(JOIN_WAIT_MILLIS);
        return c;
    }

    /**
     * Where strong-consistency namespaces keep rosters and regimes: {@code work-directory}/smd. A
     * node without such namespaces writes nothing.
     */
    private ScStore scStore() {
        if (config.namespaces().stream().noneMatch(ns -> ns.strongConsistency())) {
            return ScStore.inMemory();
        }
        Path dir = Path.of(config.service().workDirectory(), "smd");
        try {
            return new ScStateFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot keep strong-consistency state in " + dir + " (set service { work-directory ... }): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Each namespace's configured {@code rack-id}. */
    private Map<String, Integer> rackIds() {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (var ns : config.namespaces()) {
            out.put(ns.name(), ns.rackId());
        }
        return out;
    }

    @Override
    public void close() {
        ClusterService c = service;
        if (c != null) {
            c.close();
        }
        NettyFabric f = fabric;
        if (f != null) {
            f.close();
        }
        clusterThread.shutdownNow();
        timer.shutdownNow();
        migrators.shutdownNow();
        try {
            clusterThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
