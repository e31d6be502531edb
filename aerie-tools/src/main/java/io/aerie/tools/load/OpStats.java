package io.aerie.tools.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of one kind of operation. Latencies go into an HdrHistogram {@link
 * Recorder}, so each interval's figures are exact and the run's total is the sum of intervals.
 */
public final class OpStats {
    /** Highest latency tracked, in microseconds (a minute); longer ones are clamped. */
    static final long MAX_MICROS = 60_000_000L;

    private final String name;
    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<Integer, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    /** Recycled through the recorder, which only takes back histograms it handed out. */
    private Histogram interval;

    private long intervalTimeouts;
    private long intervalErrors;
    private long lastTimeouts;
    private long lastErrors;

    public OpStats(String name) {
        this.name = name;
        this.interval = recorder.getIntervalHistogram();
    }

    public String name() {
        return name;
    }

    /** Records a successful operation that took {@code micros}. */
    public void success(long micros) {
        recorder.recordValue(Math.min(Math.max(micros, 0), MAX_MICROS));
    }

    public void timeout() {
        timeouts.increment();
    }

    /** Records a failure with an Aerospike result code. */
    public void error(int resultCode) {
        errors.increment();
        errorsByCode.computeIfAbsent(resultCode, k -> new LongAdder()).increment();
    }

    /**
     * Closes the current interval (called by the one reporting thread): its figures become what the
     * interval accessors return, and are added to the run's total when {@code includeInTotal}.
     */
    public synchronized void roll(boolean includeInTotal) {
        interval = recorder.getIntervalHistogram(interval);
        if (includeInTotal) {
            total.add(interval);
        }
        long t = timeouts.sum();
        long e = errors.sum();
        intervalTimeouts = t - lastTimeouts;
        intervalErrors = e - lastErrors;
        lastTimeouts = t;
        lastErrors = e;
    }

    public synchronized Histogram interval() {
        return interval;
    }

    public synchronized long intervalTimeouts() {
        return intervalTimeouts;
    }

    public synchronized long intervalErrors() {
        return intervalErrors;
    }

    /** The run's histogram so far (intervals rolled with includeInTotal). */
    public synchronized Histogram total() {
        return total.copy();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Failures by result code. */
    public Map<Integer, Long> errorsByCode() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        errorsByCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
