package io.aerie.namespace;

import java.util.concurrent.atomic.LongAdder;

/** A namespace's counters; striped so that hot-path increments do not contend. */
public final class NamespaceStats {
    private final LongAdder[] counters = new LongAdder[Counter.values().length];

    public NamespaceStats() {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
    }

    public void increment(Counter c) {
        counters[c.ordinal()].increment();
    }

    public void add(Counter c, long n) {
        counters[c.ordinal()].add(n);
    }

    public long get(Counter c) {
        return counters[c.ordinal()].sum();
    }
}
