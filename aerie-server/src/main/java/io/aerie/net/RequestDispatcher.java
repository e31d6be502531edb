package io.aerie.net;

import io.aerie.info.InfoRegistry;
import io.aerie.namespace.Namespace;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.AsMessageDecoder;
import io.aerie.protocol.Compression;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.ProtoHeader;
import io.aerie.protocol.ProtocolException;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.device.CommitWait;
import io.aerie.txn.ScanJob;
import io.aerie.txn.ScanSink;
import io.aerie.txn.TransactionService;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes frames by proto type: info text to the info registry, AS_MSG (plain or compressed) to the
 * transaction service, admin to the no-security answer.
 */
public final class RequestDispatcher implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    /** Admin reply: result code SECURITY_NOT_ENABLED, which the client takes as "no security". */
    private static final int ADMIN_HEADER_SIZE = 16;
    /** Replies this small go out plain even when the client accepts compression, as the client's own rule. */
    private static final int COMPRESS_THRESHOLD = 128;

    private final InfoRegistry info;
    private final TransactionService txn;

    public RequestDispatcher(InfoRegistry info, TransactionService txn) {
        this.info = info;
        this.txn = txn;
    }

    @Override
    public @Nullable Runnable process(int type, byte[] body, ByteBuf out, ScanSink sink, CommitWait commitWait) {
        switch (type) {
            case ProtoHeader.TYPE_INFO -> {
                byte[] reply = info.execute(body);
                out.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_INFO, reply.length));
                out.writeBytes(reply);
                return null;
            }
            case ProtoHeader.TYPE_ADMIN -> {
                out.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_ADMIN, ADMIN_HEADER_SIZE));
                out.writeByte(0);
                out.writeByte(ResultCode.SECURITY_NOT_ENABLED);
                out.writeZero(ADMIN_HEADER_SIZE - 2);
                return null;
            }
            case ProtoHeader.TYPE_MSG -> {
                return processMessage(body, 0, body.length, out, sink, commitWait);
            }
            case ProtoHeader.TYPE_MSG_COMPRESSED -> {
                return processCompressed(body, out, sink, commitWait);
            }
            default -> throw new IllegalStateException("frame type " + type + " passed the decoder");
        }
    }

    @Override
    public long prefetch(byte[][] messages, int count) {
        return txn.prefetch(messages, count);
    }

    private @Nullable Runnable processCompressed(byte[] body, ByteBuf out, ScanSink sink, CommitWait commitWait) {
        byte[] inner;
        try {
            inner = Compression.inflate(body, ProtoHeader.MAX_BODY_SIZE + ProtoHeader.SIZE);
        } catch (ProtocolException e) {
            LOG.debug("bad compressed message: {}", e.getMessage());
            MessageWriter.writeResultFrame(out, e.resultCode(), 0, 0);
            return null;
        }
        int innerType = inner[1] & 0xFF;
        long innerSize = ProtoHeader.bodySize(inner, 0);
        if ((inner[0] & 0xFF) != ProtoHeader.VERSION
                || innerType != ProtoHeader.TYPE_MSG
                || innerSize != inner.length - ProtoHeader.SIZE) {
            MessageWriter.writeResultFrame(out, ResultCode.PARAMETER_ERROR, 0, 0);
            return null;
        }
        return processMessage(inner, ProtoHeader.SIZE, inner.length - ProtoHeader.SIZE, out, sink, commitWait);
    }

    private @Nullable Runnable processMessage(
            byte[] buf, int off, int len, ByteBuf out, ScanSink sink, CommitWait commitWait) {
        AsMessage m;
        try {
            m = AsMessageDecoder.decode(buf, off, len);
        } catch (ProtocolException e) {
            LOG.debug("bad message: {}", e.getMessage());
            MessageWriter.writeResultFrame(out, e.resultCode(), 0, 0);
            return null;
        }
        switch (TransactionService.kindOf(m)) {
            case SINGLE -> {
                if (m.hasInfo1(MsgFlags.INFO1_COMPRESS_RESPONSE)) {
                    ByteBuf plain = out.alloc().heapBuffer(256);
                    try {
                        txn.executeSingle(m, plain, commitWait);
                        if (plain.readableBytes() > COMPRESS_THRESHOLD) {
                            writeCompressed(plain, out);
                        } else {
                            out.writeBytes(plain);
                        }
                    } finally {
                        plain.release();
                    }
                } else {
                    txn.executeSingle(m, out, commitWait);
                }
                return null;
            }
            case BATCH -> {
                txn.executeBatch(m, out, commitWait);
                return null;
            }
            case SCAN -> {
                Namespace ns = txn.scanNamespace(m);
                return ScanJob.prepare(ns, m, sink, txn.scanServes(ns));
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void writeCompressed(ByteBuf plain, ByteBuf out) {
        byte[] bytes = new byte[plain.readableBytes()];
        plain.getBytes(plain.readerIndex(), bytes);
        byte[] body = Compression.deflate(bytes, 0, bytes.length);
        out.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_MSG_COMPRESSED, body.length));
        out.writeBytes(body);
    }
}
