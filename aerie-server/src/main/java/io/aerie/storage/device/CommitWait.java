package io.aerie.storage.device;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one reply waits for under {@code commit-to-device}: the position in each storage file's write
 * stream up to which the request's records must be on stable storage. A connection owns one and
 * reuses it for every request: writes {@link #require} positions, then the connection asks to be
 * told when all of them are durable and sends the reply only then.
 */
public final class CommitWait {
    private final List<DeviceWriter> writers = new ArrayList<>(1);
    private final List<Long> tickets = new ArrayList<>(1);

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

    /** Whether the last request wrote anything it must wait for. */
    public boolean pending() {
        return !writers.isEmpty();
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
        if (writers.isEmpty()) {
            done.done(true);
            return;
        }
        AtomicInteger left = new AtomicInteger(writers.size());
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
        clear();
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).whenDurable(ts.get(i), one);
        }
    }

    /** Forgets the required positions without waiting (the reply is not sent). */
    public void clear() {
        writers.clear();
        tickets.clear();
    }
}
