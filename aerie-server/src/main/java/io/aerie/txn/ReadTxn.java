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
import org.jspecify.annotations.Nullable;

/**
 * Reads: all bins, chosen bins, or the header only. Lock-free: the index hands out immutable
 * records, and a read encodes straight from the record's stored bins.
 */
final class ReadTxn {
    /** Not a result code: the read falls in the read-touch window and must touch first. */
    private static final int TOUCH_DUE = -1;

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
        int start = out.writerIndex();
        boolean touched = false;
        while (true) {
            byte[] r = ctx.ns().lookup(ctx.partitionId(), ctx.digest());
            if (r == null) {
                count(stats, batch, ResultCode.KEY_NOT_FOUND);
                return Replies.error(out, ResultCode.KEY_NOT_FOUND, ctx.transactionTtl());
            }
            int seq = Record.readBegin(r);
            if (seq < 0) {
                Thread.onSpinWait();
                continue;
            }
            int rc = ResultCode.OK;
            IndexOutOfBoundsException torn = null;
            try {
                rc = reply(ctx, r, out, touched);
            } catch (IndexOutOfBoundsException e) {
                torn = e;
            }
            if (overlapped(r, seq, out, start, torn)) {
                continue;
            }
            if (rc == TOUCH_DUE) {
                out.writerIndex(start);
                touched = true;
                ReadTouch.touch(ctx, r, ReadTouch.effectivePercent(m.recordTtl(), ctx.ns()));
                continue;
            }
            count(stats, batch, rc);
            return rc;
        }
    }

    /**
     * Ends a lock-free read of {@code r} begun at {@code seq} that wrote into {@code out} from
     * {@code start}: true when an in-place write overlapped it, in which case what it wrote is
     * dropped and the caller reads again. A bounds failure ({@code torn}) in a read that no write
     * overlapped is a real fault and is rethrown.
     */
    static boolean overlapped(byte[] r, int seq, ByteBuf out, int start, @Nullable IndexOutOfBoundsException torn) {
        if (Record.readValid(r, seq)) {
            if (torn != null) {
                throw torn;
            }
            return false;
        }
        out.writerIndex(start);
        return true;
    }

    private static void count(NamespaceStats stats, boolean batch, int rc) {
        switch (rc) {
            case ResultCode.OK -> stats.increment(batch ? Counter.BATCH_SUB_READ_SUCCESS : Counter.CLIENT_READ_SUCCESS);
            case ResultCode.KEY_NOT_FOUND ->
                stats.increment(batch ? Counter.BATCH_SUB_READ_NOT_FOUND : Counter.CLIENT_READ_NOT_FOUND);
            default -> countError(stats, batch);
        }
    }

    /**
     * Writes the reply for record {@code r} (an error reply when it is not live or its key differs)
     * and returns its result code, or {@link #TOUCH_DUE} having written nothing. Reads the record
     * without a lock: the caller validates the read afterwards.
     */
    private static int reply(TxnContext ctx, byte[] r, ByteBuf out, boolean touched) {
        AsMessage m = ctx.msg();
        if (!ctx.ns().isLive(r, ctx.expiryTime(r))) {
            return Replies.error(out, ResultCode.KEY_NOT_FOUND, ctx.transactionTtl());
        }
        if (TxnContext.keyMismatch(m, r)) {
            return Replies.error(out, ResultCode.KEY_MISMATCH, ctx.transactionTtl());
        }
        int touchPct = ReadTouch.effectivePercent(m.recordTtl(), ctx.ns());
        if (!touched && touchPct > 0 && ReadTouch.due(r, touchPct, ctx.expiryTime(r))) {
            return TOUCH_DUE;
        }
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
            if (size < 4 || size > stored.length - pos - 4) {
                // Only a read torn by an in-place write sees this; the caller reads again.
                return false;
            }
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
