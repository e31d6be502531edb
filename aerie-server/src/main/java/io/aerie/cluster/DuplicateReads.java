package io.aerie.cluster;

import io.aerie.fabric.Fabric;
import io.aerie.fabric.FabricMessage;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Duplicate resolution for reads that ask for it (the client's {@code ReadModeAP.ALL}): while a
 * partition's copies are being merged after a change, the node serving it fetches the record from
 * every other copy that may hold a newer version, keeps the winner by conflict resolution, and only
 * then answers, as Aerospike's dup-res does.
 */
public final class DuplicateReads {
    private static final byte NONE = 0;
    private static final byte FOUND = 1;

    private final Fabric fabric;
    private final LongSupplier nanoTime;
    private final long timeoutNanos;
    private final Function<String, @Nullable PartitionStates> namespaces;
    private final AtomicLong nextRequest = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    DuplicateReads(
            Fabric fabric,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            long timeoutMillis,
            Function<String, @Nullable PartitionStates> namespaces) {
        this.fabric = fabric;
        this.nanoTime = nanoTime;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.namespaces = namespaces;
        fabric.register(MessageType.DUPLICATE_READ, this::onRequest);
        fabric.register(MessageType.DUPLICATE_REPLY, this::onReply);
        timer.scheduleWithFixedDelay(this::expire, 20, 20, TimeUnit.MILLISECONDS);
    }

    /**
     * Fetches record {@code d} of namespace {@code ns} from {@code holders} and merges every copy
     * into this node's; completes once all answered, or at the timeout with what came.
     */
    public CompletableFuture<Void> resolve(String ns, Digest d, long[] holders, long clusterKey) {
        long id = nextRequest.getAndIncrement();
        Pending p = new Pending(ns, nanoTime.getAsLong());
        for (long h : holders) {
            p.waiting.add(h);
        }
        if (p.waiting.isEmpty()) {
            p.done.complete(null);
            return p.done;
        }
        byte[] digest = new byte[Digest.SIZE];
        d.writeTo(digest, 0);
        ByteBuffer b = ByteBuffer.allocate(8 + Wire.stringSize(ns) + Digest.SIZE);
        b.putLong(id);
        Wire.putString(b, ns);
        b.put(digest);
        p.request = b.array();
        p.clusterKey = clusterKey;
        pending.put(id, p);
        for (long h : holders) {
            fabric.send(h, MessageType.DUPLICATE_READ, clusterKey, p.request);
        }
        return p.done;
    }

    private void onRequest(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        String ns = Wire.getString(b);
        byte[] digest = new byte[Digest.SIZE];
        b.get(digest);
        PartitionStates states = namespaces.apply(ns);
        Digest d = Digest.of(digest, 0);
        byte[] record = states == null ? null : states.namespace().copyOf(d.partitionId(), d);
        ByteBuffer out;
        if (record == null || states == null) {
            out = ByteBuffer.allocate(9).putLong(id).put(NONE);
        } else {
            byte[] set = states.namespace().setNameBytes(record);
            out = ByteBuffer.allocate(9 + 8 + set.length + record.length)
                    .putLong(id)
                    .put(FOUND);
            Wire.putBytes(out, set);
            Wire.putBytes(out, record);
        }
        fabric.send(m.source(), MessageType.DUPLICATE_REPLY, m.clusterKey(), out.array());
    }

    private void onReply(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        Pending p = pending.get(id);
        if (p == null) {
            return;
        }
        if (b.get() == FOUND) {
            byte[] set = Wire.getBytes(b);
            byte[] record = Wire.getBytes(b);
            PartitionStates states = namespaces.apply(p.ns);
            if (states != null && record.length >= Record.HEADER) {
                states.namespace().mergeIn(set, record, null);
            }
        }
        answered(id, p, m.source());
    }

    private void answered(long id, Pending p, long holder) {
        p.waiting.remove(holder);
        if (p.waiting.isEmpty() && pending.remove(id, p)) {
            p.done.complete(null);
        }
    }

    /** Gives up on holders silent past the timeout; asks the others again (a request or its answer may have been refused). */
    private void expire() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.started > timeoutNanos) {
                if (pending.remove(e.getKey(), p)) {
                    p.done.complete(null);
                }
            } else {
                for (long h : p.waiting) {
                    fabric.send(h, MessageType.DUPLICATE_READ, p.clusterKey, p.request);
                }
            }
        }
    }

    /** A read waiting for the other copies. */
    private static final class Pending {
        final String ns;
        final long started;
        final Set<Long> waiting = ConcurrentHashMap.newKeySet();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] request = new byte[0];
        long clusterKey;

        Pending(String ns, long started) {
            this.ns = ns;
            this.started = started;
        }
    }
}
