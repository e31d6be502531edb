package io.aerie.cluster;

import io.aerie.fabric.Fabric;
import io.aerie.fabric.FabricMessage;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's side and the replicas' side of replica writes. The master sends every write of a
 * partition to the partition's other copies while it holds the partition lock, so each replica
 * sees a record's versions in order; it resends until each replica acknowledges or leaves the
 * view. Replicas apply a version only when it wins conflict resolution, so a resent or late copy
 * never undoes a newer one.
 */
public final class Replication {
    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);
    private static final long TICK_MILLIS = 100;
    private static final long RESEND_MILLIS = 300;
    private static final byte WRITE = 0;
    private static final byte DELETE = 1;

    private final Fabric fabric;
    private final Function<String, @Nullable PartitionStates> namespaces;
    private final FanoutRequests requests;
    private volatile long clusterKey;
    private volatile Set<Long> members = Set.of();

    Replication(
            Fabric fabric,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            long timeoutMillis,
            Function<String, @Nullable PartitionStates> namespaces) {
        this.fabric = fabric;
        this.namespaces = namespaces;
        this.requests = new FanoutRequests(
                fabric, MessageType.REPLICA_WRITE, timer, nanoTime, TICK_MILLIS, RESEND_MILLIS, timeoutMillis);
        fabric.register(MessageType.REPLICA_WRITE, this::onWrite);
        fabric.register(MessageType.REPLICA_ACK, this::onAck);
    }

    /** A new view: replicas that left it no longer hold up a write. */
    void newView(long key, Set<Long> viewMembers) {
        clusterKey = key;
        members = Set.copyOf(viewMembers);
        requests.retain(members);
    }

    /**
     * Sends a record's new version to {@code targets}; the future completes with true once every
     * target in the view applied it, false when one did not answer within the timeout. The
     * caller holds the partition lock.
     */
    public CompletableFuture<Boolean> write(String ns, long[] targets, byte[] setName, byte[] record) {
        ByteBuffer b = ByteBuffer.allocate(8 + Wire.stringSize(ns) + 1 + 8 + setName.length + record.length);
        long id = requests.nextId();
        b.putLong(id);
        Wire.putString(b, ns);
        b.put(WRITE);
        Wire.putBytes(b, setName);
        Wire.putBytes(b, record);
        return send(id, ns, targets, b.array());
    }

    /** Sends the delete of a record whose removed version had {@code generation} and {@code lastUpdateTime}. */
    public CompletableFuture<Boolean> delete(String ns, long[] targets, Digest d, int generation, long lastUpdateTime) {
        ByteBuffer b = ByteBuffer.allocate(8 + Wire.stringSize(ns) + 1 + Digest.SIZE + 4 + 8);
        long id = requests.nextId();
        b.putLong(id);
        Wire.putString(b, ns);
        b.put(DELETE);
        byte[] digest = new byte[Digest.SIZE];
        d.writeTo(digest, 0);
        b.put(digest).putInt(generation).putLong(lastUpdateTime);
        return send(id, ns, targets, b.array());
    }

    private CompletableFuture<Boolean> send(long id, String ns, long[] targets, byte[] payload) {
        PartitionStates states = namespaces.apply(ns);
        // Strong consistency: every replica of the regime must take the write; none may be skipped.
        boolean strict = states != null && states.sc() != null;
        List<Long> inView = new ArrayList<>(targets.length);
        for (long t : targets) {
            if (members.contains(t)) {
                inView.add(t);
            } else if (strict) {
                return CompletableFuture.completedFuture(false);
            }
        }
        // Strong consistency sends under the key of the regime this master serves, which replicas
        // that have moved on to another view refuse.
        return requests.send(id, inView, strict && states != null ? states.clusterKey() : clusterKey, payload, strict);
    }

    private void onWrite(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        String ns = Wire.getString(b);
        PartitionStates states = namespaces.apply(ns);
        int status = 0;
        if (states == null) {
            status = 1;
        } else if (states.sc() != null && m.clusterKey() != states.clusterKey()) {
            // Strong consistency: a master of another regime (an older view, or one this node has
            // not reached yet) is refused, so a deposed master cannot complete a write.
            status = 1;
        } else if (b.get() == WRITE) {
            byte[] set = Wire.getBytes(b);
            byte[] record = Wire.getBytes(b);
            if (record.length >= Record.HEADER) {
                states.namespace().mergeIn(set, record, null);
            } else {
                status = 1;
            }
        } else {
            byte[] digest = new byte[Digest.SIZE];
            b.get(digest);
            Digest d = Digest.of(digest, 0);
            int generation = b.getInt();
            long lastUpdateTime = b.getLong();
            states.deletedWhileFilling(d, generation, lastUpdateTime);
            states.namespace().mergeDelete(d, generation, lastUpdateTime, null);
        }
        ByteBuffer ack = ByteBuffer.allocate(9);
        ack.putLong(id).put((byte) status);
        fabric.send(m.source(), MessageType.REPLICA_ACK, m.clusterKey(), ack.array());
    }

    private void onAck(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        if (b.get() != 0) {
            LOG.debug("node {} refused a replica write", Long.toHexString(m.source()));
            requests.refused(id, m.source());
        } else {
            requests.answered(id, m.source());
        }
    }
}
