package io.aerie.net;

import io.aerie.storage.device.CommitWait;
import io.aerie.txn.ScanSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: answers frames strictly in the order they arrived. Short requests run on
 * the event loop; a long one (a scan) runs on the scan executor while later frames wait in a
 * queue, so pipelined requests still get their replies in order.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);
    /** Queued frames beyond this stop reading from the socket until the queue drains. */
    private static final int MAX_PENDING = 64;

    private final RequestProcessor processor;
    private final Executor scanExecutor;
    /** The event loop's batch of the frames read in its current pass. */
    private final FastThreadLocal<FrameBatch> batches;

    private final ArrayDeque<Frame> pending = new ArrayDeque<>();
    private final CommitWait commitWait = new CommitWait();
    private boolean busy;
    /** Set once an error closes the connection, so one bad stream logs one line. */
    private boolean closing;

    private @Nullable ChannelSink sink;

    ClientHandler(RequestProcessor processor, Executor scanExecutor, FastThreadLocal<FrameBatch> batches) {
        this.processor = processor;
        this.scanExecutor = scanExecutor;
        this.batches = batches;
    }

    private ChannelSink sink(ChannelHandlerContext ctx) {
        ChannelSink s = sink;
        if (s == null) {
            s = new ChannelSink(ctx.channel());
            sink = s;
        }
        return s;
    }

    /** Queues the frame in the event loop's batch, which answers it when the loop's pass is over. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        batches.get().add(ctx, (Frame) msg);
    }

    /**
     * Answers a frame now, or queues it behind a request still running (a scan, or a reply waiting
     * on storage or on another node). The caller flushes.
     */
    void answer(ChannelHandlerContext ctx, Frame frame) {
        if (busy) {
            pending.add(frame);
            if (pending.size() >= MAX_PENDING) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        handle(ctx, frame);
    }

    private void handle(ChannelHandlerContext ctx, Frame frame) {
        // Sized for a typical record reply, so reads of KiB records do not grow the buffer.
        ByteBuf out = ctx.alloc().ioBuffer(2048);
        Runnable task;
        try {
            task = processor.process(frame.type(), frame.body(), out, sink(ctx), commitWait);
        } catch (RuntimeException | Error e) {
            // An Error too (a broken invariant): the reply buffer goes back to the pool either way.
            out.release();
            commitWait.clear();
            LOG.warn(
                    "closing connection {}: request of type {} failed",
                    ctx.channel().remoteAddress(),
                    frame.type(),
                    e);
            ctx.close();
            return;
        }
        var replacement = commitWait.takeReplacement();
        if (replacement != null) {
            out.release();
            commitWait.clear();
            deferToReply(ctx, replacement);
            return;
        }
        if (commitWait.pending()) {
            deferUntilDurable(ctx, out);
            return;
        }
        if (out.isReadable()) {
            ctx.write(out);
        } else {
            out.release();
        }
        if (task != null) {
            busy = true;
            ctx.flush();
            try {
                scanExecutor.execute(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.error(
                                "scan on {} failed; closing the connection",
                                ctx.channel().remoteAddress(),
                                e);
                        ctx.channel().close();
                    } finally {
                        ctx.executor().execute(() -> taskDone(ctx));
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warn("scan refused, node is shutting down");
                ctx.close();
            }
        }
    }

    /**
     * Holds a reply until storage reports the request's writes durable (commit-to-device); later
     * frames queue behind it as behind a scan, so replies stay in order, while the event loop goes
     * on serving other connections, whose writes then share the next device sync.
     */
    private void deferUntilDurable(ChannelHandlerContext ctx, ByteBuf reply) {
        busy = true;
        commitWait.whenDurable(durable -> ctx.executor().execute(() -> {
            if (durable && ctx.channel().isActive()) {
                ctx.write(reply);
            } else {
                // Storage failed before the write was durable: no reply, so the client treats it as in doubt.
                reply.release();
                if (!durable) {
                    LOG.warn(
                            "closing connection {}: its write did not reach storage",
                            ctx.channel().remoteAddress());
                    ctx.close();
                }
            }
            taskDone(ctx);
        }));
    }

    /**
     * Holds the connection's replies until a reply produced elsewhere (by the node a request was
     * proxied to) arrives; null bytes close the connection, as the client then treats the request
     * as in doubt.
     */
    private void deferToReply(
            ChannelHandlerContext ctx, java.util.concurrent.CompletableFuture<byte @Nullable []> reply) {
        busy = true;
        reply.whenComplete((bytes, error) -> ctx.executor().execute(() -> {
            if (error == null && bytes != null && ctx.channel().isActive()) {
                ctx.write(Unpooled.wrappedBuffer(bytes));
            } else {
                LOG.debug(
                        "closing connection {}: a proxied request got no reply",
                        ctx.channel().remoteAddress());
                ctx.close();
            }
            taskDone(ctx);
        }));
    }

    private void taskDone(ChannelHandlerContext ctx) {
        busy = false;
        while (!busy && !pending.isEmpty()) {
            handle(ctx, pending.poll());
        }
        ctx.flush();
        if (!busy && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && !busy) {
            LOG.debug("closing idle connection {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!closing) {
            closing = true;
            LOG.warn("closing connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    /** Streams scan frames to the channel, waiting while its outbound buffer is over the high mark. */
    private static final class ChannelSink implements ScanSink {
        private final Channel channel;

        ChannelSink(Channel channel) {
            this.channel = channel;
        }

        @Override
        public ByteBufAllocator alloc() {
            return channel.alloc();
        }

        @Override
        public boolean send(ByteBuf frame) {
            if (!channel.isActive()) {
                frame.release();
                return false;
            }
            channel.writeAndFlush(frame, channel.voidPromise());
            while (channel.isActive() && !channel.isWritable()) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
            return channel.isActive();
        }
    }
}
