package io.aerie.txn;

import io.aerie.namespace.Counter;
import io.aerie.namespace.NamespaceStats;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.Bytes;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.OpType;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Record;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Reads: all bins, chosen bins, or the header only. Lock-free: the index hands out immutable
 * records, and a read encodes straight from the record's stored bins.
 */
final class ReadTxn {
    private ReadTxn() {}

    /** Writes one reply AS_MSG into {@code out}; returns its result code. */
    static int execute(TxnContext ctx, ByteBuf out, boolean batch) {
        AsMessage m = ctx.msg();
        NamespaceStats stats = ctx.ns().stats();
        for (int i = 0; i < m.opCount(); i++) {
            if (m.opType(i) != OpType.READ) {
                countError(stats, batch);
                return Replies.error(out, ResultCode.UNSUPPORTED_FEATURE, ctx.transactionTtl());
            }
            if (m.opNameLength(i) > io.aerie.ops.Bin.MAX_NAME_LENGTH) {
                countError(stats, batch);
                return Replies.error(out, ResultCode.BIN_NAME_TOO_LONG, ctx.transactionTtl());
            }
        }
        byte[] r = ctx.ns().getLive(ctx.partitionId(), ctx.digest(), ctx.nowSeconds());
        if (r == null) {
            stats.increment(batch ? Counter.BATCH_SUB_READ_NOT_FOUND : Counter.CLIENT_READ_NOT_FOUND);
            return Replies.error(out, ResultCode.KEY_NOT_FOUND, ctx.transactionTtl());
        }
        if (TxnContext.keyMismatch(m, r)) {
            countError(stats, batch);
            return Replies.error(out, ResultCode.KEY_MISMATCH, ctx.transactionTtl());
        }
        int touchPct = ReadTouch.effectivePercent(m.recordTtl(), ctx.ns());
        if (touchPct > 0 && ReadTouch.due(r, touchPct, ctx.nowSeconds())) {
            r = ReadTouch.touch(ctx, r, touchPct);
            if (r == null) {
                stats.increment(batch ? Counter.BATCH_SUB_READ_NOT_FOUND : Counter.CLIENT_READ_NOT_FOUND);
                return Replies.error(out, ResultCode.KEY_NOT_FOUND, ctx.transactionTtl());
            }
        }
        stats.increment(batch ? Counter.BATCH_SUB_READ_SUCCESS : Counter.CLIENT_READ_SUCCESS);
        if (m.hasInfo1(MsgFlags.INFO1_NOBINDATA)) {
            return Replies.header(out, ResultCode.OK, r, ctx.transactionTtl());
        }
        if (readsAllBins(m)) {
            MessageWriter.writeHeader(
                    out,
                    0,
                    ResultCode.OK,
                    Record.generation(r),
                    Record.voidTime(r),
                    ctx.transactionTtl(),
                    0,
                    Record.binCount(r));
            int binsOff = Record.binsOffset(r);
            out.writeBytes(r, binsOff, r.length - binsOff);
            return ResultCode.OK;
        }
        int headerStart = out.writerIndex();
        MessageWriter.writeHeader(
                out, 0, ResultCode.OK, Record.generation(r), Record.voidTime(r), ctx.transactionTtl(), 0, 0);
        int written = 0;
        for (int i = 0; i < m.opCount(); i++) {
            if (writeStoredBin(r, m.buffer(), m.opNameOffset(i), m.opNameLength(i), out)) {
                written++;
            }
        }
        Replies.patchOpCount(out, headerStart, written);
        return ResultCode.OK;
    }

    /** GET_ALL, no ops at all, or a READ op without a bin name. */
    static boolean readsAllBins(AsMessage m) {
        if (m.hasInfo1(MsgFlags.INFO1_GET_ALL) || m.opCount() == 0) {
            return true;
        }
        for (int i = 0; i < m.opCount(); i++) {
            if (m.opType(i) == OpType.READ && m.opNameLength(i) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Copies the stored bin with that name into {@code out} as a reply op; false if missing. */
    static boolean writeStoredBin(byte[] r, byte[] nameBuf, int nameOff, int nameLen, ByteBuf out) {
        byte[] stored = r;
        int pos = Record.binsOffset(r);
        int count = Record.binCount(r);
        for (int b = 0; b < count; b++) {
            int size = Bytes.getInt(stored, pos);
            int len = stored[pos + 7] & 0xFF;
            if (len == nameLen && Arrays.equals(stored, pos + 8, pos + 8 + len, nameBuf, nameOff, nameOff + nameLen)) {
                out.writeBytes(stored, pos, 4 + size);
                return true;
            }
            pos += 4 + size;
        }
        return false;
    }

    private static void countError(NamespaceStats stats, boolean batch) {
        stats.increment(batch ? Counter.BATCH_SUB_READ_ERROR : Counter.CLIENT_READ_ERROR);
    }
}
