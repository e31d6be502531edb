package io.aerie.net;

import io.aerie.protocol.ProtoHeader;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client listener: a Netty server speaking Aerospike's proto framing. Epoll where available. */
public final class ClientServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientServer.class);

    private final Settings settings;
    private final RequestProcessor processor;
    /** Each event loop's batch of the frames read in its current pass. */
    private final FastThreadLocal<FrameBatch> batches;

    private final ExecutorService scanExecutor;
    private final ConnectionLimiter limiter;
    private final AcceptedChannels accepted = new AcceptedChannels();
    private @Nullable EventLoopGroup boss;
    private @Nullable EventLoopGroup workers;
    private @Nullable Channel serverChannel;

    /**
     * Listener settings.
     *
     * @param address address to bind ("any" or empty = all interfaces)
     * @param port port to bind; 0 picks a free one
     * @param protoFdMax most client connections open at once
     * @param idleTimeoutMs close connections idle this long; 0 = never
     * @param ioThreads event-loop threads, at least one ({@code NodeConfig.serviceThreads} picks the default)
     */
    public record Settings(String address, int port, int protoFdMax, int idleTimeoutMs, int ioThreads) {
        public Settings {
            if (ioThreads < 1) {
                throw new IllegalArgumentException("event-loop threads must be at least 1, got " + ioThreads);
            }
        }
    }

    public ClientServer(Settings settings, RequestProcessor processor, ExecutorService scanExecutor) {
        this.settings = settings;
        this.processor = processor;
        this.batches = new FastThreadLocal<>() {
            @Override
            protected FrameBatch initialValue() {
                return new FrameBatch(processor);
            }
        };
        this.scanExecutor = scanExecutor;
        this.limiter = new ConnectionLimiter(settings.protoFdMax());
    }

    /** Binds and starts accepting; returns the bound address. */
    public InetSocketAddress start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup b = new MultiThreadIoEventLoopGroup(1, factory);
        EventLoopGroup w = new MultiThreadIoEventLoopGroup(settings.ioThreads(), factory);
        boss = b;
        workers = w;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(b, w)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast("limit", limiter);
                        if (settings.idleTimeoutMs() > 0) {
                            ch.pipeline()
                                    .addLast(
                                            "idle",
                                            new IdleStateHandler(
                                                    0, 0, settings.idleTimeoutMs(), TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast("frames", new ProtoFrameDecoder(ProtoHeader.MAX_BODY_SIZE));
                        ch.pipeline().addLast("requests", new ClientHandler(processor, scanExecutor, batches));
                    }
                });
        String host = settings.address();
        InetSocketAddress bindTo = host.isEmpty() || host.equals("any")
                ? new InetSocketAddress(settings.port())
                : new InetSocketAddress(host, settings.port());
        Channel ch = bootstrap.bind(bindTo).sync().channel();
        serverChannel = ch;
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        LOG.info("listening for clients on {} ({})", bound, epoll ? "epoll" : "nio");
        return bound;
    }

    /** Client connections open now. */
    public int openConnections() {
        return limiter.openConnections();
    }

    /** Client connections accepted since start. */
    public long openedConnections() {
        return limiter.openedConnections();
    }

    @Override
    public void close() {
        Channel ch = serverChannel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
        EventLoopGroup b = boss;
        EventLoopGroup w = workers;
        if (b != null && w != null) {
            accepted.closeAndShutdown(b, w);
        }
    }
}
