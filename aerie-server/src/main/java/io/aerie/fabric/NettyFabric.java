package io.aerie.fabric;

import io.aerie.net.AcceptedChannels;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fabric endpoint of one node: a listener for its peers' channels and one outbound channel to
 * each peer, opened on first use and reopened after it drops. Sending never blocks: a message to
 * a peer whose channel is down or full is refused (the caller retries or fails the operation), so
 * a slow peer cannot stall the sender. Handlers run on the fabric's event loop.
 */
public final class NettyFabric implements Fabric {
    private static final Logger LOG = LoggerFactory.getLogger(NettyFabric.class);
    /** Largest fabric message: a migrated record of the largest size with room to spare. */
    static final int MAX_FRAME = 16 << 20;

    private static final long RECONNECT_MILLIS = 200;
    /** A connection attempt that hangs longer is given up and tried again; Netty's default is 30 s. */
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final long nodeId;
    private final String bindAddress;
    private final int port;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Map<Integer, Consumer<FabricMessage>> handlers = new ConcurrentHashMap<>();
    private final Map<Long, Peer> peers = new ConcurrentHashMap<>();
    private volatile @Nullable Channel server;
    private volatile boolean closed;
    private final AcceptedChannels accepted = new AcceptedChannels();
    /** Fault injection: nodes whose messages are dropped both ways. */
    private volatile java.util.Set<Long> blocked = java.util.Set.of();

    /** The fabric of node {@code nodeId}, to listen on {@code bindAddress}:{@code port} (0: any free port). */
    public NettyFabric(long nodeId, String bindAddress, int port) {
        this.nodeId = nodeId;
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /** Starts listening; returns the address bound. */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4));
                        ch.pipeline().addLast(new Inbound());
                    }
                });
        Channel ch = b.bind(new InetSocketAddress(bindAddress, port)).sync().channel();
        server = ch;
        return (InetSocketAddress) ch.localAddress();
    }

    /** Fault injection for tests: drops every message to and from {@code nodes} (empty: heal). */
    @Override
    public void isolate(java.util.Set<Long> nodes) {
        blocked = java.util.Set.copyOf(nodes);
    }

    /** Routes messages of {@code type} to {@code handler}. */
    @Override
    public void register(int type, Consumer<FabricMessage> handler) {
        handlers.put(type, handler);
    }

    /** Where peer {@code peerId} listens; its channel opens on the first send. */
    @Override
    public void addPeer(long peerId, InetSocketAddress address) {
        peers.computeIfAbsent(peerId, id -> new Peer(id, address));
    }

    /** Forgets a peer that left the cluster, closing its channel. */
    @Override
    public void removePeer(long peerId) {
        Peer p = peers.remove(peerId);
        if (p != null) {
            p.close();
        }
    }

    /**
     * Sends a message to {@code peerId}; false when it cannot go now (unknown peer, channel down or
     * over its high-water mark). Never blocks.
     */
    @Override
    public boolean send(long peerId, int type, long clusterKey, byte[] payload) {
        if (blocked.contains(peerId)) {
            return false;
        }
        Peer p = peers.get(peerId);
        return p != null && p.send(new FabricMessage(type, clusterKey, nodeId, payload));
    }

    @Override
    public void close() {
        closed = true;
        peers.values().forEach(Peer::close);
        Channel s = server;
        if (s != null) {
            s.close().syncUninterruptibly();
        }
        accepted.closeAndShutdown(group);
    }

    /** Decodes frames from a peer and hands them to the registered handler. */
    private final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            FabricMessage m;
            try {
                m = FabricMessage.decode(frame);
            } catch (IllegalArgumentException e) {
                LOG.warn("closing fabric connection {}: {}", ctx.channel().remoteAddress(), e.getMessage());
                ctx.close();
                return;
            }
            if (blocked.contains(m.source())) {
                return;
            }
            Consumer<FabricMessage> h = handlers.get(m.type());
            if (h == null) {
                LOG.debug("fabric message of unknown type {} from {}", m.type(), Long.toHexString(m.source()));
                return;
            }
            h.accept(m);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("closing fabric connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** The outbound channel to one peer. */
    private final class Peer {
        private final long id;
        private final InetSocketAddress address;
        private volatile @Nullable Channel channel;
        private boolean connecting;

        Peer(long id, InetSocketAddress address) {
            this.id = id;
            this.address = address;
        }

        boolean send(FabricMessage m) {
            Channel ch = channel;
            if (ch == null || !ch.isActive()) {
                connect();
                return false;
            }
            if (!ch.isWritable()) {
                return false;
            }
            ByteBuf buf = ch.alloc().buffer(FabricMessage.HEADER + m.payload().length);
            m.encode(buf);
            ch.writeAndFlush(buf, ch.voidPromise());
            return true;
        }

        private synchronized void connect() {
            Channel current = channel;
            if (connecting || closed || peers.get(id) != this || (current != null && current.isActive())) {
                return;
            }
            connecting = true;
            new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new LengthFieldPrepender(4));
                        }
                    })
                    .connect(address)
                    .addListener(f -> {
                        synchronized (this) {
                            connecting = false;
                        }
                        if (f.isSuccess()) {
                            Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                            channel = ch;
                            // When it drops, open it again after a pause, while the peer is still wanted.
                            ch.closeFuture().addListener(c -> reconnectLater());
                        } else {
                            reconnectLater();
                        }
                    });
        }

        /** Opens the channel again after a pause, unless the fabric is closing. */
        private void reconnectLater() {
            if (closed || group.isShuttingDown()) {
                return;
            }
            try {
                group.schedule(this::connect, RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Shutting down meanwhile: nothing to reconnect.
            }
        }

        void close() {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }
}
