package io.aerie.storage;

import java.io.Serial;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A reentrant exclusive lock whose state lives in the object that extends it. {@link Partition}
 * does, so a write that locks its partition touches one object, where a {@code ReentrantLock}
 * field would add two more (the lock and its synchronizer): under a load that streams records
 * through the cache, each is a likely miss on every write.
 *
 * <p>The state counts the owner's holds; waiters queue and park as in any {@link
 * AbstractQueuedSynchronizer}. Not fair: a thread that finds the lock free takes it.
 */
abstract class PartitionLock extends AbstractQueuedSynchronizer {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Takes the lock, waiting while another thread holds it; the holder may take it again. */
    public final void lock() {
        if (compareAndSetState(0, 1)) {
            setExclusiveOwnerThread(Thread.currentThread());
        } else {
            acquire(1);
        }
    }

    /** Releases one hold; the last release lets a waiter in. */
    public final void unlock() {
        release(1);
    }

    /** Whether any thread holds the lock now; a plain look at the lock word, which also brings it into the cache. */
    public final boolean isLocked() {
        return getState() != 0;
    }

    /** Whether the calling thread holds the lock (for assertions). */
    public final boolean isHeldByCurrentThread() {
        return getExclusiveOwnerThread() == Thread.currentThread();
    }

    @Override
    protected final boolean tryAcquire(int holds) {
        Thread me = Thread.currentThread();
        int c = getState();
        if (c == 0) {
            if (compareAndSetState(0, holds)) {
                setExclusiveOwnerThread(me);
                return true;
            }
            return false;
        }
        if (getExclusiveOwnerThread() == me) {
            setState(c + holds);
            return true;
        }
        return false;
    }

    @Override
    protected final boolean tryRelease(int holds) {
        if (getExclusiveOwnerThread() != Thread.currentThread()) {
            throw new IllegalMonitorStateException("partition lock released by a thread that does not hold it");
        }
        int c = getState() - holds;
        if (c == 0) {
            setExclusiveOwnerThread(null);
        }
        setState(c);
        return c == 0;
    }

    @Override
    protected final boolean isHeldExclusively() {
        return getExclusiveOwnerThread() == Thread.currentThread();
    }
}
