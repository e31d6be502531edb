package io.aerie.storage;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * One of a namespace's 4096 partitions: the unit of ownership, locking and iteration. Reads look
 * the index up without locking; writes hold the partition's lock from read to swap, which makes
 * every read-modify-write of a record atomic.
 */
public final class Partition {
    /** Partitions per namespace. */
    public static final int COUNT = 4096;

    private final int id;
    private final ConcurrentHashMap<Digest, Record> index = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();

    public Partition(int id) {
        if (id < 0 || id >= COUNT) {
            throw new IllegalArgumentException("partition id " + id);
        }
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The record stored under {@code digest}, live or not, or null. */
    public @Nullable Record get(Digest digest) {
        return index.get(digest);
    }

    /** Takes the write lock; callers release it with {@link #unlock()} in a finally block. */
    public void lock() {
        writeLock.lock();
    }

    public void unlock() {
        writeLock.unlock();
    }

    /** Stores a record; the caller holds the lock. Returns the record it replaced. */
    public @Nullable Record put(Digest digest, Record record) {
        assert writeLock.isHeldByCurrentThread() : "partition " + id + " written without its lock";
        return index.put(digest, record);
    }

    /** Removes a record; the caller holds the lock. Returns the record removed. */
    public @Nullable Record remove(Digest digest) {
        assert writeLock.isHeldByCurrentThread() : "partition " + id + " written without its lock";
        return index.remove(digest);
    }

    /** Number of records in the index, live or not yet reaped. */
    public int size() {
        return index.size();
    }

    /**
     * The digests after {@code after} (all if null) in digest order: a snapshot of the keys, so a
     * scan never holds the lock while it streams.
     */
    public ArrayList<Digest> digestsAfter(@Nullable Digest after) {
        ArrayList<Digest> out = new ArrayList<>(index.size());
        for (Digest d : index.keySet()) {
            if (after == null || d.compareTo(after) > 0) {
                out.add(d);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Removes, under the lock, every record for which {@code doomed} holds; returns the removed
     * records' total memory size and count through {@code sink}.
     */
    public void removeIf(BiPredicate<Digest, Record> doomed, RemovalSink sink) {
        writeLock.lock();
        try {
            var it = index.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Digest, Record> e = it.next();
                if (doomed.test(e.getKey(), e.getValue())) {
                    it.remove();
                    sink.removed(e.getValue());
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Receives records removed in bulk. */
    @FunctionalInterface
    public interface RemovalSink {
        void removed(Record record);
    }
}
