package io.aerie.cluster;

import io.aerie.fabric.Fabric;
import io.aerie.fabric.FabricMessage;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves partitions between nodes after a rebalance, while traffic goes on: sources give their
 * records to the final master, which then serves and fills the replicas, and copies left outside
 * the replica set are dropped. Every message carries the cluster key and is acknowledged; a
 * message of another view is refused, so work of an old topology never lands. At most
 * {@code migrate-threads} emigrations run at once; the rest wait their turn.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** A batch closes at this many bytes of records. */
    static final int BATCH_BYTES = 256 << 10;
    /** A batch closes at this many records. */
    static final int BATCH_RECORDS = 256;

    static final int OK = 0;
    static final int RETRY = 1;

    private static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RETRY_MILLIS = 50;

    private final long self;
    private final Fabric fabric;
    private final Executor clusterThread;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final int maxActive;
    private final int maxIncoming;
    /** Immigrations under way here (source, namespace, partition): at most {@code maxIncoming}. */
    private final java.util.Set<SendKey> incoming = ConcurrentHashMap.newKeySet();

    private final Function<String, @Nullable PartitionStates> namespaces;
    private final Runnable ownershipChanged;
    private final Map<SendKey, Pending> pending = new ConcurrentHashMap<>();
    private final ArrayDeque<Emigration> queued = new ArrayDeque<>();
    private int active;
    private volatile long[] members = new long[0];

    Migrations(
            long self,
            Fabric fabric,
            Executor clusterThread,
            Executor workers,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            Limits limits,
            Function<String, @Nullable PartitionStates> namespaces,
            Runnable ownershipChanged) {
        this.self = self;
        this.fabric = fabric;
        this.clusterThread = clusterThread;
        this.workers = workers;
        this.timer = timer;
        this.nanoTime = nanoTime;
        this.maxActive = Math.max(1, limits.threads());
        this.maxIncoming = Math.max(1, limits.maxIncoming());
        this.namespaces = namespaces;
        this.ownershipChanged = ownershipChanged;
        fabric.register(MessageType.MIGRATE_RECORDS, this::onRecords);
        fabric.register(MessageType.MIGRATE_DONE, m -> onControl(m, MessageType.MIGRATE_DONE));
        fabric.register(MessageType.MIGRATE_HANDOFF, m -> onControl(m, MessageType.MIGRATE_HANDOFF));
        fabric.register(MessageType.MIGRATE_DROP, m -> onControl(m, MessageType.MIGRATE_DROP));
        fabric.register(MessageType.MIGRATE_ACK, this::onAck);
        timer.scheduleWithFixedDelay(this::resendOverdue, 200, 200, TimeUnit.MILLISECONDS);
    }

    /**
     * Throttles.
     *
     * @param threads emigrations this node runs at once ({@code migrate-threads})
     * @param maxIncoming partitions it takes in at once ({@code migrate-max-num-incoming})
     */
    record Limits(int threads, int maxIncoming) {}

    /** Sets who is in the view; forgets every emigration and unacknowledged message of the last one. Cluster thread. */
    void newView(long[] viewMembers) {
        members = viewMembers.clone();
        queued.clear();
        pending.clear();
        incoming.clear();
        active = 0;
    }

    /** Queues emigrations of the current view. Cluster thread. */
    void start(List<Emigration> emigrations) {
        queued.addAll(emigrations);
        startQueued();
    }

    private void startQueued() {
        while (active < maxActive && !queued.isEmpty()) {
            Emigration e = queued.poll();
            if (!e.current()) {
                continue;
            }
            active++;
            workers.execute(() -> sendNextBatch(e));
        }
    }

    /** Reads the next batch of records and sends it; after the last, sends DONE. Worker thread. */
    private void sendNextBatch(Emigration e) {
        if (!e.current()) {
            return;
        }
        List<Digest> ds = e.digests;
        if (ds == null) {
            ds = e.states.namespace().digests(e.pid);
            e.digests = ds;
        }
        if (e.cursor >= ds.size()) {
            // Strong consistency: the working master stops serving before it says it is done.
            e.states.stepDown(e.pid);
            e.seq++;
            sendReliably(
                    e.destination,
                    MessageType.MIGRATE_DONE,
                    e.clusterKey,
                    e.namespace(),
                    e.pid,
                    e.seq,
                    new byte[0],
                    () -> clusterThread.execute(() -> emigrated(e)));
            return;
        }
        List<byte[]> sets = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        int bytes = 0;
        while (e.cursor < ds.size() && records.size() < BATCH_RECORDS && bytes < BATCH_BYTES) {
            byte[] r = e.states.namespace().copyOf(e.pid, ds.get(e.cursor++));
            if (r == null) {
                continue;
            }
            byte[] set = e.states.namespace().setNameBytes(r);
            sets.add(set);
            records.add(r);
            bytes += r.length + set.length + 8;
        }
        ByteBuffer body = ByteBuffer.allocate(4 + bytes);
        body.putInt(records.size());
        for (int i = 0; i < records.size(); i++) {
            Wire.putBytes(body, sets.get(i));
            Wire.putBytes(body, records.get(i));
        }
        e.seq++;
        sendReliably(
                e.destination,
                MessageType.MIGRATE_RECORDS,
                e.clusterKey,
                e.namespace(),
                e.pid,
                e.seq,
                body.array(),
                () -> workers.execute(() -> sendNextBatch(e)));
    }

    /** An emigration finished: the destination has every record and the DONE. Cluster thread. */
    private void emigrated(Emigration e) {
        active = Math.max(0, active - 1);
        if (e.current()) {
            if (e.fill) {
                if (e.states.fillDone(e.pid, e.destination)) {
                    for (long w : e.states.witnesses(e.pid)) {
                        sendReliably(
                                w,
                                MessageType.MIGRATE_DROP,
                                e.clusterKey,
                                e.namespace(),
                                e.pid,
                                0,
                                new byte[0],
                                () -> {});
                    }
                }
            } else {
                e.states.emigrationDone();
            }
        }
        startQueued();
    }

    /** The final master has every source in: it serves now, tells every member, and starts the fills. Cluster thread. */
    private void becameMaster(PartitionStates states, int pid) {
        long key = states.clusterKey();
        for (long m : members) {
            if (m != self) {
                sendReliably(
                        m, MessageType.MIGRATE_HANDOFF, key, states.namespace().name(), pid, 0, new byte[0], () -> {});
            }
        }
        List<Emigration> fills = new ArrayList<>();
        for (long f : states.fills(pid)) {
            fills.add(new Emigration(states, pid, f, key, true));
        }
        long[] w = states.witnesses(pid);
        if (fills.isEmpty()) {
            for (long node : w) {
                sendReliably(
                        node, MessageType.MIGRATE_DROP, key, states.namespace().name(), pid, 0, new byte[0], () -> {});
            }
        }
        ownershipChanged.run();
        start(fills);
    }

    /**
     * Tells copies outside the replica set to drop their records where the final master owes no
     * migration at all (every replica already holds the final copy). Cluster thread.
     */
    void dropIdleWitnesses(PartitionStates states) {
        for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
            PartitionPlan p = states.plan(pid);
            if (p == null || p.finalMaster() != self || p.sources().length > 0 || p.fills().length > 0) {
                continue;
            }
            for (long w : states.witnesses(pid)) {
                sendReliably(
                        w,
                        MessageType.MIGRATE_DROP,
                        states.clusterKey(),
                        states.namespace().name(),
                        pid,
                        0,
                        new byte[0],
                        () -> {});
            }
        }
    }

    /** What every migration message starts with: namespace, partition, sequence number. */
    private record Header(String ns, int pid, int seq) {
        static Header read(ByteBuffer b) {
            String ns = Wire.getString(b);
            int pid = b.getShort() & 0xFFFF;
            return new Header(ns, pid, b.getInt());
        }
    }

    /** The namespace's partitions when {@code m} belongs to this node's view; otherwise asks the sender to retry and returns null. */
    private @Nullable PartitionStates currentOrRetry(FabricMessage m, int type, Header h) {
        PartitionStates states = namespaces.apply(h.ns());
        if (states == null || states.clusterKey() != m.clusterKey()) {
            ack(m, type, h.ns(), h.pid(), h.seq(), RETRY);
            return null;
        }
        return states;
    }

    private void onRecords(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        Header h = Header.read(b);
        String ns = h.ns();
        int pid = h.pid();
        int seq = h.seq();
        PartitionStates states = currentOrRetry(m, MessageType.MIGRATE_RECORDS, h);
        if (states == null) {
            return;
        }
        SendKey in = new SendKey(0, ns, pid, m.source(), 0);
        if (!incoming.contains(in)) {
            synchronized (incoming) {
                if (incoming.size() >= maxIncoming) {
                    // migrate-max-num-incoming: the sender tries again shortly.
                    ack(m, MessageType.MIGRATE_RECORDS, ns, pid, seq, RETRY);
                    return;
                }
                incoming.add(in);
            }
        }
        int count = b.getInt();
        for (int i = 0; i < count; i++) {
            byte[] set = Wire.getBytes(b);
            byte[] record = Wire.getBytes(b);
            if (record.length < Record.HEADER || Digest.partitionId(record, 0) != pid) {
                LOG.warn("dropping a migrated record of the wrong shape from node {}", Long.toHexString(m.source()));
                continue;
            }
            if (!states.deletedSince(record)) {
                states.namespace().mergeIn(set, record, null);
            }
        }
        ack(m, MessageType.MIGRATE_RECORDS, ns, pid, seq, OK);
    }

    private void onControl(FabricMessage m, int type) {
        Header h = Header.read(ByteBuffer.wrap(m.payload()));
        String ns = h.ns();
        int pid = h.pid();
        int seq = h.seq();
        PartitionStates states = currentOrRetry(m, type, h);
        if (states == null) {
            return;
        }
        long source = m.source();
        if (type == MessageType.MIGRATE_DONE) {
            incoming.remove(new SendKey(0, ns, pid, source, 0));
        }
        clusterThread.execute(() -> {
            if (states.clusterKey() != m.clusterKey()) {
                return;
            }
            switch (type) {
                case MessageType.MIGRATE_DONE -> {
                    PartitionPlan p = states.plan(pid);
                    if (p != null && p.finalMaster() == self) {
                        if (states.sourceDone(pid, source)) {
                            becameMaster(states, pid);
                        }
                    } else {
                        states.filled(pid);
                        ownershipChanged.run();
                    }
                }
                case MessageType.MIGRATE_HANDOFF -> {
                    states.handedOff(pid, source);
                    ownershipChanged.run();
                }
                case MessageType.MIGRATE_DROP -> states.drop(pid);
                default -> throw new IllegalStateException("control type " + type);
            }
        });
        ack(m, type, ns, pid, seq, OK);
    }

    private void ack(FabricMessage m, int type, String ns, int pid, int seq, int status) {
        ByteBuffer b = ByteBuffer.allocate(2 + Wire.stringSize(ns) + 2 + 4 + 1);
        b.putShort((short) type);
        Wire.putString(b, ns);
        b.putShort((short) pid).putInt(seq).put((byte) status);
        fabric.send(m.source(), MessageType.MIGRATE_ACK, m.clusterKey(), b.array());
    }

    private void onAck(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        int type = b.getShort() & 0xFFFF;
        Header h = Header.read(b);
        int status = b.get();
        SendKey k = new SendKey(type, h.ns(), h.pid(), m.source(), h.seq());
        Pending p = pending.get(k);
        if (p == null || p.clusterKey != m.clusterKey()) {
            return;
        }
        if (status == OK) {
            if (pending.remove(k, p)) {
                p.onAck.run();
            }
        } else {
            // The peer has not reached this view yet: ask again shortly.
            timer.schedule(() -> resend(k, p), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void sendReliably(long dest, int type, long key, String ns, int pid, int seq, byte[] body, Runnable onAck) {
        ByteBuffer b = ByteBuffer.allocate(Wire.stringSize(ns) + 2 + 4 + body.length);
        Wire.putString(b, ns);
        b.putShort((short) pid).putInt(seq).put(body);
        Pending p = new Pending(dest, type, key, b.array(), onAck);
        SendKey k = new SendKey(type, ns, pid, dest, seq);
        pending.put(k, p);
        resend(k, p);
    }

    private void resend(SendKey k, Pending p) {
        if (pending.get(k) != p) {
            return;
        }
        p.sentAt = nanoTime.getAsLong();
        fabric.send(p.dest, p.type, p.clusterKey, p.payload);
    }

    private void resendOverdue() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<SendKey, Pending> e : pending.entrySet()) {
            if (now - e.getValue().sentAt > RESEND_NANOS) {
                resend(e.getKey(), e.getValue());
            }
        }
    }

    private record SendKey(int type, String ns, int pid, long dest, int seq) {
        SendKey {
            Objects.requireNonNull(ns);
        }
    }

    /** A message waiting for its acknowledgement. */
    private static final class Pending {
        final long dest;
        final int type;
        final long clusterKey;
        final byte[] payload;
        final Runnable onAck;
        volatile long sentAt;

        Pending(long dest, int type, long clusterKey, byte[] payload, Runnable onAck) {
            this.dest = dest;
            this.type = type;
            this.clusterKey = clusterKey;
            this.payload = payload;
            this.onAck = onAck;
        }
    }
}
