package io.aerie.namespace;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace supervisor: every namespace's {@code nsup-period} seconds (read afresh each tick,
 * so set-config takes effect at once) it removes expired records, and records a truncate has
 * hidden, from the index, freeing their memory. Periods are measured on the namespace's clock.
 */
public final class Nsup {
    private static final Logger LOG = LoggerFactory.getLogger(Nsup.class);

    private final List<Namespace> namespaces;
    private final ScheduledExecutorService executor;
    private final ConcurrentHashMap<String, Long> lastRunMillis = new ConcurrentHashMap<>();
    private volatile @Nullable ScheduledFuture<?> ticker;

    public Nsup(List<Namespace> namespaces, ScheduledExecutorService executor) {
        this.namespaces = List.copyOf(namespaces);
        this.executor = executor;
    }

    /** Starts checking, once a second, which namespaces are due for a sweep. */
    public void start() {
        for (Namespace ns : namespaces) {
            lastRunMillis.put(ns.name(), ns.clock().currentTimeMillis());
        }
        ticker = executor.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Sweeps every namespace whose period has elapsed; public so tests can drive it. */
    public void tick() {
        for (Namespace ns : namespaces) {
            int period = ns.config().nsupPeriodSeconds();
            long now = ns.clock().currentTimeMillis();
            long last = lastRunMillis.getOrDefault(ns.name(), now);
            if (period > 0 && now - last >= period * 1000L) {
                lastRunMillis.put(ns.name(), now);
                runCycle(ns);
            }
        }
    }

    /** Sweeps one namespace now (also used after a truncate). */
    public void runCycle(Namespace ns) {
        try {
            long removed = ns.sweep();
            if (removed > 0) {
                LOG.info("{{{}}} nsup removed {} records", ns.name(), removed);
            }
            long evicted = ns.evict();
            if (evicted > 0) {
                LOG.info(
                        "{{{}}} nsup evicted {} records (void-time at or before {}), data used {}%",
                        ns.name(), evicted, ns.evictVoidTime(), ns.usedPct());
            }
        } catch (RuntimeException e) {
            LOG.error("{{{}}} nsup cycle failed", ns.name(), e);
        }
    }

    /** Runs a sweep of {@code ns} on the background executor. */
    public void sweepSoon(Namespace ns) {
        Executor e = executor;
        e.execute(() -> runCycle(ns));
    }

    /** Stops the ticker; a sweep in progress finishes. */
    public void stop() {
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
    }
}
