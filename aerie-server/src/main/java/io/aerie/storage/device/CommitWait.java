package io.aerie.storage.device;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What one reply waits for under {@code commit-to-device}: the position in each storage file's write
 * stream up to which the request's records must be on stable storage. A connection owns one and
 * reuses it for every request: writes {@link #require} positions, then the connection asks to be
 * told when all of them are durable and sends the reply only then.
 */
public final class CommitWait {
    private final List<DeviceWriter> writers = new ArrayList<>(1);
    private final List<Long> tickets = new ArrayList<>(1);
    /** Other conditions of the reply: acknowledgements of the write's replicas (true: all applied). */
    private final List<CompletableFuture<Boolean>> conditions = new ArrayList<>(1);
    /** The reply, when it comes from elsewhere (a proxied request): null bytes close the connection. */
    private @Nullable CompletableFuture<byte @Nullable []> replacement;

    /** Notes that the reply needs {@code writer}'s stream durable up to {@code ticket}. */
    void require(DeviceWriter writer, long ticket) {
        int i = writers.indexOf(writer);
        if (i < 0) {
            writers.add(writer);
            tickets.add(ticket);
        } else if (tickets.get(i) < ticket) {
            tickets.set(i, ticket);
        }
    }

    /** Notes that the reply needs {@code condition} to complete with true (false: fail the reply). */
    public void require(CompletableFuture<Boolean> condition) {
        conditions.add(condition);
    }

    /**
     * Says that the reply is not the one written in place but the bytes {@code reply} completes
     * with, once they come; null bytes: no reply, close the connection.
     */
    public void replyWith(CompletableFuture<byte @Nullable []> reply) {
        replacement = reply;
    }

    /** The reply that replaces the one written in place, if the last request set one; clears it. */
    public @Nullable CompletableFuture<byte @Nullable []> takeReplacement() {
        CompletableFuture<byte @Nullable []> r = replacement;
        replacement = null;
        return r;
    }

    /** Whether the last request wrote anything it must wait for. */
    public boolean pending() {
        return !writers.isEmpty() || !conditions.isEmpty();
    }

    /** Told whether a reply's writes became durable. */
    @FunctionalInterface
    public interface Callback {
        /** {@code durable}: every write is on stable storage; false: a storage file failed first. */
        void done(boolean durable);
    }

    /**
     * Calls {@code done} once every required position is durable (at once if all already are), on
     * the thread that made the last of them durable, with false if a storage file failed first;
     * then forgets them, ready for the next request.
     */
    public void whenDurable(Callback done) {
        if (writers.isEmpty() && conditions.isEmpty()) {
            done.done(true);
            return;
        }
        AtomicInteger left = new AtomicInteger(writers.size() + conditions.size());
        java.util.concurrent.atomic.AtomicBoolean allDurable = new java.util.concurrent.atomic.AtomicBoolean(true);
        Callback one = durable -> {
            if (!durable) {
                allDurable.set(false);
            }
            if (left.decrementAndGet() == 0) {
                done.done(allDurable.get());
            }
        };
        List<DeviceWriter> ws = List.copyOf(writers);
        List<Long> ts = List.copyOf(tickets);
        List<CompletableFuture<Boolean>> cs = List.copyOf(conditions);
        clear();
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).whenDurable(ts.get(i), one);
        }
        for (CompletableFuture<Boolean> c : cs) {
            c.whenComplete((ok, error) -> one.done(error == null && Boolean.TRUE.equals(ok)));
        }
    }

    /** Forgets the required positions without waiting (the reply is not sent). */
    public void clear() {
        writers.clear();
        tickets.clear();
        conditions.clear();
    }
}
