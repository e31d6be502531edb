package io.aerie.txn;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.AsMessageDecoder;
import io.aerie.protocol.BatchRequest;
import io.aerie.protocol.FieldType;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.ProtoHeader;
import io.aerie.protocol.ProtocolException;
import io.aerie.protocol.RequestEncoder;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import io.aerie.storage.device.CommitWait;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The entry to the transaction layer: routes a decoded AS_MSG to a single-record transaction, a
 * batch, or a scan, and writes the complete reply frames.
 */
public final class TransactionService {
    /** Batch replies are cut into frames of about this size. */
    static final int BATCH_FRAME_BYTES = 1 << 20;

    private final Namespaces namespaces;
    private volatile @Nullable ClusterService cluster;
    private volatile @Nullable Proxy proxy;

    public TransactionService(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * Makes the service part of a cluster: requests for partitions this node does not serve go
     * through {@code proxy}, and writes are replicated.
     */
    public void joinCluster(ClusterService clusterService, Proxy requestProxy) {
        this.cluster = clusterService;
        this.proxy = requestProxy;
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    /** What kind of request a message is. */
    public enum Kind {
        SINGLE,
        BATCH,
        SCAN
    }

    /**
     * Looks ahead at the AS_MSG bodies of single-record requests about to be executed one after
     * another: finds every request's partition and digest, then loads every one's index slot (and
     * a write's partition lock), then every one's record, so that their cache misses overlap
     * instead of following each other (each step a short loop, so the loads of all requests are in
     * flight together). Changes nothing; skips a body it cannot place. Returns a sum of no meaning, for the caller to keep so
     * the loads are not optimised away.
     */
    public long prefetch(byte[][] bodies, int count) {
        @Nullable Namespace[] spaces = new Namespace[count];
        int[] digestAt = new int[count];
        int[] at = new int[3];
        for (int k = 0; k < count; k++) {
            byte[] b = bodies[k];
            if (AsMessageDecoder.locate(b, at)) {
                spaces[k] = namespaces.get(b, at[0], at[1]);
                digestAt[k] = at[2];
            }
        }
        byte[] @Nullable [] entries = new byte[count][];
        long sum = 0;
        for (int k = 0; k < count; k++) {
            Namespace ns = spaces[k];
            if (ns != null) {
                byte[] b = bodies[k];
                int d = digestAt[k];
                int pid = Digest.partitionId(b, d);
                entries[k] = ns.homeEntry(pid, Digest.mid(b, d), Digest.lo(b, d));
                if ((b[2] & MsgFlags.INFO2_WRITE) != 0 && ns.partition(pid).isLocked()) {
                    // A write takes the partition's lock: its lock word is one more miss.
                    sum++;
                }
            }
        }
        for (byte[] e : entries) {
            if (e != null) {
                sum += Record.touch(e);
            }
        }
        return sum;
    }

    /** Classifies a request: batch by its flag, single-record by its digest, otherwise a scan. */
    public static Kind kindOf(AsMessage m) {
        if (m.hasInfo1(MsgFlags.INFO1_BATCH)) {
            return Kind.BATCH;
        }
        return m.digestOffset() >= 0 ? Kind.SINGLE : Kind.SCAN;
    }

    /** Executes a single-record request, writing one reply frame into {@code out}. */
    public void executeSingle(AsMessage m, ByteBuf out) {
        executeSingle(m, out, null);
    }

    /**
     * As {@link #executeSingle(AsMessage, ByteBuf)}; under commit-to-device the reply must not be
     * sent before {@code commitWait} says the write is durable (null: the call waits instead).
     */
    public void executeSingle(AsMessage m, ByteBuf out, @Nullable CommitWait commitWait) {
        Proxy p = proxy;
        Placement at = commitWait == null || p == null ? null : placement(m);
        if (at != null && commitWait != null && p != null) {
            long target = at.servedBy();
            byte[] bytes = target == 0 ? null : m.bytes();
            if (bytes != null) {
                commitWait.replyWith(p.forward(at.ns(), at.pid(), bytes));
                return;
            }
            if (at.states().sc() != null && target == 0) {
                CompletableFuture<byte @Nullable []> sc =
                        ScRequests.prepare(at.cluster(), at.ns(), at.pid(), at.write(), m, this);
                if (sc != null) {
                    commitWait.replyWith(sc);
                    return;
                }
                if (!at.servedHere()) {
                    // Strong consistency: no node of this sub-cluster may serve the partition now.
                    out.writeBytes(Replies.unavailableFrame());
                    return;
                }
            }
            CompletableFuture<Void> resolved = target == 0 ? resolveDuplicates(at, m) : null;
            if (resolved != null) {
                commitWait.replyWith(resolved.thenCompose(done -> executeCommitted(m)));
                return;
            }
        }
        executeHere(m, out, commitWait);
    }

    /**
     * Where a single-record request's partition is served, in a cluster of more than one node.
     *
     * @param ns the namespace's name
     * @param states its partitions as this node sees them
     * @param pid the request's partition
     * @param write whether the request writes (writes go to the master; reads may go to a replica)
     * @param strictRead a strong-consistency read that only the master may serve (the client did
     *     not allow replica reads)
     */
    private record Placement(
            ClusterService cluster, String ns, PartitionStates states, int pid, boolean write, boolean strictRead) {
        /**
         * Whether this node may execute the request: it masters the partition, or holds a full copy
         * for a read (in strong consistency only when the client allows replica reads).
         */
        boolean servedHere() {
            return write || strictRead ? states.isMaster(pid) : states.canRead(pid);
        }

        /** The node to forward the request to; 0 to serve it here (or when no node is known to serve it). */
        long servedBy() {
            return servedHere() ? 0 : states.actingMaster(pid);
        }
    }

    /** The request's placement, or null on a cluster of one, for an unknown namespace or without a digest. */
    private @Nullable Placement placement(AsMessage m) {
        ClusterService c = cluster;
        if (c == null || m.digestOffset() < 0 || (c.alone() && !strongConsistency(m))) {
            // A cluster of one serves every AP partition itself; strong consistency still asks its
            // roster. Checked first, from the request's bytes: naming the namespace takes a String.
            return null;
        }
        String nsName = m.namespace();
        PartitionStates states = nsName == null ? null : c.states(nsName);
        if (nsName == null || states == null) {
            return null;
        }
        boolean strictRead = states.sc() != null && !m.hasInfo3(MsgFlags.INFO3_SC_READ_RELAX);
        return new Placement(c, nsName, states, partitionOf(m), isWrite(m), strictRead);
    }

    /** Whether the request names a known namespace in strong-consistency mode. */
    private boolean strongConsistency(AsMessage m) {
        if (!namespaces.anyStrongConsistency()) {
            return false;
        }
        int nsOff = m.fieldOffset(FieldType.NAMESPACE);
        Namespace ns = nsOff < 0 ? null : namespaces.get(m.buffer(), nsOff, m.fieldLength(FieldType.NAMESPACE));
        return ns != null && ns.config().strongConsistency();
    }

    private static boolean isWrite(AsMessage m) {
        return m.hasInfo2(MsgFlags.INFO2_WRITE) || m.hasInfo2(MsgFlags.INFO2_DELETE);
    }

    /**
     * A write, or a read with {@code ReadModeAP.ALL}, of a partition whose copies are still being
     * merged: asks the other copies for the record first and keeps the winner, so the write builds
     * on the newest version (and survives the merge) and the read sees it; then executes and
     * answers once the write is committed. Null when there is nothing to resolve.
     */
    private static @Nullable CompletableFuture<Void> resolveDuplicates(Placement at, AsMessage m) {
        if (!(at.write() || m.hasInfo1(MsgFlags.INFO1_READ_MODE_AP_ALL))) {
            return null;
        }
        long[] holders = at.states().duplicateHolders(at.pid());
        if (holders.length == 0) {
            return null;
        }
        io.aerie.storage.Digest d = io.aerie.storage.Digest.of(m.buffer(), m.digestOffset());
        ClusterService c = at.cluster();
        return c.duplicateReads().resolve(at.ns(), d, holders, c.clusterKey());
    }

    /** A request proxied here by another node: resolved against duplicates when needed, run, and answered once committed. */
    CompletableFuture<byte @Nullable []> executeProxied(AsMessage m) {
        Placement at = placement(m);
        if (at != null && at.states().sc() != null) {
            CompletableFuture<byte @Nullable []> sc =
                    ScRequests.prepare(at.cluster(), at.ns(), at.pid(), at.write(), m, this);
            if (sc != null) {
                return sc;
            }
            if (!at.servedHere()) {
                // Strong consistency: ownership moved on since the sender looked; only the master serves.
                return CompletableFuture.completedFuture(Replies.unavailableFrame());
            }
        }
        CompletableFuture<Void> resolved = at == null ? null : resolveDuplicates(at, m);
        return resolved == null ? executeCommitted(m) : resolved.thenCompose(done -> executeCommitted(m));
    }

    /** Runs a single-record request here; completes with its reply once its writes are committed (null if they failed). */
    CompletableFuture<byte @Nullable []> executeCommitted(AsMessage m) {
        CommitWait wait = new CommitWait();
        byte[] reply = executeToBytes(m, wait);
        CompletableFuture<byte @Nullable []> out = new CompletableFuture<>();
        if (wait.pending()) {
            wait.whenDurable(durable -> out.complete(durable ? reply : null));
        } else {
            out.complete(reply);
        }
        return out;
    }

    /** Runs a single-record request here and returns its reply frame. */
    byte[] executeToBytes(AsMessage m, @Nullable CommitWait wait) {
        return Replies.bytes(256, out -> executeHere(m, out, wait));
    }

    /** Executes a single-record request on this node, whoever serves its partition (a proxied request). */
    void executeHere(AsMessage m, ByteBuf out, @Nullable CommitWait commitWait) {
        int start = MessageWriter.beginFrame(out);
        executeRecord(m, out, 0, false, commitWait);
        MessageWriter.endFrame(out, start, ProtoHeader.TYPE_MSG);
    }

    private static int partitionOf(AsMessage m) {
        return io.aerie.storage.Digest.partitionId(m.buffer(), m.digestOffset());
    }

    /** Executes a batch request, writing its reply frames into {@code out}; see {@link #executeSingle(AsMessage, ByteBuf, CommitWait)}. */
    public void executeBatch(AsMessage parent, ByteBuf out, @Nullable CommitWait commitWait) {
        BatchRequest batch;
        try {
            batch = AsMessageDecoder.decodeBatch(parent);
        } catch (ProtocolException e) {
            MessageWriter.writeResultFrame(out, e.resultCode(), 0, 0);
            return;
        }
        Proxy p = proxy;
        ClusterService c = cluster;
        if (p != null
                && c != null
                && commitWait != null
                && !c.alone()
                && (anyServedElsewhere(batch) || anyStrong(batch))) {
            commitWait.replyWith(executeAcrossNodes(batch, p));
            return;
        }
        int frame = MessageWriter.beginFrame(out);
        int failure = ResultCode.OK;
        for (AsMessage row : batch.rows()) {
            int rc = executeRecord(row, out, row.batchIndex(), true, commitWait);
            if (!batch.respondAllKeys()
                    && rc != ResultCode.OK
                    && rc != ResultCode.KEY_NOT_FOUND
                    && rc != ResultCode.FILTERED_OUT) {
                failure = rc;
                break;
            }
            if (out.writerIndex() - frame > BATCH_FRAME_BYTES) {
                MessageWriter.endFrame(out, frame, ProtoHeader.TYPE_MSG);
                frame = MessageWriter.beginFrame(out);
            }
        }
        MessageWriter.writeHeader(out, MsgFlags.INFO3_LAST, failure, 0, 0, 0, 0, 0);
        MessageWriter.endFrame(out, frame, ProtoHeader.TYPE_MSG);
    }

    /** Whether a row is of a strong-consistency namespace: such rows take the single-record path's steps. */
    private boolean anyStrong(BatchRequest batch) {
        for (AsMessage row : batch.rows()) {
            Placement at = placement(row);
            if (at != null && at.states().sc() != null) {
                return true;
            }
        }
        return false;
    }

    private boolean anyServedElsewhere(BatchRequest batch) {
        for (AsMessage row : batch.rows()) {
            Placement at = placement(row);
            if (at != null && at.servedBy() != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A batch some of whose rows belong to partitions other nodes serve (the client's map is out
     * of date): those rows are proxied one by one, the rest run here, and the reply is assembled
     * in row order once every row has its answer and this node's writes are committed.
     */
    private CompletableFuture<byte @Nullable []> executeAcrossNodes(BatchRequest batch, Proxy p) {
        List<CompletableFuture<byte[]>> rows = new ArrayList<>(batch.rows().size());
        CommitWait local = new CommitWait();
        for (AsMessage row : batch.rows()) {
            int index = row.batchIndex();
            Placement at = placement(row);
            if (at != null && at.servedBy() != 0) {
                rows.add(p.forward(at.ns(), at.pid(), RequestEncoder.single(row))
                        .thenApply(frame -> asBatchRow(frame, index)));
            } else if (at != null && at.states().sc() != null) {
                rows.add(strongRow(at, row));
            } else {
                rows.add(CompletableFuture.completedFuture(
                        Replies.bytes(256, buf -> executeRecord(row, buf, index, true, local))));
            }
        }
        CompletableFuture<Boolean> committed = new CompletableFuture<>();
        local.whenDurable(committed::complete);
        List<CompletableFuture<?>> all = new ArrayList<>(rows);
        all.add(committed);
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> committed.join() ? assembleBatch(rows) : null);
    }

    /**
     * A strong-consistency batch row this node may serve: run as a single-record request, with
     * the same settling of unreplicated records and regime checks, and turned into a batch row.
     */
    private CompletableFuture<byte[]> strongRow(Placement at, AsMessage row) {
        int index = row.batchIndex();
        byte[] single = RequestEncoder.single(row);
        AsMessage m;
        try {
            m = AsMessageDecoder.decode(single, 0, single.length);
        } catch (ProtocolException e) {
            return CompletableFuture.completedFuture(
                    Replies.bytes(32, buf -> Replies.error(buf, e.resultCode(), index)));
        }
        CompletableFuture<byte @Nullable []> reply =
                ScRequests.prepare(at.cluster(), at.ns(), at.pid(), at.write(), m, this);
        if (reply == null) {
            return CompletableFuture.completedFuture(
                    Replies.bytes(32, buf -> Replies.error(buf, ResultCode.PARTITION_UNAVAILABLE, index)));
        }
        return reply.thenApply(frame -> asBatchRow(frame, index));
    }

    /** A proxied single-record reply frame as the batch row {@code index}; TIMEOUT when none came. */
    private static byte[] asBatchRow(byte @Nullable [] frame, int index) {
        if (frame == null || frame.length < ProtoHeader.SIZE + 22) {
            return Replies.bytes(32, buf -> Replies.error(buf, ResultCode.TIMEOUT, index));
        }
        byte[] row = java.util.Arrays.copyOfRange(frame, ProtoHeader.SIZE, frame.length);
        // The batch row's index goes where a single reply has its transaction-ttl.
        row[14] = (byte) (index >>> 24);
        row[15] = (byte) (index >>> 16);
        row[16] = (byte) (index >>> 8);
        row[17] = (byte) index;
        return row;
    }

    private static byte[] assembleBatch(List<CompletableFuture<byte[]>> rows) {
        return Replies.bytes(4096, out -> {
            int frame = MessageWriter.beginFrame(out);
            for (CompletableFuture<byte[]> r : rows) {
                out.writeBytes(r.join());
                if (out.writerIndex() - frame > BATCH_FRAME_BYTES) {
                    MessageWriter.endFrame(out, frame, ProtoHeader.TYPE_MSG);
                    frame = MessageWriter.beginFrame(out);
                }
            }
            MessageWriter.writeHeader(out, MsgFlags.INFO3_LAST, ResultCode.OK, 0, 0, 0, 0, 0);
            MessageWriter.endFrame(out, frame, ProtoHeader.TYPE_MSG);
        });
    }

    /** One record's transaction; writes one AS_MSG (no frame) and returns its result code. */
    private int executeRecord(
            AsMessage m, ByteBuf out, int transactionTtl, boolean batch, @Nullable CommitWait commitWait) {
        int nsOff = m.fieldOffset(FieldType.NAMESPACE);
        Namespace ns = nsOff < 0 ? null : namespaces.get(m.buffer(), nsOff, m.fieldLength(FieldType.NAMESPACE));
        if (ns == null) {
            return Replies.error(out, ResultCode.INVALID_NAMESPACE, transactionTtl);
        }
        if (m.digestOffset() < 0) {
            return Replies.error(out, ResultCode.PARAMETER_ERROR, transactionTtl);
        }
        if (m.hasField(FieldType.UDF_PACKAGE_NAME)) {
            // Record UDFs arrive with the next issue's Lua engine.
            return Replies.error(out, ResultCode.UNSUPPORTED_FEATURE, transactionTtl);
        }
        Placement at = batch ? placement(m) : null;
        if (at != null && !at.servedHere()) {
            // A row no node is known to serve (rows another node serves were proxied before).
            return Replies.error(out, ResultCode.PARTITION_UNAVAILABLE, transactionTtl);
        }
        TxnContext ctx = TxnContext.of(ns, m, transactionTtl, commitWait, cluster);
        if (isWrite(m)) {
            return WriteTxn.execute(ctx, out, batch);
        }
        if (m.hasInfo1(MsgFlags.INFO1_READ) || m.hasInfo1(MsgFlags.INFO1_NOBINDATA)) {
            return ReadTxn.execute(ctx, out, batch);
        }
        return Replies.error(out, ResultCode.PARAMETER_ERROR, transactionTtl);
    }

    /** Which partitions of namespace {@code ns} a scan may read here: those this node serves. */
    public java.util.function.IntPredicate scanServes(@Nullable Namespace ns) {
        ClusterService c = cluster;
        PartitionStates states = c == null || ns == null ? null : c.states(ns.name());
        return states == null ? pid -> true : states::isMaster;
    }

    /** The namespace a scan names, or null when it names none or an unknown one. */
    public @Nullable Namespace scanNamespace(AsMessage m) {
        String nsName = m.namespace();
        return nsName == null ? null : namespaces.get(nsName);
    }
}
