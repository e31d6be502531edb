package io.aerie.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for the simulation: one queue of tasks ordered by due time (then by submission),
 * run one at a time on the test's thread. Each node gets its own executor view, so killing the
 * node drops every task it still had queued.
 */
final class SimScheduler {
    private final PriorityQueue<Task> queue =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    /** Virtual nanoseconds since the start. */
    long nanoTime() {
        return now;
    }

    void at(long delayNanos, Owner owner, Runnable r) {
        queue.add(new Task(now + Math.max(0, delayNanos), seq++, owner, r, 0));
    }

    /** Runs tasks until {@code done} holds or virtual time passes {@code limitNanos}; returns whether done. */
    boolean runUntil(BooleanSupplier done, long limitNanos) {
        long end = now + limitNanos;
        while (!done.getAsBoolean()) {
            Task t = queue.peek();
            if (t == null || t.due > end) {
                now = end;
                return done.getAsBoolean();
            }
            runNext();
        }
        return true;
    }

    /** Runs every task due in the next {@code nanos}. */
    void runFor(long nanos) {
        long end = now + nanos;
        while (true) {
            Task t = queue.peek();
            if (t == null || t.due > end) {
                now = end;
                return;
            }
            runNext();
        }
    }

    private void runNext() {
        Task t = queue.poll();
        if (t == null) {
            return;
        }
        now = Math.max(now, t.due);
        if (t.cancelled || !t.owner.alive) {
            return;
        }
        t.run.run();
        if (t.period > 0 && !t.cancelled && t.owner.alive) {
            t.due = now + t.period;
            t.seq = seq++;
            queue.add(t);
        }
    }

    /** Whose tasks these are: a node's tasks stop when it dies. */
    static final class Owner {
        volatile boolean alive = true;
    }

    /** One queued task; also its own future. */
    private static final class Task implements ScheduledFuture<Object> {
        long due;
        long seq;
        final Owner owner;
        final Runnable run;
        final long period;
        volatile boolean cancelled;

        Task(long due, long seq, Owner owner, Runnable run, long period) {
            this.due = due;
            this.seq = seq;
            this.owner = owner;
            this.run = run;
            this.period = period;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("the simulation never blocks");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("the simulation never blocks");
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** A node's executor: everything it submits runs in virtual time, until the node dies. */
    ScheduledExecutorService executorFor(Owner owner) {
        return new NodeExecutor(owner);
    }

    private final class NodeExecutor extends AbstractExecutorService implements ScheduledExecutorService {
        private final Owner owner;

        NodeExecutor(Owner owner) {
            this.owner = owner;
        }

        @Override
        public void execute(Runnable command) {
            at(0, owner, command);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Task t = new Task(now + unit.toNanos(delay), seq++, owner, command, 0);
            queue.add(t);
            return t;
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by the cluster");
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return scheduleWithFixedDelay(command, initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(
                Runnable command, long initialDelay, long delay, TimeUnit unit) {
            Task t = new Task(now + unit.toNanos(initialDelay), seq++, owner, command, unit.toNanos(delay));
            queue.add(t);
            return t;
        }

        @Override
        public void shutdown() {
            owner.alive = false;
        }

        @Override
        public List<Runnable> shutdownNow() {
            owner.alive = false;
            return new ArrayList<>();
        }

        @Override
        public boolean isShutdown() {
            return !owner.alive;
        }

        @Override
        public boolean isTerminated() {
            return !owner.alive;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }

        @Override
        protected <T> FutureTask<T> newTaskFor(Callable<T> callable) {
            return new FutureTask<>(callable);
        }
    }
}
