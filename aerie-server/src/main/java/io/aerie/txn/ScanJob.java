package io.aerie.txn;

import io.aerie.namespace.Counter;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.SetInfo;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.FieldType;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.ProtoHeader;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Digest;
import io.aerie.storage.Partition;
import io.aerie.storage.Record;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A partition scan (or a query without a filter): walks the requested partitions in digest order,
 * resuming strictly after a digest where the client asks, and streams matching records. It reads
 * immutable records without locks, so writes go on while it runs.
 */
public final class ScanJob implements Runnable {
    /** Rows are flushed to the connection in frames of about this size. */
    static final int FRAME_BYTES = 64 * 1024;

    private final Namespace ns;
    private final AsMessage m;
    private final ScanSink sink;
    private final byte[] nsName;
    private final ScanPlan plan;
    private long returned;
    private long startNanos;

    private final IntPredicate served;

    private ScanJob(Namespace ns, AsMessage m, ScanSink sink, ScanPlan plan, IntPredicate served) {
        this.ns = ns;
        this.served = served;
        this.m = m;
        this.sink = sink;
        this.nsName = ns.name().getBytes(StandardCharsets.UTF_8);
        this.plan = plan;
    }

    /**
     * Prepares a scan, or answers at once (error or empty result) and returns null when there is
     * nothing to stream.
     */
    public static @Nullable ScanJob prepare(@Nullable Namespace ns, AsMessage m, ScanSink sink) {
        return prepare(ns, m, sink, pid -> true);
    }

    /**
     * As {@link #prepare(Namespace, AsMessage, ScanSink)}, scanning only partitions {@code served}
     * accepts; the others are reported unavailable, so the client asks their master.
     */
    public static @Nullable ScanJob prepare(@Nullable Namespace ns, AsMessage m, ScanSink sink, IntPredicate served) {
        int rc = ResultCode.OK;
        ScanPlan plan = null;
        if (ns == null) {
            rc = ResultCode.INVALID_NAMESPACE;
        } else if (m.hasField(FieldType.INDEX_RANGE)
                || m.hasField(FieldType.UDF_OP)
                || m.hasField(FieldType.FILTER_EXP)
                || m.hasInfo2(MsgFlags.INFO2_WRITE)) {
            // Secondary-index queries, aggregations, filters and background jobs come in later issues.
            rc = ResultCode.UNSUPPORTED_FEATURE;
        } else {
            try {
                plan = ScanPlan.of(m);
            } catch (IllegalArgumentException e) {
                rc = ResultCode.PARAMETER_ERROR;
            }
        }
        if (rc != ResultCode.OK || plan == null || ns == null) {
            ByteBuf out = sink.alloc().buffer(64);
            int start = MessageWriter.beginFrame(out);
            MessageWriter.writeHeader(out, MsgFlags.INFO3_LAST, rc, 0, 0, 0, 0, 0);
            MessageWriter.endFrame(out, start, ProtoHeader.TYPE_MSG);
            sink.send(out);
            return null;
        }
        return new ScanJob(ns, m, sink, plan, served);
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        SetInfo set = null;
        String setName = m.setName();
        boolean setMissing = false;
        if (setName != null) {
            set = ns.sets().get(setName);
            setMissing = set == null;
        }
        ByteBuf out = sink.alloc().buffer(FRAME_BYTES + 1024);
        int frame = MessageWriter.beginFrame(out);
        boolean open = true;
        if (!setMissing) {
            int now = ns.nowSeconds();
            outer:
            for (ScanPlan.Part part : plan.parts()) {
                if (!served.test(part.partitionId())) {
                    // Not served here (ownership moved): the client retries the partition on its master.
                    MessageWriter.writeHeader(
                            out,
                            MsgFlags.INFO3_PARTITION_DONE,
                            ResultCode.PARTITION_UNAVAILABLE,
                            part.partitionId(),
                            0,
                            0,
                            0,
                            0);
                    continue;
                }
                Partition p = ns.partition(part.partitionId());
                List<byte[]> records = p.recordsAfter(part.after());
                for (byte[] r : records) {
                    if (!writeIfWanted(out, r, set, now)) {
                        continue;
                    }
                    returned++;
                    if (out.writerIndex() - frame > FRAME_BYTES) {
                        MessageWriter.endFrame(out, frame, ProtoHeader.TYPE_MSG);
                        open = sink.send(out);
                        if (!open) {
                            break outer;
                        }
                        out = sink.alloc().buffer(FRAME_BYTES + 1024);
                        frame = MessageWriter.beginFrame(out);
                    }
                    if (plan.maxRecords() > 0 && returned >= plan.maxRecords()) {
                        break outer;
                    }
                    throttle();
                }
            }
        }
        if (!open) {
            ns.stats().increment(Counter.PI_QUERY_LONG_BASIC_ABORT);
            return;
        }
        MessageWriter.writeHeader(out, MsgFlags.INFO3_LAST, ResultCode.OK, 0, 0, 0, 0, 0);
        MessageWriter.endFrame(out, frame, ProtoHeader.TYPE_MSG);
        sink.send(out);
        ns.stats().increment(Counter.PI_QUERY_LONG_BASIC_COMPLETE);
    }

