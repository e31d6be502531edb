package io.aerie.tools.bench;

import io.aerie.config.NamespaceConfig;
import io.aerie.config.NodeConfig;
import io.aerie.info.ClusterInfoCommands;
import io.aerie.info.InfoRegistry;
import io.aerie.info.NodeState;
import io.aerie.namespace.Namespaces;
import io.aerie.net.ClientServer;
import io.aerie.net.RequestProcessor;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.OpType;
import io.aerie.protocol.ParticleType;
import io.aerie.protocol.ProtoHeader;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.device.CommitWait;
import io.aerie.tools.load.LoadPlan;
import io.aerie.txn.ScanSink;
import io.aerie.util.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's yardstick: a node that does no work at all. It speaks the same framing and info
 * protocol as Aerie (so the official client connects and tends it), stores nothing, and answers
 * every data request at once from a prepared reply: a single-record read gets a record shaped like
 * the load tool's ({@code bins} blob bins sharing {@code objectSize} bytes, named as the load tool
 * names them), everything else a bare OK. Reads answered with data keep the client's work per
 * request the same as against a real node, so the throughput a load reaches against it bounds what
 * any server can reach on the same machine under the same client load.
 *
 * <p>{@code java -cp ... io.aerie.tools.bench.NullNode [port [object-size [bins]]]} (defaults
 * 3000, 0, 1); an object size of 0 answers reads with a bare OK too.
 */
public final class NullNode implements AutoCloseable {
    private final ClientServer server;
    private final ExecutorService executor;
    private final InetSocketAddress address;

    private NullNode(int port, int objectSize, int bins) throws InterruptedException {
        NodeState state = new NodeState("BEEF00000000001", null, System.currentTimeMillis());
        Namespaces namespaces = new Namespaces(List.of(NamespaceConfig.inMemory("test", 1L << 30)), Clock.SYSTEM);
        InfoRegistry info = new InfoRegistry();
        ClusterInfoCommands.register(info, state, namespaces);
        executor =
                Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
        server = new ClientServer(
                new ClientServer.Settings(
                        "127.0.0.1",
                        port,
                        15000,
                        0,
                        // The same event loops as a node with the default config: the yardstick's network layer is
                        // Aerie's.
                        NodeConfig.defaults().serviceThreads()),
                new Answerer(info, readReply(objectSize, bins)),
                executor);
        address = server.start();
        state.setService(List.of("127.0.0.1"), address.getPort());
        state.markReady();
    }

    /** Starts a null node on {@code port} (0 = free port) that answers reads with a bare OK. */
    public static NullNode start(int port) {
        return start(port, 0, 1);
    }

    /**
     * Starts a null node on {@code port} (0 = free port) that answers single-record reads with
     * {@code bins} blob bins of {@code objectSize} bytes in all (a bare OK when 0).
     */
    public static NullNode start(int port, int objectSize, int bins) {
        if (objectSize < 0 || bins < 1) {
            throw new IllegalArgumentException("object size must be >= 0 and bins >= 1");
        }
        try {
            return new NullNode(port, objectSize, bins);
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
        int objectSize = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int bins = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        NullNode node = start(port, objectSize, bins);
        System.out.println("null node listening on 127.0.0.1:" + node.port());
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        forever.await();
    }

    /**
     * The whole reply frame to a read: bins as the load tool writes them ({@code b}, or {@code b0,
     * b1, ...}), the size split as it splits it; null when reads get a bare OK.
     */
    static byte @Nullable [] readReply(int objectSize, int bins) {
        if (objectSize == 0) {
            return null;
        }
        ByteBuf buf = Unpooled.buffer();
        int start = MessageWriter.beginFrame(buf);
        MessageWriter.writeHeader(buf, 0, ResultCode.OK, 1, 0, 0, 0, bins);
        for (int i = 0; i < bins; i++) {
            byte[] name = LoadPlan.binName(bins, i).getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[LoadPlan.binSize(objectSize, bins, i)];
            MessageWriter.writeOp(buf, OpType.READ, ParticleType.BLOB, name, 0, name.length, value, 0, value.length);
        }
        MessageWriter.endFrame(buf, start, ProtoHeader.TYPE_MSG);
        byte[] frame = new byte[buf.readableBytes()];
        buf.readBytes(frame);
        return frame;
    }

    /** Info as a real node; reads answered with the prepared record, other AS_MSGs with OK. */
    private static final class Answerer implements RequestProcessor {
        private static final int HEADER_INFO1 = 1;

        private final InfoRegistry info;
        private final byte @Nullable [] readReply;

        Answerer(InfoRegistry info, byte @Nullable [] readReply) {
            this.info = info;
            this.readReply = readReply;
        }

        @Override
        public @Nullable Runnable process(int type, byte[] body, ByteBuf out, ScanSink sink, CommitWait commitWait) {
            if (type == ProtoHeader.TYPE_INFO) {
                byte[] reply = info.execute(body);
                out.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_INFO, reply.length));
                out.writeBytes(reply);
            } else if (readReply != null && type == ProtoHeader.TYPE_MSG && isRecordRead(body)) {
                out.writeBytes(readReply);
            } else {
                MessageWriter.writeResultFrame(out, ResultCode.OK, 1, 0);
            }
            return null;
        }

        /** A single-record read that wants bins: READ set, no write, not a batch, not header-only. */
        private static boolean isRecordRead(byte[] body) {
            if (body.length <= HEADER_INFO1 + 1) {
                return false;
            }
            int info1 = body[HEADER_INFO1] & 0xFF;
            int info2 = body[HEADER_INFO1 + 1] & 0xFF;
            return (info1 & MsgFlags.INFO1_READ) != 0
                    && (info1 & (MsgFlags.INFO1_BATCH | MsgFlags.INFO1_NOBINDATA)) == 0
                    && (info2 & MsgFlags.INFO2_WRITE) == 0;
        }
    }
}
