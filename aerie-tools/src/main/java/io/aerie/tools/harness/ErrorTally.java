package io.aerie.tools.harness;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts client errors by operation and kind (e.g. {@code write PARTITION_UNAVAILABLE(11)}), for the report. */
final class ErrorTally {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one {@code error} of an op of kind {@code what}. */
    void add(String what, Throwable error) {
        counts.computeIfAbsent(what + " " + Outcomes.label(error), k -> new LongAdder())
                .increment();
    }

    /** The counts so far, sorted by label. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
