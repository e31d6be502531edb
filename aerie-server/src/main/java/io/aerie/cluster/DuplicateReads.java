package io.aerie.cluster;

import io.aerie.fabric.Fabric;
import io.aerie.fabric.FabricMessage;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Duplicate resolution for writes and for reads that ask for it (the client's
 * {@code ReadModeAP.ALL}): while a partition's copies are being merged after a change, the node
 * serving it fetches the record from every other copy that may hold a newer version, keeps the
 * winner by conflict resolution, and only then executes, as Aerospike's dup-res does.
 */
public final class DuplicateReads {
    private static final byte NONE = 0;
    private static final byte FOUND = 1;
    /** Silent copies are asked again at every tick. */
    private static final long TICK_MILLIS = 20;

    private final Fabric fabric;
    private final Function<String, @Nullable PartitionStates> namespaces;
    private final FanoutRequests requests;

    DuplicateReads(
            Fabric fabric,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            long timeoutMillis,
            Function<String, @Nullable PartitionStates> namespaces) {
        this.fabric = fabric;
        this.namespaces = namespaces;
        this.requests = new FanoutRequests(
                fabric, MessageType.DUPLICATE_READ, timer, nanoTime, TICK_MILLIS, TICK_MILLIS, timeoutMillis);
        fabric.register(MessageType.DUPLICATE_READ, this::onRequest);
        fabric.register(MessageType.DUPLICATE_REPLY, this::onReply);
    }

    /**
     * Fetches record {@code d} of namespace {@code ns} from {@code holders} and merges every copy
     * into this node's; completes once all answered, or at the timeout with what came.
     */
    public CompletableFuture<Void> resolve(String ns, Digest d, long[] holders, long clusterKey) {
        long id = requests.nextId();
        byte[] digest = new byte[Digest.SIZE];
        d.writeTo(digest, 0);
        ByteBuffer b = ByteBuffer.allocate(8 + Wire.stringSize(ns) + Digest.SIZE);
        b.putLong(id);
        Wire.putString(b, ns);
        b.put(digest);
        List<Long> targets = new ArrayList<>(holders.length);
        for (long h : holders) {
            targets.add(h);
        }
        return requests.send(id, targets, clusterKey, b.array()).thenApply(allAnswered -> null);
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
            out = ByteBuffer.allocate(9 + Wire.stringSize(ns)).putLong(id).put(NONE);
            Wire.putString(out, ns);
        } else {
            byte[] set = states.namespace().setNameBytes(record);
            out = ByteBuffer.allocate(9 + Wire.stringSize(ns) + 8 + set.length + record.length)
                    .putLong(id)
                    .put(FOUND);
            Wire.putString(out, ns);
            Wire.putBytes(out, set);
            Wire.putBytes(out, record);
        }
        fabric.send(m.source(), MessageType.DUPLICATE_REPLY, m.clusterKey(), out.array());
    }

    /** Merges the copy that came (a late answer too: conflict resolution keeps it harmless), then counts the answer. */
    private void onReply(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        boolean found = b.get() == FOUND;
        String ns = Wire.getString(b);
        if (found) {
            byte[] set = Wire.getBytes(b);
            byte[] record = Wire.getBytes(b);
            PartitionStates states = namespaces.apply(ns);
            if (states != null && record.length >= Record.HEADER) {
                states.namespace().mergeIn(set, record, null);
            }
        }
        requests.answered(id, m.source());
    }
}
