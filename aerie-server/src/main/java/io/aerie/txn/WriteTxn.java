package io.aerie.txn;

import io.aerie.namespace.Counter;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.NamespaceStats;
import io.aerie.namespace.SetInfo;
import io.aerie.namespace.SetTable;
import io.aerie.ops.Bin;
import io.aerie.ops.BinList;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.FieldType;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.OpType;
import io.aerie.protocol.ParticleType;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Partition;
import io.aerie.storage.Record;
import io.aerie.storage.device.DeviceFullException;
import io.aerie.storage.device.DeviceStore;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Writes, deletes, touches and operate: everything that holds the partition's write lock. The
 * lock covers read, check, apply and swap, so concurrent increments of one record never lose an
 * update.
 */
final class WriteTxn {
    private WriteTxn() {}

    /** Writes one reply AS_MSG into {@code out}; returns its result code. */
    static int execute(TxnContext ctx, ByteBuf out, boolean batch) {
        Namespace ns = ctx.ns();
        AsMessage m = ctx.msg();
        boolean delete = m.hasInfo2(MsgFlags.INFO2_DELETE);
        int rc = validate(ctx);
        if (rc != ResultCode.OK) {
            count(ns.stats(), delete, batch, rc);
            return Replies.error(out, rc, ctx.transactionTtl());
        }
        Partition p = ctx.partition();
        int start = out.writerIndex();
        ns.prefetch(p, ctx.digest());
        p.lock();
        try {
            if (!ReplicaWrites.mastersHere(ctx)) {
                // Strong consistency: the request waited (queued while this node was paused, or
                // behind a re-replication) and this node no longer masters the partition; applying
                // it to a copy that is not the master's would let it diverge.
                rc = ResultCode.PARTITION_UNAVAILABLE;
            } else {
                ctx.readClock();
                byte[] existing = ns.getLive(ctx.partitionId(), ctx.digest(), ctx.nowSeconds());
                rc = delete ? applyDelete(ctx, existing, out) : applyWrite(ctx, existing, out);
            }
        } catch (DeviceFullException e) {
            // The new version never reached storage, so the index still holds the old one.
            rc = ResultCode.OUT_OF_SPACE;
        } finally {
            p.unlock();
        }
        if (rc != ResultCode.OK) {
            out.writerIndex(start);
            Replies.error(out, rc, ctx.transactionTtl());
        }
        count(ns.stats(), delete, batch, rc);
        return rc;
    }

    /** Checks that need no record: names, types, set, stop-writes. */
    private static int validate(TxnContext ctx) {
        AsMessage m = ctx.msg();
        if (TxnContext.checkKeyField(m) != ResultCode.OK) {
            return ResultCode.PARAMETER_ERROR;
        }
        for (int i = 0; i < m.opCount(); i++) {
            if (m.opNameLength(i) > Bin.MAX_NAME_LENGTH) {
                return ResultCode.BIN_NAME_TOO_LONG;
            }
            int op = m.opType(i);
            switch (op) {
                case OpType.READ,
                        OpType.WRITE,
                        OpType.INCR,
                        OpType.APPEND,
                        OpType.PREPEND,
                        OpType.TOUCH,
                        OpType.DELETE -> {}
                case OpType.CDT_READ,
                        OpType.CDT_MODIFY,
                        OpType.EXP_READ,
                        OpType.EXP_MODIFY,
                        OpType.BIT_READ,
                        OpType.BIT_MODIFY,
                        OpType.HLL_READ,
                        OpType.HLL_MODIFY -> {
                    return ResultCode.UNSUPPORTED_FEATURE;
                }
                default -> {
                    return ResultCode.PARAMETER_ERROR;
                }
            }
            if (op == OpType.WRITE) {
                int type = m.opParticleType(i);
                if (type != ParticleType.NULL && !ParticleType.isStorable(type)) {
                    return ResultCode.PARAMETER_ERROR;
                }
                if (!hasValidLength(type, m.opValueLength(i))) {
                    return ResultCode.PARAMETER_ERROR;
                }
            }
        }
        if (m.fieldLength(FieldType.SET) > SetTable.MAX_NAME_LENGTH) {
            return ResultCode.PARAMETER_ERROR;
        }
        if (!m.hasInfo2(MsgFlags.INFO2_DELETE)) {
            if (ctx.ns().stopWrites()) {
                return ResultCode.OUT_OF_SPACE;
            }
            int refusal = ctx.ns().storageRefusal();
            if (refusal == DeviceStore.Refusal.FULL) {
                return ResultCode.OUT_OF_SPACE;
            }
            if (refusal == DeviceStore.Refusal.OVERLOADED) {
                return ResultCode.DEVICE_OVERLOAD;
            }
        }
        return ResultCode.OK;
    }

    private static boolean hasValidLength(int type, int len) {
        return switch (type) {
            case ParticleType.INTEGER, ParticleType.DOUBLE -> len == 8;
            case ParticleType.BOOL -> len == 1;
            case ParticleType.NULL -> len == 0;
            default -> true;
        };
    }

