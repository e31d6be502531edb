package io.aerie.net;

import io.aerie.storage.device.CommitWait;
import io.aerie.txn.ScanSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jspecify.annotations.Nullable;

/**
 * What the network layer hands frames to. An implementation answers a frame by writing reply
 * frames into {@code out}, or, for long work such as a scan, returns a task that streams its
 * replies to the sink and that the connection runs off the event loop, holding later requests back
 * until it ends.
 */
public interface RequestProcessor {
    /**
     * Processes one frame body of the given type. Returns null when the reply is complete in
     * {@code out}; otherwise a task to run on the scan executor (which sends through the sink).
     * When {@code commitWait} is pending afterwards, the reply in {@code out} may only be sent once
     * it reports the request's writes durable (commit-to-device).
     */
    @Nullable
    Runnable process(int type, byte[] body, ByteBuf out, ScanSink sink, CommitWait commitWait);

    /**
     * Told of the AS_MSG bodies (type 3) of {@code count} frames that are about to be processed one
     * after another, so that it can start their memory loads side by side; changes nothing. Returns
     * a value of no meaning, which the caller keeps so the loads are not optimised away.
     */
    default long prefetch(byte[][] messages, int count) {
        return 0;
    }

    /** The allocator default, for implementations that need one outside a connection. */
    default ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }
}
