package io.aerie.cluster;

import io.aerie.fabric.Fabric;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Requests of one fabric message type sent to several nodes at once, each awaited until every
 * node has answered or left the view: resent to the silent ones at an interval (a send may be
 * refused, a message or its answer lost with a dropped channel), given up at a timeout. Replica
 * writes and duplicate resolution both work this way.
 */
final class FanoutRequests {
    private final Fabric fabric;
    private final int type;
    private final LongSupplier nanoTime;
    private final long timeoutNanos;
    private final long resendNanos;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    /**
     * Requests of message {@code type}; every {@code tickMillis} the silent nodes of requests not
     * sent to for {@code resendMillis} are asked again, and requests older than {@code timeoutMillis}
     * end.
     */
    FanoutRequests(
            Fabric fabric,
            int type,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            long tickMillis,
            long resendMillis,
            long timeoutMillis) {
        this.fabric = fabric;
        this.type = type;
        this.nanoTime = nanoTime;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.resendNanos = TimeUnit.MILLISECONDS.toNanos(resendMillis);
        timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** The id for the next request; the caller writes it into the payload, where answers echo it. */
    long nextId() {
        return nextId.getAndIncrement();
    }

    /**
     * Sends request {@code id} to {@code targets}; completes with true once every target has
     * answered or left the view, false at the timeout (at once with true when there is none).
     */
    CompletableFuture<Boolean> send(long id, Iterable<Long> targets, long clusterKey, byte[] payload) {
        return send(id, targets, clusterKey, payload, false);
    }

    /**
     * As {@link #send(long, Iterable, long, byte[])}; when {@code strict} (strong consistency) a
     * target that leaves the view or refuses fails the request instead of releasing it.
     */
    CompletableFuture<Boolean> send(long id, Iterable<Long> targets, long clusterKey, byte[] payload, boolean strict) {
        Pending p = new Pending(payload, clusterKey, nanoTime.getAsLong(), strict);
        for (long t : targets) {
            p.waiting.add(t);
        }
        if (p.waiting.isEmpty()) {
            p.done.complete(true);
            return p.done;
        }
        pending.put(id, p);
        for (long t : p.waiting) {
            fabric.send(t, type, clusterKey, payload);
        }
        return p.done;
    }

    /** Node {@code node} answered request {@code id}; a late or repeated answer changes nothing. */
    void answered(long id, long node) {
        Pending p = pending.get(id);
        if (p != null) {
            p.waiting.remove(node);
            finishIfAnswered(id, p);
        }
    }

    /** Node {@code node} refused request {@code id}: a strict request fails, another counts it answered. */
    void refused(long id, long node) {
        Pending p = pending.get(id);
        if (p != null && p.strict) {
            if (pending.remove(id, p)) {
                p.done.complete(false);
            }
        } else {
            answered(id, node);
        }
    }

    /** A new view: nodes that left it no longer hold a request up; strict requests waiting for one fail. */
    void retain(Set<Long> members) {
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.strict && !members.containsAll(p.waiting)) {
                if (pending.remove(e.getKey(), p)) {
                    p.done.complete(false);
                }
                continue;
            }
            p.waiting.retainAll(members);
            finishIfAnswered(e.getKey(), p);
        }
    }

    private void finishIfAnswered(long id, Pending p) {
        if (p.waiting.isEmpty() && pending.remove(id, p)) {
            p.done.complete(true);
        }
    }

    private void tick() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.started > timeoutNanos) {
                if (pending.remove(e.getKey(), p)) {
                    p.done.complete(false);
                }
            } else if (now - p.lastSent >= resendNanos) {
                p.lastSent = now;
                for (long t : p.waiting) {
                    fabric.send(t, type, p.clusterKey, p.payload);
                }
            }
        }
    }

    /** A request waiting for answers. */
    private static final class Pending {
        final byte[] payload;
        final long clusterKey;
        final long started;
        final boolean strict;
        volatile long lastSent;
        final Set<Long> waiting = ConcurrentHashMap.newKeySet();
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Pending(byte[] payload, long clusterKey, long started, boolean strict) {
            this.payload = payload;
            this.clusterKey = clusterKey;
            this.started = started;
            this.strict = strict;
            this.lastSent = started;
        }
    }
}