    private static int checkGeneration(AsMessage m, byte @Nullable [] existing) {
        int current = existing == null ? 0 : Record.generation(existing);
        if (m.hasInfo2(MsgFlags.INFO2_GENERATION) && m.generation() != current) {
            return ResultCode.GENERATION_ERROR;
        }
        if (m.hasInfo2(MsgFlags.INFO2_GENERATION_GT) && Integer.compareUnsigned(m.generation(), current) <= 0) {
            return ResultCode.GENERATION_ERROR;
        }
        return ResultCode.OK;
    }

    private static int applyDelete(TxnContext ctx, byte @Nullable [] existing, ByteBuf out) {
        if (existing == null) {
            return ResultCode.KEY_NOT_FOUND;
        }
        int rc = checkGeneration(ctx.msg(), existing);
        if (rc != ResultCode.OK) {
            return rc;
        }
        if (TxnContext.keyMismatch(ctx.msg(), existing)) {
            return ResultCode.KEY_MISMATCH;
        }
        removeRecord(ctx, existing);
        MessageWriter.writeHeader(out, 0, ResultCode.OK, 0, 0, ctx.transactionTtl(), 0, 0);
        return ResultCode.OK;
    }

    /**
     * Deletes the live record {@code existing}. A durable delete leaves a tombstone in its place,
     * replicated and migrated like a record, so no older copy can bring it back; any other delete
     * (an expunge) removes it from the index and replicates the removal.
     */
    private static void removeRecord(TxnContext ctx, byte[] existing) {
        Namespace ns = ctx.ns();
        if (ctx.msg().hasInfo2(MsgFlags.INFO2_DURABLE_DELETE)) {
            byte[] tombstone =
                    Record.tombstone(existing, Record.nextGeneration(Record.generation(existing)), ctx.nowMillis());
            ns.install(ctx.partition(), tombstone, ctx.commitWait());
            ReplicaWrites.written(ctx, tombstone);
            return;
        }
        // The storage files' tombstone goes down before the record leaves the index.
        byte[] entry = ctx.partition().get(ctx.digest());
        if (entry != null) {
            ns.persistDelete(entry, ctx.commitWait());
        }
        ns.accountSwap(ctx.partition().remove(ctx.digest()), null);
        ReplicaWrites.deleted(ctx, existing);
    }

    private static int applyWrite(TxnContext ctx, byte @Nullable [] existing, ByteBuf out) {
        AsMessage m = ctx.msg();
        int rc = checkExistence(m, existing);
        if (rc == ResultCode.OK) {
            rc = checkGeneration(m, existing);
        }
        if (rc == ResultCode.OK && existing != null && TxnContext.keyMismatch(m, existing)) {
            rc = ResultCode.KEY_MISMATCH;
        }
        if (rc != ResultCode.OK) {
            return rc;
        }
        boolean replace = m.hasInfo3(MsgFlags.INFO3_CREATE_OR_REPLACE) || m.hasInfo3(MsgFlags.INFO3_REPLACE_ONLY);
        BinList bins = replace || existing == null
                ? new BinList(m.opCount())
                : BinList.decode(existing, Record.binsOffset(existing), Record.binCount(existing));
        int headerStart = out.writerIndex();
        MessageWriter.writeHeader(out, 0, ResultCode.OK, 0, 0, ctx.transactionTtl(), 0, 0);
        OpApplier applier = new OpApplier(m, bins, out);
        rc = applier.applyAll(existing != null);
        if (rc != ResultCode.OK) {
            return rc;
        }
        return commit(ctx, existing, bins, applier, out, headerStart);
    }

    private static int checkExistence(AsMessage m, byte @Nullable [] existing) {
        if (existing != null && m.hasInfo2(MsgFlags.INFO2_CREATE_ONLY)) {
            return ResultCode.KEY_EXISTS;
        }
        if (existing == null && (m.hasInfo3(MsgFlags.INFO3_UPDATE_ONLY) || m.hasInfo3(MsgFlags.INFO3_REPLACE_ONLY))) {
            return ResultCode.KEY_NOT_FOUND;
        }
        return ResultCode.OK;
    }

