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
 * What every single-record transaction resolves first: namespace, digest, partition, and "now".
 *
 * @param transactionTtl value for the reply header's transaction-ttl slot (batch row index, or 0)
 * @param commitWait collects what the reply must wait for under commit-to-device; null to wait in place
 * @param cluster the cluster the node is part of, to replicate writes; null for none
 */
record TxnContext(
        Namespace ns,
        AsMessage msg,
        Digest digest,
        int partitionId,
        int nowSeconds,
        int transactionTtl,
        @Nullable CommitWait commitWait,
        @Nullable ClusterService cluster) {

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
        return new TxnContext(ns, msg, d, pid, ns.nowSeconds(), transactionTtl, commitWait, cluster);
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
