package io.aerie.util;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A node's wall clock as records see it: it never goes backwards, so a record's last-update-time
 * only grows on a node even when the system clock is set back, and it can be shifted by an offset
 * to inject clock skew in fault tests.
 */
public final class NodeClock implements Clock {
    private final Clock base;
    private final AtomicLong last = new AtomicLong();
    private volatile long offsetMillis;

    /** A node clock reading {@code base}. */
    public NodeClock(Clock base) {
        this.base = base;
    }

    @Override
    public long currentTimeMillis() {
        long now = base.currentTimeMillis() + offsetMillis;
        long prev = last.get();
        while (now > prev) {
            if (last.compareAndSet(prev, now)) {
                return now;
            }
            prev = last.get();
        }
        return prev;
    }

    /** Fault injection: from now on the clock reads {@code millis} ahead of its base (negative: behind). */
    public void setOffset(long millis) {
        offsetMillis = millis;
    }

    /** The injected offset. */
    public long offset() {
        return offsetMillis;
    }
}
