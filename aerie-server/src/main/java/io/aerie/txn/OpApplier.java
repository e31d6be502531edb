package io.aerie.txn;

import io.aerie.ops.Bin;
import io.aerie.ops.BinList;
import io.aerie.ops.ScalarOps;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.OpType;
import io.aerie.protocol.ParticleType;
import io.aerie.protocol.ResultCode;
import io.netty.buffer.ByteBuf;

/**
 * Applies a write's ops to a record's bins in request order, writing the results of read ops (and,
 * with respond-all-ops, a slot for every op) as it goes, so a read sees the ops before it.
 */
final class OpApplier {
    private final AsMessage m;
    private final BinList bins;
    private final ByteBuf out;
    private final boolean respondAll;
    private int replied;
    private boolean creates;

    OpApplier(AsMessage m, BinList bins, ByteBuf out) {
        this.m = m;
        this.bins = bins;
        this.out = out;
        this.respondAll = m.hasInfo2(MsgFlags.INFO2_RESPOND_ALL_OPS);
    }

    /** Number of ops written into the reply. */
    int repliedOps() {
        return replied;
    }

    /** Whether some op gave the record a bin (so a missing record gets created). */
    boolean createsRecord() {
        return creates;
    }

    int applyAll(boolean exists) {
        byte[] buf = m.buffer();
        boolean touched = false;
        for (int i = 0; i < m.opCount(); i++) {
            int op = m.opType(i);
            int type = m.opParticleType(i);
            int noff = m.opNameOffset(i);
            int nlen = m.opNameLength(i);
            int voff = m.opValueOffset(i);
            int vlen = m.opValueLength(i);
            int rc = ResultCode.OK;
            switch (op) {
                case OpType.READ -> {
                    read(buf, noff, nlen);
                    continue;
                }
                case OpType.WRITE -> {
                    if (type == ParticleType.NULL) {
                        bins.remove(buf, noff, nlen);
                    } else {
                        bins.put(buf, noff, nlen, type, buf, voff, vlen);
                        creates = true;
                    }
                }
                case OpType.INCR -> {
                    rc = ScalarOps.add(bins, buf, noff, nlen, type, buf, voff, vlen);
                    creates = true;
                }
                case OpType.APPEND, OpType.PREPEND -> {
                    rc = ScalarOps.concat(bins, buf, noff, nlen, type, buf, voff, vlen, op == OpType.PREPEND);
                    creates = true;
                }
                case OpType.TOUCH -> touched = true;
                case OpType.DELETE -> {
                    bins.clear();
                    creates = false;
                }
                default -> rc = ResultCode.PARAMETER_ERROR;
            }
            if (rc != ResultCode.OK) {
                return rc;
            }
            if (respondAll) {
                MessageWriter.writeNullOp(out, buf, noff, nlen);
                replied++;
            }
        }
        if (touched && exists) {
            creates = true;
        }
        return ResultCode.OK;
    }

    private void read(byte[] buf, int noff, int nlen) {
        if (nlen == 0) {
            // A nameless READ is "all bins" under GET_ALL and "header only" (getHeader) otherwise.
            if (!m.hasInfo1(MsgFlags.INFO1_GET_ALL)) {
                return;
            }
            for (int b = 0; b < bins.size(); b++) {
                writeBin(bins.get(b));
            }
            return;
        }
        Bin b = bins.find(buf, noff, nlen);
        if (b != null) {
            writeBin(b);
        } else if (respondAll) {
            MessageWriter.writeNullOp(out, buf, noff, nlen);
            replied++;
        }
    }

    private void writeBin(Bin b) {
        MessageWriter.writeOp(
                out,
                OpType.READ,
                b.type(),
                b.nameBuffer(),
                b.nameOffset(),
                b.nameLength(),
                b.valueBuffer(),
                b.valueOffset(),
                b.valueLength());
        replied++;
    }
}
