package io.aerie.txn;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.MessageType;
import io.aerie.cluster.PartitionStates;
import io.aerie.fabric.Fabric;
import io.aerie.fabric.FabricMessage;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.AsMessageDecoder;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.ProtocolException;
import io.aerie.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Forwards a client request that reached a node which does not serve its partition to the node
 * that does, and carries the reply back, as Aerospike's proxies. A request is sent once: when the
 * receiver no longer serves the partition either it says so and the request goes to the node now
 * serving it; when no reply comes within the timeout the client gets TIMEOUT, its write in doubt.
 */
public final class Proxy {
    private static final byte OK = 0;
    private static final byte REDIRECT = 1;
    private static final byte FAILED = 2;
    private static final long REDIRECT_MILLIS = 20;

    private final ClusterService cluster;
    private final TransactionService txn;
    private final Fabric fabric;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final long timeoutNanos;
    private final AtomicLong nextRequest = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    public Proxy(
            ClusterService cluster,
            TransactionService txn,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            long timeoutMillis) {
        this.cluster = cluster;
        this.txn = txn;
        this.fabric = cluster.fabric();
        this.timer = timer;
        this.nanoTime = nanoTime;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        fabric.register(MessageType.PROXY_REQUEST, this::onRequest);
        fabric.register(MessageType.PROXY_REPLY, this::onReply);
        timer.scheduleWithFixedDelay(this::expire, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Forwards message {@code msg} of partition {@code pid} of namespace {@code ns}; completes with the reply frame. */
    CompletableFuture<byte @Nullable []> forward(String ns, int pid, byte[] msg) {
        long id = nextRequest.getAndIncrement();
        Pending p = new Pending(ns, pid, msg, nanoTime.getAsLong());
        pending.put(id, p);
        send(id, p);
        return p.reply;
    }

    private void send(long id, Pending p) {
        if (pending.get(id) != p) {
            return;
        }
        PartitionStates states = cluster.states(p.ns);
        long target = states == null ? 0 : states.actingMaster(p.pid);
        if (target == cluster.self()) {
            // Ownership came here meanwhile: serve it locally.
            pending.remove(id, p);
            AsMessage decoded;
            try {
                decoded = AsMessageDecoder.decode(p.msg, 0, p.msg.length);
            } catch (ProtocolException e) {
                p.reply.complete(null);
                return;
            }
            txn.executeProxied(decoded).whenComplete((out, error) -> p.reply.complete(error == null ? out : null));
            return;
        }
        byte[] nsBytes = p.ns.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + nsBytes.length + 2 + p.msg.length);
        b.putLong(id)
                .putInt(nsBytes.length)
                .put(nsBytes)
                .putShort((short) p.pid)
                .put(p.msg);
        if (target == 0 || !fabric.send(target, MessageType.PROXY_REQUEST, cluster.clusterKey(), b.array())) {
            timer.schedule(() -> send(id, p), REDIRECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void onRequest(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        byte[] nsBytes = new byte[b.getInt()];
        b.get(nsBytes);
        String ns = new String(nsBytes, StandardCharsets.UTF_8);
        int pid = b.getShort() & 0xFFFF;
        byte[] msg = new byte[b.remaining()];
        b.get(msg);
        PartitionStates states = cluster.states(ns);
        if (states == null || !states.isMaster(pid)) {
            reply(m, id, REDIRECT, new byte[0]);
            return;
        }
        AsMessage decoded;
        try {
            decoded = AsMessageDecoder.decode(msg, 0, msg.length);
        } catch (ProtocolException e) {
            reply(m, id, FAILED, new byte[0]);
            return;
        }
        txn.executeProxied(decoded).whenComplete((out, error) -> {
            if (error == null && out != null) {
                reply(m, id, OK, out);
            } else {
                reply(m, id, FAILED, new byte[0]);
            }
        });
    }

    private void reply(FabricMessage request, long id, byte status, byte[] frame) {
        ByteBuffer b = ByteBuffer.allocate(9 + frame.length);
        b.putLong(id).put(status).put(frame);
        fabric.send(request.source(), MessageType.PROXY_REPLY, request.clusterKey(), b.array());
    }

    private void onReply(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        byte status = b.get();
        Pending p = pending.get(id);
        if (p == null) {
            return;
        }
        if (status == REDIRECT) {
            timer.schedule(() -> send(id, p), REDIRECT_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (pending.remove(id, p)) {
            byte[] frame = new byte[b.remaining()];
            b.get(frame);
            p.reply.complete(status == OK ? frame : null);
        }
    }

    private void expire() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.started > timeoutNanos && pending.remove(e.getKey(), p)) {
                p.reply.complete(
                        Replies.bytes(64, out -> MessageWriter.writeResultFrame(out, ResultCode.TIMEOUT, 0, 0)));
            }
        }
    }

    /** A forwarded request waiting for its reply. */
    private static final class Pending {
        final String ns;
        final int pid;
        final byte[] msg;
        final long started;
        final CompletableFuture<byte @Nullable []> reply = new CompletableFuture<>();

        Pending(String ns, int pid, byte[] msg, long started) {
            this.ns = ns;
            this.pid = pid;
            this.msg = msg;
            this.started = started;
        }
    }
}
