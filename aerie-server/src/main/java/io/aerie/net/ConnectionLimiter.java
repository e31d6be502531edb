package io.aerie.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Enforces proto-fd-max: connections over the limit are closed as soon as they open. */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimiter.class);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    ConnectionLimiter(int max) {
        this.max = max;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            long n = refused.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                // Powers of two only: a connection storm must not become a log storm.
                LOG.warn(
                        "refusing connection from {}: proto-fd-max {} reached ({} refused so far)",
                        ctx.channel().remoteAddress(),
                        max,
                        n);
            }
            ctx.close();
            return;
        }
        opened.incrementAndGet();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        super.channelInactive(ctx);
    }

    /** Client connections open now. */
    int openConnections() {
        return Math.max(0, Math.min(open.get(), max));
    }

    /** Connections accepted since start. */
    long openedConnections() {
        return opened.get();
    }

    /** Connections refused for proto-fd-max. */
    long refusedConnections() {
        return refused.get();
    }
}
