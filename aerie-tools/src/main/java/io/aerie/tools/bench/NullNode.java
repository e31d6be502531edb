package io.aerie.tools.bench;

import io.aerie.config.NamespaceConfig;
import io.aerie.info.ClusterInfoCommands;
import io.aerie.info.InfoRegistry;
import io.aerie.info.NodeState;
import io.aerie.namespace.Namespaces;
import io.aerie.net.ClientServer;
import io.aerie.net.RequestProcessor;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.ProtoHeader;
import io.aerie.protocol.ResultCode;
import io.aerie.txn.ScanSink;
import io.aerie.util.Clock;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's yardstick: a node that does no work at all. It speaks the same framing and info
 * protocol as Aerie (so the official client connects and tends it), and answers every data request
 * at once with a bare OK, storing nothing. The throughput a load reaches against it bounds what any
 * server can reach on the same machine under the same client load.
 *
 * <p>{@code java -cp ... io.aerie.tools.bench.NullNode [port]} (default 3000).
 */
public final class NullNode implements AutoCloseable {
    private final ClientServer server;
    private final ExecutorService executor;
    private final InetSocketAddress address;

    private NullNode(int port) throws InterruptedException {
        NodeState state = new NodeState("BEEF00000000001", null, System.currentTimeMillis());
        Namespaces namespaces = new Namespaces(List.of(NamespaceConfig.inMemory("test", 1L << 30)), Clock.SYSTEM);
        InfoRegistry info = new InfoRegistry();
        ClusterInfoCommands.register(info, state, namespaces);
        executor =
                Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
        server = new ClientServer(
                new ClientServer.Settings("127.0.0.1", port, 15000, 0, 0), new Answerer(info), executor);
        address = server.start();
        state.setService(List.of("127.0.0.1"), address.getPort());
        state.markReady();
    }

    /** Starts a null node on {@code port} (0 = free port). */
    public static NullNode start(int port) {
        try {
            return new NullNode(port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        NullNode node = start(port);
        System.out.println("null node listening on 127.0.0.1:" + node.port());
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        forever.await();
    }

    /** Info as a real node; every AS_MSG answered OK with no bins. */
    private static final class Answerer implements RequestProcessor {
        private final InfoRegistry info;

        Answerer(InfoRegistry info) {
            this.info = info;
        }

        @Override
        public @Nullable Runnable process(int type, byte[] body, ByteBuf out, ScanSink sink) {
            if (type == ProtoHeader.TYPE_INFO) {
                byte[] reply = info.execute(body);
                out.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_INFO, reply.length));
                out.writeBytes(reply);
            } else {
                MessageWriter.writeResultFrame(out, ResultCode.OK, 1, 0);
            }
            return null;
        }
    }
}