    private static int commit(
            TxnContext ctx, byte @Nullable [] existing, BinList bins, OpApplier applier, ByteBuf out, int headerStart) {
        Namespace ns = ctx.ns();
        AsMessage m = ctx.msg();
        if (existing == null && !applier.createsRecord()) {
            // Touch, reads or bin deletes on a missing record: nothing to create.
            return ResultCode.KEY_NOT_FOUND;
        }
        if (bins.isEmpty()) {
            // A write that leaves no bins deletes the record.
            if (existing != null) {
                removeRecord(ctx, existing);
            }
            Replies.patchOpCount(out, headerStart, applier.repliedOps());
            return ResultCode.OK;
        }
        long voidTime = TtlPolicy.voidTime(m.recordTtl(), existing, ns.config(), ctx.nowSeconds());
        if (voidTime < 0) {
            return (int) -voidTime;
        }
        // The key stored by the first write stays; a record stored without one takes the request's.
        byte[] keyBuf = m.buffer();
        int keyOff = m.fieldOffset(FieldType.KEY);
        int keyLen = keyOff < 0 ? 0 : m.fieldLength(FieldType.KEY);
        if (existing != null && Record.keyLength(existing) > 0) {
            keyBuf = existing;
            keyOff = Record.keyOffset(existing);
            keyLen = Record.keyLength(existing);
        }
        int binsLength = bins.encodedSize();
        long size = (long) binsLength + keyLen;
        if (size > ns.config().maxRecordSize()) {
            ns.stats().increment(Counter.FAIL_RECORD_TOO_BIG);
            return ResultCode.RECORD_TOO_BIG;
        }
        if (Record.HEADER + size > ns.maxStoredRecordLength()) {
            // Bigger than a write block of the namespace's storage can hold.
            ns.stats().increment(Counter.FAIL_RECORD_TOO_BIG);
            return ResultCode.RECORD_TOO_BIG;
        }
        int setId = existing != null ? Record.setId(existing) : 0;
        if (existing == null) {
            String setName = m.setName();
            if (setName != null) {
                SetInfo set = ns.sets().getOrCreate(setName);
                if (set == null) {
                    return ResultCode.FAIL_FORBIDDEN;
                }
                setId = set.id();
            }
        }
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            noteName(ns, b);
        }
        int generation = Record.nextGeneration(
                existing != null
                        ? Record.generation(existing)
                        : ns.tombstoneGeneration(ctx.partitionId(), ctx.digest(), ctx.nowSeconds()));
        long lut = ctx.nowMillis();
        if (existing != null && ns.inPlaceWritesAllowed() && Record.fitsInPlace(existing, keyLen, binsLength)) {
            // Same size: rewrite the stored array under the seqlock instead of allocating another.
            int binsOff = Record.binsOffset(existing);
            if (bins.canEncodeInPlace(existing, binsOff)) {
                int seq = Record.beginOverwrite(existing, generation, (int) voidTime, lut, bins.size());
                try {
                    bins.encodeInto(existing, binsOff);
                } finally {
                    // Never leave the sequence odd: readers would wait on this record for ever.
                    Record.endOverwrite(existing, seq);
                }
            } else {
                // Some kept bin moves: encode aside first, so no bin is overwritten before it is copied.
                Record.overwrite(existing, generation, (int) voidTime, lut, bins.size(), bins.encode());
            }
            ReplicaWrites.written(ctx, existing);
            out.setInt(headerStart + 6, generation);
            out.setInt(headerStart + 10, (int) voidTime);
            Replies.patchOpCount(out, headerStart, applier.repliedOps());
            return ResultCode.OK;
        }
        byte[] updated =
                Record.allocate(ctx.digest(), generation, (int) voidTime, lut, setId, keyLen, bins.size(), binsLength);
        if (keyLen > 0) {
            System.arraycopy(keyBuf, keyOff, updated, Record.keyOffset(updated), keyLen);
        }
        int end = bins.encodeInto(updated, Record.binsOffset(updated));
        assert end == updated.length : "record encoded to " + end + " of " + updated.length + " bytes";
        ns.install(ctx.partition(), updated, ctx.commitWait());
        ReplicaWrites.written(ctx, updated);
        out.setInt(headerStart + 6, generation);
        out.setInt(headerStart + 10, (int) voidTime);
        Replies.patchOpCount(out, headerStart, applier.repliedOps());
        return ResultCode.OK;
    }

    private static void noteName(Namespace ns, Bin b) {
        ns.bins().note(b.nameBuffer(), b.nameOffset(), b.nameLength());
    }

    private static void count(NamespaceStats stats, boolean delete, boolean batch, int rc) {
        if (delete) {
            if (rc == ResultCode.OK) {
                stats.increment(batch ? Counter.BATCH_SUB_DELETE_SUCCESS : Counter.CLIENT_DELETE_SUCCESS);
            } else if (rc == ResultCode.KEY_NOT_FOUND) {
                stats.increment(batch ? Counter.BATCH_SUB_DELETE_NOT_FOUND : Counter.CLIENT_DELETE_NOT_FOUND);
            } else {
                stats.increment(batch ? Counter.BATCH_SUB_DELETE_ERROR : Counter.CLIENT_DELETE_ERROR);
            }
            return;
        }
        if (rc == ResultCode.OK) {
            stats.increment(batch ? Counter.BATCH_SUB_WRITE_SUCCESS : Counter.CLIENT_WRITE_SUCCESS);
        } else {
            stats.increment(batch ? Counter.BATCH_SUB_WRITE_ERROR : Counter.CLIENT_WRITE_ERROR);
            if (rc == ResultCode.GENERATION_ERROR) {
                stats.increment(Counter.FAIL_GENERATION);
            }
        }
    }
}
