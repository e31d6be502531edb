package io.aerie.tools.harness;

import io.aerie.tools.harness.check.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The client threads of a segment. Each runs ops one at a time as one Jepsen process; an op ending in doubt never
 * completes, so the thread goes on as a new process with a fresh id.
 */
final class Workers {
    private final List<Workload> workloads;
    private final long[] seeds;
    private final long intervalNanos;
    private final AtomicInteger processes;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * One thread per seed, each drawing its ops from a {@link Random} of its seed and picking a workload uniformly,
     * at most one op per {@code intervalNanos} (0: no limit), taking process ids from {@code processes}.
     */
    Workers(List<Workload> workloads, long[] seeds, long intervalNanos, AtomicInteger processes) {
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workload");
        }
        this.workloads = List.copyOf(workloads);
        this.seeds = seeds.clone();
        this.intervalNanos = intervalNanos;
        this.processes = processes;
    }

    /** Starts the threads; their first process ids are taken in thread order, so they are reproducible. */
    void start() {
        for (int t = 0; t < seeds.length; t++) {
            int first = processes.getAndIncrement();
            Random random = new Random(seeds[t]);
            threads.add(Thread.ofPlatform().name("harness-worker-" + t).start(() -> work(first, random)));
        }
    }

    private void work(int firstProcess, Random random) {
        int process = firstProcess;
        long next = System.nanoTime();
        try {
            while (!stop.get()) {
                Workload w = workloads.get(random.nextInt(workloads.size()));
                if (w.step(process, random) == Outcome.INFO) {
                    process = processes.getAndIncrement();
                }
                if (intervalNanos > 0) {
                    // Paced from the previous slot, but a slow op does not earn a burst of catch-up ops.
                    next = Math.max(next + intervalNanos, System.nanoTime());
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Stops the threads after their current op and waits for them; rethrows the first thing that broke one. */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(1));
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop within a minute");
            }
        }
        Throwable f = failure.get();
        if (f != null) {
            throw new IllegalStateException("a harness worker broke", f);
        }
    }
}
