package io.aerie.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One of a namespace's 4096 partitions: the unit of ownership, locking and iteration. Reads look
 * the index up without locking; writes hold the partition's lock from read to swap, which makes
 * every read-modify-write of a record atomic. The partition is its own lock ({@link PartitionLock}),
 * so taking it touches no other object.
 */
public final class Partition extends PartitionLock {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /** Partitions per namespace. */
    public static final int COUNT = 4096;

    private final int id;
    private final PartitionIndex index;

    /** A partition whose index publishes its table in {@code tables}, the namespace's. */
    public Partition(int id, IndexTables tables) {
        this(id, tables, null);
    }

    /**
     * A partition of a memory namespace ({@code arena} null: the index holds the records and
     * publishes its table in {@code tables}) or of the device engine (the index holds stubs' fields
     * off heap in {@code arena}).
     */
    public Partition(int id, IndexTables tables, @Nullable EntryArena arena) {
        if (id < 0 || id >= COUNT) {
            throw new IllegalArgumentException("partition id " + id);
        }
        this.id = id;
        this.index = arena == null ? new RecordIndex(tables, id) : new StubIndex(arena);
    }

    /** A partition on its own (tests). */
    public Partition(int id) {
        this(id, new IndexTables());
    }

    public int id() {
        return id;
    }

    /** The record stored under {@code digest}, live or not, or null. */
    public byte @Nullable [] get(Digest digest) {
        return index.get(digest.hi(), digest.mid(), digest.lo());
    }

    /** Stores a record under its own digest; the caller holds the lock. Returns the record it replaced. */
    public byte @Nullable [] put(byte[] record) {
        assert isHeldByCurrentThread() : "partition " + id + " written without its lock";
        return index.put(record);
    }

    /** Removes a record; the caller holds the lock. Returns the record removed. */
    public byte @Nullable [] remove(Digest digest) {
        assert isHeldByCurrentThread() : "partition " + id + " written without its lock";
        return index.remove(digest.hi(), digest.mid(), digest.lo());
    }

    /** Number of records in the index, live or not yet reaped. */
    public int size() {
        return index.size();
    }

    /**
     * The records whose digests come after {@code after} (all if null), in digest order: a snapshot,
     * so a scan never holds the lock while it streams.
     */
    public List<byte[]> recordsAfter(@Nullable Digest after) {
        List<byte[]> all = index.snapshot();
        List<byte[]> out = new ArrayList<>(all.size());
        for (byte[] r : all) {
            if (after == null
                    || Digest.compare(
                                    Record.digestHi(r),
                                    Record.digestMid(r),
                                    Record.digestLo(r),
                                    after.hi(),
                                    after.mid(),
                                    after.lo())
                            > 0) {
                out.add(r);
            }
        }
        out.sort(Record.DIGEST_ORDER);
        return out;
    }

    /** The records in the index, in table order: a snapshot of references (hold the lock for one instant's view). */
    public List<byte[]> records() {
        return index.snapshot();
    }

    /** Removes, under the lock, every record for which {@code doomed} holds, handing each to {@code sink}. */
    public void removeIf(Predicate<byte[]> doomed, RemovalSink sink) {
        lock();
        try {
            for (byte[] r : index.snapshot()) {
                if (doomed.test(r)) {
                    byte[] removed = index.remove(Record.digestHi(r), Record.digestMid(r), Record.digestLo(r));
                    if (removed != null) {
                        sink.removed(removed);
                    }
                }
            }
        } finally {
            unlock();
        }
    }

    /** Receives records removed in bulk. */
    @FunctionalInterface
    public interface RemovalSink {
        void removed(byte[] record);
    }
}
