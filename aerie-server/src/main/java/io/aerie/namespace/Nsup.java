package io.aerie.namespace;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace supervisor: every namespace's {@code nsup-period} seconds it removes expired
 * records (and records a truncate has hidden) from the index, freeing their memory.
 */
public final class Nsup {
    private static final Logger LOG = LoggerFactory.getLogger(Nsup.class);

    private final List<Namespace> namespaces;
    private final ScheduledExecutorService executor;
    private volatile ScheduledFuture<?>[] tasks = new ScheduledFuture<?>[0];

    public Nsup(List<Namespace> namespaces, ScheduledExecutorService executor) {
        this.namespaces = List.copyOf(namespaces);
        this.executor = executor;
    }

    /** Schedules a sweep of each namespace whose nsup-period is not 0. */
    public void start() {
        ScheduledFuture<?>[] t = new ScheduledFuture<?>[namespaces.size()];
        for (int i = 0; i < t.length; i++) {
            Namespace ns = namespaces.get(i);
            int period = ns.config().nsupPeriodSeconds();
            if (period > 0) {
                t[i] = executor.scheduleWithFixedDelay(() -> runCycle(ns), period, period, TimeUnit.SECONDS);
            }
        }
        tasks = t;
    }

    /** Sweeps one namespace now (also used after a truncate). */
    public void runCycle(Namespace ns) {
        try {
            long removed = ns.sweep();
            if (removed > 0) {
                LOG.info("{{{}}} nsup removed {} records", ns.name(), removed);
            }
        } catch (RuntimeException e) {
            LOG.error("{{{}}} nsup cycle failed", ns.name(), e);
        }
    }

    /** Cancels the schedule; a sweep in progress finishes. */
    public void stop() {
        for (ScheduledFuture<?> f : tasks) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
