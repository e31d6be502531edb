package io.aerie.txn;

import io.aerie.cluster.ClusterService;
import io.aerie.namespace.Namespace;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.FieldType;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Digest;
import io.aerie.storage.Partition;
import io.aerie.storage.Record;
import io.aerie.storage.device.CommitWait;
import org.jspecify.annotations.Nullable;

/**
 * What every single-record transaction resolves first: namespace, digest and partition; and the
 * time, read from the clock only when a transaction needs it (a read of a record that never
 * expires does not), and by a write once, under the partition's lock.
 */
final class TxnContext {
    private final Namespace ns;
    private final AsMessage msg;
    private final Digest digest;
    private final int partitionId;
    private final int transactionTtl;
    private final @Nullable CommitWait commitWait;
    private final @Nullable ClusterService cluster;
    /** Milliseconds since 2010 when the clock was read; {@link #UNREAD} before. */
    private long nowMillis = UNREAD;

    private static final long UNREAD = Long.MIN_VALUE;

    /**
     * @param transactionTtl value for the reply header's transaction-ttl slot (batch row index, or 0)
     * @param commitWait collects what the reply must wait for under commit-to-device; null to wait in place
     * @param cluster the cluster the node is part of, to replicate writes; null for none
     */
    private TxnContext(
            Namespace ns,
            AsMessage msg,
            Digest digest,
            int partitionId,
            int transactionTtl,
            @Nullable CommitWait commitWait,
            @Nullable ClusterService cluster) {
        this.ns = ns;
        this.msg = msg;
        this.digest = digest;
        this.partitionId = partitionId;
        this.transactionTtl = transactionTtl;
        this.commitWait = commitWait;
        this.cluster = cluster;
    }

    static TxnContext of(
            Namespace ns,
            AsMessage msg,
            int transactionTtl,
            @Nullable CommitWait commitWait,
            @Nullable ClusterService cluster) {
        int digestOff = msg.digestOffset();
        byte[] buf = msg.buffer();
        Digest d = Digest.of(buf, digestOff);
        int pid = Digest.partitionId(buf, digestOff);
        return new TxnContext(ns, msg, d, pid, transactionTtl, commitWait, cluster);
    }

    Namespace ns() {
        return ns;
    }

    AsMessage msg() {
        return msg;
    }

    Digest digest() {
        return digest;
    }

    int partitionId() {
        return partitionId;
    }

    /** Value for the reply header's transaction-ttl slot (batch row index, or 0). */
    int transactionTtl() {
        return transactionTtl;
    }

    /** What the reply must wait for under commit-to-device; null to wait in place. */
    @Nullable
    CommitWait commitWait() {
        return commitWait;
    }

    /** The cluster the node is part of, to replicate writes; null for none. */
    @Nullable
    ClusterService cluster() {
        return cluster;
    }

    /**
     * Reads the clock now, for every later {@link #nowSeconds} and {@link #nowMillis}: a write calls
     * this once it holds the partition's lock, so the last-update times it stores follow the
     * order in which writes to a record take the lock.
     */
    void readClock() {
        nowMillis = ns.nowMillis();
    }

    /** Seconds since 2010, from the clock as last read (read now if it has not been). */
    int nowSeconds() {
        return (int) Math.floorDiv(nowMillis(), 1000L);
    }

    /** Milliseconds since 2010, from the clock as last read (read now if it has not been). */
    long nowMillis() {
        if (nowMillis == UNREAD) {
            readClock();
        }
        return nowMillis;
    }

    /**
     * The time to judge whether {@code r} has expired by: {@link #nowSeconds}, or 0 for a record
     * that never expires, whose expiry does not depend on it, without reading the clock.
     */
    int expiryTime(byte[] r) {
        return Record.voidTime(r) == 0 ? 0 : nowSeconds();
    }

    /**
     * The request's partition, for writes, which lock it. Reads never touch the partition object:
     * under a load that streams records through the cache, loading it is one more miss.
     */
    Partition partition() {
        return ns.partition(partitionId);
    }

    /** Whether a request's KEY field disagrees with the key stored on the record. */
    static boolean keyMismatch(AsMessage msg, byte[] record) {
        int off = msg.fieldOffset(FieldType.KEY);
        return off >= 0 && !Record.keyMatches(record, msg.buffer(), off, msg.fieldLength(FieldType.KEY));
    }

    static int checkKeyField(AsMessage msg) {
        int len = msg.fieldLength(FieldType.KEY);
        return msg.hasField(FieldType.KEY) && len < 1 ? ResultCode.PARAMETER_ERROR : ResultCode.OK;
    }
}
