package io.aerie.util;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when told to; for tests and simulations. */
public final class ManualClock implements Clock {
    private final AtomicLong nowMillis;

    public ManualClock(long startMillis) {
        this.nowMillis = new AtomicLong(startMillis);
    }

    @Override
    public long currentTimeMillis() {
        return nowMillis.get();
    }

    /** Moves time forward. */
    public void advanceMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("time only moves forward: " + millis);
        }
        nowMillis.addAndGet(millis);
    }
}
