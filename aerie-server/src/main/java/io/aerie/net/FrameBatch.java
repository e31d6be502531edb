package io.aerie.net;

import io.aerie.protocol.ProtoHeader;
import io.netty.channel.ChannelHandlerContext;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames an event loop reads in one pass over its ready connections, answered together once
 * the pass is over (a task the loop runs after its I/O), each connection's in the order they
 * arrived. Before answering, the processor sees all their requests at once ({@link
 * RequestProcessor#prefetch}), so the records of requests from different connections are fetched
 * from memory side by side rather than one after another: under a load whose records do not fit
 * in the cache, those fetches are most of a request's time on the server. One per event loop, used
 * only on its thread.
 */
final class FrameBatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameBatch.class);
    private static final int INITIAL_CAPACITY = 16;

    private final RequestProcessor processor;
    private @Nullable ChannelHandlerContext[] contexts = new ChannelHandlerContext[INITIAL_CAPACITY];
    private @Nullable Frame[] frames = new Frame[INITIAL_CAPACITY];
    private byte[][] messages = new byte[INITIAL_CAPACITY][];
    private int size;
    /** Keeps what {@link RequestProcessor#prefetch} returns, so its loads are not optimised away. */
    private long prefetched;
    /** Set once a look ahead has failed, so the failure is logged once, not on every pass. */
    private boolean lookAheadFailed;

    FrameBatch(RequestProcessor processor) {
        this.processor = processor;
    }

    /**
     * Queues a frame for the end of the pass; the first of a pass schedules the answering. {@code
     * ctx} is the context of the connection's {@link ClientHandler}, which answers it.
     */
    void add(ChannelHandlerContext ctx, Frame frame) {
        if (size == contexts.length) {
            int capacity = 2 * size;
            contexts = Arrays.copyOf(contexts, capacity);
            frames = Arrays.copyOf(frames, capacity);
            messages = Arrays.copyOf(messages, capacity);
        }
        contexts[size] = ctx;
        frames[size] = frame;
        if (size++ == 0) {
            try {
                ctx.executor().execute(this);
            } catch (RejectedExecutionException e) {
                // The loop is shutting down and runs no more tasks: answer now rather than strand the frame.
                run();
            }
        }
    }

    /** Answers the pass's frames, then flushes their connections. */
    @Override
    public void run() {
        int answered = 0;
        try {
            if (size > 1) {
                // With one frame there is nothing to overlap.
                lookAhead();
            }
            // Answering cannot add frames (only reads do), but a frame added anyway is still answered.
            for (; answered < size; answered++) {
                ChannelHandlerContext ctx = Objects.requireNonNull(contexts[answered]);
                ClientHandler handler = (ClientHandler) ctx.handler();
                try {
                    handler.answer(ctx, Objects.requireNonNull(frames[answered]));
                } catch (Throwable t) {
                    // As an error in channelRead would: that connection closes, the others are answered.
                    handler.exceptionCaught(ctx, t);
                }
            }
            for (int i = 0; i < size; i++) {
                Objects.requireNonNull(contexts[i]).flush();
            }
        } finally {
            // A frame left unanswered would leave its client waiting, or take the next reply for its own.
            for (int i = answered; i < size; i++) {
                Objects.requireNonNull(contexts[i]).close();
            }
            Arrays.fill(contexts, 0, size, null);
            Arrays.fill(frames, 0, size, null);
            size = 0;
        }
    }

    /** Hands the pass's AS_MSG bodies to the processor's look ahead, which may fail without harm. */
    private void lookAhead() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            Frame f = Objects.requireNonNull(frames[i]);
            if (f.type() == ProtoHeader.TYPE_MSG) {
                messages[n++] = f.body();
            }
        }
        try {
            prefetched += processor.prefetch(messages, n);
        } catch (Throwable t) {
            if (!lookAheadFailed) {
                lookAheadFailed = true;
                LOG.warn("looking ahead at requests failed; answering them without it (logged once)", t);
            }
        } finally {
            Arrays.fill(messages, 0, n, null);
        }
    }
}
