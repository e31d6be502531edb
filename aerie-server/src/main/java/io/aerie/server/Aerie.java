package io.aerie.server;

import io.aerie.config.DeviceStorageConfig;
import io.aerie.config.MemoryStorageConfig;
import io.aerie.config.NamespaceConfig;
import io.aerie.config.NodeConfig;
import io.aerie.config.ServiceConfig;
import io.aerie.info.InfoCommands;
import io.aerie.info.InfoRegistry;
import io.aerie.info.NodeState;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.namespace.Nsup;
import io.aerie.net.ClientServer;
import io.aerie.net.RequestDispatcher;
import io.aerie.storage.device.Compression;
import io.aerie.storage.device.DeviceStore;
import io.aerie.txn.TransactionService;
import io.aerie.util.Clock;
import io.aerie.util.NodeClock;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Aerie node, started from a config and stopped by {@link #close()}: the embedded entry point
 * and what {@code bin/aerie} runs.
 *
 * <pre>{@code
 * try (Aerie node = Aerie.start(NodeConfig.defaults().withServicePort(0))) {
 *     AerospikeClient client = new AerospikeClient("127.0.0.1", node.port());
 * }
 * }</pre>
 */
public final class Aerie implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Aerie.class);

    private final NodeConfig config;
    private final NodeState state;
    private final Namespaces namespaces;
    private final InfoRegistry info;
    private final ClientServer server;
    private final ExecutorService scanExecutor;
    private final ScheduledExecutorService background;
    private final ExecutorService storageThreads;
    private final Nsup nsup;
    private final InetSocketAddress address;
    private final ClusterNode cluster;
    private volatile boolean closed;

    private Aerie(NodeConfig config, Clock clock) throws InterruptedException {
        this.config = config;
        ServiceConfig service = config.service();
        this.state = new NodeState(nodeId(config), service.clusterName(), clock.currentTimeMillis());
        this.namespaces = new Namespaces(config.namespaces(), clock);
        this.storageThreads = Executors.newCachedThreadPool(
                Thread.ofPlatform().name("aerie-storage-", 0).daemon().factory());
        try {
            openStorage(namespaces, storageThreads);
        } catch (RuntimeException e) {
            closeStorage();
            throw e;
        }
        this.info = new InfoRegistry();
        TransactionService txn = new TransactionService(namespaces);
        // Scans beyond this many at once wait their turn, as Aerospike bounds its query threads.
        int scanThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.scanExecutor = Executors.newFixedThreadPool(
                scanThreads, Thread.ofPlatform().name("aerie-scan-", 0).daemon().factory());
        this.background = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("aerie-nsup").daemon().factory());
        this.nsup = new Nsup(namespaces.all(), background);
        var net = config.network().service();
        String bindAddress = net.addresses().isEmpty() ? "any" : net.addresses().get(0);
        this.server = new ClientServer(
                new ClientServer.Settings(
                        bindAddress,
                        net.port(),
                        service.protoFdMax(),
                        service.protoFdIdleMs(),
                        config.serviceThreads()),
                new RequestDispatcher(info, txn),
                scanExecutor);
        ClientServer listener = this.server;
        InfoCommands.registerAll(info, config, state, namespaces, nsup, clock, listener::openConnections);
        this.cluster = new ClusterNode(config, namespaces, clock);
        boolean started = false;
        try {
            this.address = server.start();
            List<String> access = accessAddresses(net.accessAddresses(), bindAddress, address);
            state.setService(access, address.getPort());
            state.setCluster(cluster.start(
                    Long.parseUnsignedLong(state.nodeId(), 16), access, address.getPort(), txn, t -> {
                        Namespace ns = namespaces.get(t.namespace());
                        if (ns != null) {
                            ns.truncate(t.set(), t.lastUpdateTime());
                            nsup.sweepSoon(ns);
                        }
                    }));
            nsup.start();
            state.markReady();
            started = true;
        } finally {
            if (!started) {
                cluster.close();
                closeStorage();
                shutdownExecutors();
                server.close();
            }
        }
        LOG.info("node {} ready: namespaces {} on port {}", state.nodeId(), namespaces.names(), address.getPort());
    }

    /** Starts a node and returns once it serves. */
    public static Aerie start(NodeConfig config) {
        return start(config, new NodeClock(Clock.SYSTEM));
    }

    /** Starts a node with an injected clock (tests of expiry). */
    public static Aerie start(NodeConfig config, Clock clock) {
        for (String ignored : config.ignoredParameters()) {
            LOG.info("config parameter accepted but not used by Aerie: {}", ignored);
        }
        try {
            return new Aerie(config, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** A node with the default namespace {@code test}, on a free loopback port. */
    public static Aerie startEphemeral() {
        return start(NodeConfig.defaults().withServicePort(0));
    }

    /** The port clients connect to. */
    public int port() {
        return address.getPort();
    }

    /** The host clients connect to (the first service address). */
    public String host() {
        List<String> addrs = state.serviceAddresses();
        return addrs.isEmpty() ? "127.0.0.1" : addrs.get(0);
    }

    public NodeConfig config() {
        return config;
    }

    public String nodeId() {
        return state.nodeId();
    }

    /** The node's namespaces, for inspection in tests. */
    public Namespaces namespaces() {
        return namespaces;
    }

    /** Answers one info command line, as a client would get it. */
    public String info(String command) {
        return info.answerLine(command);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        nsup.stop();
        cluster.close();
        server.close();
        closeStorage();
        shutdownExecutors();
        LOG.info("node {} stopped", state.nodeId());
    }

    /** Opens each namespace's storage files, replays them (cold start) and starts their flushers and defragmenter. */
    private static void openStorage(Namespaces namespaces, ExecutorService threads) {
        for (Namespace ns : namespaces.all()) {
            DeviceStore.Settings settings = storageSettings(ns.config());
            if (settings == null) {
                continue;
            }
            DeviceStore store = DeviceStore.open(ns.name(), settings);
            try {
                ns.attachStore(store);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            store.start(threads, ns.storageIndex());
        }
    }

    /** The storage files a namespace writes to, or null when it is held in memory only. */
    private static DeviceStore.@Nullable Settings storageSettings(NamespaceConfig ns) {
        if (ns.storage() instanceof DeviceStorageConfig d) {
            // A raw device is used at the size it has.
            boolean raw = !d.devices().isEmpty();
            return new DeviceStore.Settings(
                    raw ? d.devices() : d.files(),
                    raw ? 0 : d.filesizeBytes(),
                    Math.toIntExact(d.writeBlockSizeBytes()),
                    Math.toIntExact(d.flushSizeBytes()),
                    d.flushMaxMs(),
                    d.commitToDevice(),
                    d.defragLwmPct(),
                    d.defragSleepUs(),
                    d.maxWriteCacheBytes(),
                    d.postWriteCacheBytes(),
                    Compression.of(d.compression()),
                    d.compressionLevel(),
                    d.stopWritesAvailPct(),
                    ns.tombRaiderPeriodSeconds());
        }
        MemoryStorageConfig m = (MemoryStorageConfig) ns.storage();
        if (m.files().isEmpty()) {
            return null;
        }
        return new DeviceStore.Settings(
                m.files(),
                m.filesizeBytes(),
                Math.toIntExact(DeviceStorageConfig.DEFAULT_WRITE_BLOCK_SIZE),
                Math.toIntExact(DeviceStorageConfig.DEFAULT_FLUSH_SIZE),
                DeviceStorageConfig.DEFAULT_FLUSH_MAX_MS,
                false,
                DeviceStorageConfig.DEFAULT_DEFRAG_LWM_PCT,
                DeviceStorageConfig.DEFAULT_DEFRAG_SLEEP_US,
                DeviceStorageConfig.DEFAULT_MAX_WRITE_CACHE,
                0,
                Compression.NONE,
                0,
                DeviceStorageConfig.DEFAULT_STOP_WRITES_AVAIL_PCT,
                ns.tombRaiderPeriodSeconds());
    }

    /** Writes out and closes every namespace's storage files. */
    private void closeStorage() {
        for (Namespace ns : namespaces.all()) {
            DeviceStore s = ns.store();
            if (s != null) {
                s.close();
            }
        }
        storageThreads.shutdownNow();
    }

    private void shutdownExecutors() {
        scanExecutor.shutdownNow();
        background.shutdownNow();
        try {
            scanExecutor.awaitTermination(5, TimeUnit.SECONDS);
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String nodeId(NodeConfig config) {
        String configured = config.service().nodeId();
        if (configured != null) {
            return configured.toUpperCase(Locale.ROOT);
        }
        if (!config.network().heartbeat().meshSeeds().isEmpty()) {
            // As Aerospike forms it: the fabric port in the top 16 bits, a MAC address below.
            long mac = macAddress();
            if (mac != 0 && config.network().fabric().port() != 0) {
                long id = ((long) config.network().fabric().port() << 48) | mac;
                return Long.toHexString(id).toUpperCase(Locale.ROOT);
            }
        }
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        // Aerospike node ids are 64-bit; "A" marks ours apart from MAC-derived ones.
        return ("A" + HexFormat.of().formatHex(b)).toUpperCase(Locale.ROOT);
    }

    /** The first non-loopback interface's MAC address as 48 bits, or 0 when there is none. */
    private static long macAddress() {
        try {
            var interfaces = java.net.NetworkInterface.getNetworkInterfaces();
            List<java.net.NetworkInterface> all =
                    interfaces == null ? List.of() : java.util.Collections.list(interfaces);
            all.sort(java.util.Comparator.comparing(java.net.NetworkInterface::getName));
            for (java.net.NetworkInterface ni : all) {
                byte[] hw = ni.isLoopback() ? null : ni.getHardwareAddress();
                if (hw != null && hw.length == 6) {
                    long mac = 0;
                    for (byte x : hw) {
                        mac = (mac << 8) | (x & 0xFF);
                    }
                    if (mac != 0) {
                        return mac;
                    }
                }
            }
        } catch (java.net.SocketException e) {
            LOG.debug("no MAC address for the node id: {}", e.toString());
        }
        return 0;
    }

    private static List<String> accessAddresses(List<String> configured, String bindAddress, InetSocketAddress bound) {
        if (!configured.isEmpty()) {
            return configured;
        }
        List<String> out = new ArrayList<>();
        if (bindAddress.equals("any") || bindAddress.isEmpty()) {
            out.add("127.0.0.1");
        } else {
            @Nullable String host = bound.getHostString();
            out.add(host == null ? bindAddress : host);
        }
        return out;
    }
}
