package io.aerie.txn;

import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Record;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;

/** Small reply shapes shared by the transactions. */
final class Replies {
    private Replies() {}

    /** An AS_MSG carrying only a result code (no record metadata). */
    static int error(ByteBuf out, int resultCode, int transactionTtl) {
        MessageWriter.writeHeader(out, 0, resultCode, 0, 0, transactionTtl, 0, 0);
        return resultCode;
    }

    /** A whole reply frame saying the partition cannot be served now (strong consistency). */
    static byte[] unavailableFrame() {
        return resultFrame(ResultCode.PARTITION_UNAVAILABLE);
    }

    /** A whole reply frame carrying only {@code resultCode}. */
    static byte[] resultFrame(int resultCode) {
        return bytes(32, out -> MessageWriter.writeResultFrame(out, resultCode, 0, 0));
    }

    /** An AS_MSG carrying a result code and a record's generation and void-time, no bins. */
    static int header(ByteBuf out, int resultCode, byte[] r, int transactionTtl) {
        MessageWriter.writeHeader(out, 0, resultCode, Record.generation(r), Record.voidTime(r), transactionTtl, 0, 0);
        return resultCode;
    }

    /** What {@code writer} writes into a fresh buffer, as an array (a reply to carry elsewhere or hold). */
    static byte[] bytes(int capacity, Consumer<ByteBuf> writer) {
        ByteBuf buf = Unpooled.buffer(capacity);
        try {
            writer.accept(buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** Patches the op count of a message whose header starts at {@code headerStart}. */
    static void patchOpCount(ByteBuf out, int headerStart, int nOps) {
        out.setShort(headerStart + 20, nOps);
    }
}
