package io.aerie.txn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Where a scan streams its reply frames: the client connection, with backpressure. */
public interface ScanSink {
    /** Allocator for frame buffers. */
    ByteBufAllocator alloc();

    /**
     * Sends one complete frame, taking ownership of it; waits while the connection cannot take more.
     * Returns false once the connection is gone, and the scan then stops.
     */
    boolean send(ByteBuf frame);
}
