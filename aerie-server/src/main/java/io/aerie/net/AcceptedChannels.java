package io.aerie.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The connections a listener accepted, closed for certain when it stops. Shutting the event loops
 * down does not always close them (it was seen leaving one open about once in sixty stops under
 * load), and a connection left open with nobody reading it is worse than a closed one: the peer
 * keeps writing into it instead of reconnecting to whoever listens on the port next.
 */
public final class AcceptedChannels {
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    /** Remembers an accepted connection until it closes; call it from the child initializer. */
    public void add(Channel ch) {
        channels.add(ch);
    }

    /**
     * Closes every accepted connection, then shuts {@code groups} down; call it after the
     * listening channel is closed. Each loop's queue is drained first, so a connection accepted
     * just before the listener closed is registered (and remembered) before the close.
     */
    public void closeAndShutdown(EventLoopGroup... groups) {
        for (EventLoopGroup group : groups) {
            for (EventExecutor loop : group) {
                if (!loop.isShuttingDown()) {
                    loop.submit(() -> {}).syncUninterruptibly();
                }
            }
        }
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