    /**
     * Writes the row for {@code r} if it is live and in the scanned set; returns whether it did.
     * Reads the record without a lock, and again when an in-place write overlapped.
     */
    private boolean writeIfWanted(ByteBuf out, byte[] entry, @Nullable SetInfo set, int now) {
        int start = out.writerIndex();
        byte[] r = entry;
        if (Record.isStub(entry)) {
            if (!ns.isLive(entry, now) || (set != null && Record.setId(entry) != set.id())) {
                return false;
            }
            Digest d = Record.digest(entry);
            byte[] read = ns.resolve(d.partitionId(), d, entry);
            if (read == null) {
                return false;
            }
            r = read;
        }
        while (true) {
            int seq = Record.readBegin(r);
            if (seq < 0) {
                Thread.onSpinWait();
                continue;
            }
            boolean wanted = ns.isLive(r, now) && (set == null || Record.setId(r) == set.id());
            IndexOutOfBoundsException torn = null;
            try {
                if (wanted) {
                    writeRow(out, r);
                }
            } catch (IndexOutOfBoundsException e) {
                torn = e;
            }
            if (!ReadTxn.overlapped(r, seq, out, start, torn)) {
                return wanted;
            }
        }
    }

    private void writeRow(ByteBuf out, byte[] r) {
        SetInfo set = ns.sets().get(Record.setId(r));
        int keyLen = Record.keyLength(r);
        int nFields = 2 + (set != null ? 1 : 0) + (keyLen > 0 ? 1 : 0);
        boolean noBins = m.hasInfo1(MsgFlags.INFO1_NOBINDATA);
        int headerStart = out.writerIndex();
        MessageWriter.writeHeader(out, 0, ResultCode.OK, Record.generation(r), Record.voidTime(r), 0, nFields, 0);
        MessageWriter.writeField(out, FieldType.NAMESPACE, nsName, 0, nsName.length);
        out.writeInt(Digest.SIZE + 1);
        out.writeByte(FieldType.DIGEST);
        out.writeBytes(r, 0, Digest.SIZE);
        if (set != null) {
            byte[] setBytes = set.name().getBytes(StandardCharsets.UTF_8);
            MessageWriter.writeField(out, FieldType.SET, setBytes, 0, setBytes.length);
        }
        if (keyLen > 0) {
            MessageWriter.writeField(out, FieldType.KEY, r, Record.keyOffset(r), keyLen);
        }
        if (noBins) {
            return;
        }
        if (ReadTxn.readsAllBins(m)) {
            int binsOff = Record.binsOffset(r);
            out.writeBytes(r, binsOff, r.length - binsOff);
            Replies.patchOpCount(out, headerStart, Record.binCount(r));
            return;
        }
        int written = 0;
        for (int i = 0; i < m.opCount(); i++) {
            if (ReadTxn.writeStoredBin(r, m.buffer(), m.opNameOffset(i), m.opNameLength(i), out)) {
                written++;
            }
        }
        Replies.patchOpCount(out, headerStart, written);
    }

    /** Keeps to records-per-second by pacing each record to its slot. */
    private void throttle() {
        long rps = plan.recordsPerSecond();
        if (rps <= 0) {
            return;
        }
        long due = startNanos + returned * TimeUnit.SECONDS.toNanos(1) / rps;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Records sent so far. */
    public long returned() {
        return returned;
    }
}
