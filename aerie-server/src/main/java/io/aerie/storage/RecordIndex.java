package io.aerie.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A partition's index: an open-addressing hash table of records (flat arrays, see {@link Record}) keyed by the digest each
 * record carries, so an entry costs one array slot and no key or node object.
 *
 * <p>Concurrency: writers hold the partition lock; readers take no lock. Slots are written with
 * release and read with acquire semantics, deletes leave a tombstone rather than shifting entries
 * (so a reader's probe never skips a record that is present), and growth builds a new table that
 * is published with one release write into the namespace's {@link IndexTables}. A reader that
 * loaded the old table sees it whole.
 */
final class RecordIndex implements PartitionIndex {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(byte[][].class);
    /** Marks a deleted slot: probes continue past it, inserts may reuse it. */
    private static final byte[] TOMBSTONE = new byte[Record.HEADER];

    private final IndexTables tables;
    private final int partitionId;
    /** Live records; written under the lock, read by anyone. */
    private volatile int live;
    /** Live records plus tombstones; only under the lock. */
    private int used;

    RecordIndex(IndexTables tables, int partitionId) {
        this.tables = tables;
        this.partitionId = partitionId;
        tables.publish(partitionId, new byte[PartitionIndex.MIN_CAPACITY][]);
    }

    /** The table now published; never null once this index exists. */
    private byte[][] table() {
        byte[][] t = tables.table(partitionId);
        if (t == null) {
            throw new IllegalStateException("partition " + partitionId + " has no published table");
        }
        return t;
    }

    @Override
    public byte @Nullable [] get(long hi, long mid, int lo) {
        byte[][] t = table();
        return find(t, t.length - 1, hi, mid, lo);
    }

    /**
     * The record under a digest in table {@code t}, probing from the digest's home slot under
     * {@code mask}, or null; lock-free. A record returned is always the digest's; a mask other than
     * {@code t.length - 1} (a stale hint) may miss one that is there.
     */
    static byte @Nullable [] find(byte[][] t, int mask, long hi, long mid, int lo) {
        int i = PartitionIndex.slot(mid, lo, mask);
        for (int n = 0; n <= mask; n++) {
            if (i >= t.length) {
                // A hint from a larger table: only a branch on the length, so the slot's load need
                // not wait for the table's header.
                return null;
            }
            byte[] r = (byte[]) SLOT.getAcquire(t, i);
            if (r == null) {
                return null;
            }
            if (r != TOMBSTONE && Record.hasDigest(r, hi, mid, lo)) {
                return r;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Stores a record under its digest; returns the record it replaced. Caller holds the lock. */
    @Override
    public byte @Nullable [] put(byte[] record) {
        byte[][] t = table();
        int mask = t.length - 1;
        int i = PartitionIndex.slot(Record.digestMid(record), Record.digestLo(record), mask);
        int free = -1;
        for (int n = 0; n < t.length; n++) {
            byte[] r = t[i];
            if (r == null) {
                break;
            }
            if (r == TOMBSTONE) {
                if (free < 0) {
                    free = i;
                }
            } else if (Record.hasDigest(
                    r, Record.digestHi(record), Record.digestMid(record), Record.digestLo(record))) {
                SLOT.setRelease(t, i, record);
                return r;
            }
            i = (i + 1) & mask;
        }
        if (free < 0 && PartitionIndex.mustGrow(used, t.length)) {
            rebuild(Math.max(live + 1, used + 1));
            return put(record);
        }
        if (free >= 0) {
            SLOT.setRelease(t, free, record);
        } else {
            SLOT.setRelease(t, i, record);
            used++;
        }
        live = live + 1;
        return null;
    }

    /** Removes the record under a digest; returns it. Caller holds the lock. */
    @Override
    public byte @Nullable [] remove(long hi, long mid, int lo) {
        byte[][] t = table();
        int mask = t.length - 1;
        int i = PartitionIndex.slot(mid, lo, mask);
        for (int n = 0; n < t.length; n++) {
            byte[] r = t[i];
            if (r == null) {
                return null;
            }
            if (r != TOMBSTONE && Record.hasDigest(r, hi, mid, lo)) {
                SLOT.setRelease(t, i, TOMBSTONE);
                live = live - 1;
                if (PartitionIndex.mostlyTombstones(used, live)) {
                    // Mostly tombstones: rebuild so probes stay short.
                    rebuild(live);
                }
                return r;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Replaces the table with one sized for {@code count} records, without tombstones. */
    private void rebuild(int count) {
        int capacity = PartitionIndex.capacityFor(count);
        byte[][] old = table();
        byte[][] fresh = new byte[capacity][];
        int mask = capacity - 1;
        int n = 0;
        for (byte[] r : old) {
            if (r != null && r != TOMBSTONE) {
                int i = PartitionIndex.slot(Record.digestMid(r), Record.digestLo(r), mask);
                while (fresh[i] != null) {
                    i = (i + 1) & mask;
                }
                fresh[i] = r;
                n++;
            }
        }
        assert n == live : "index lost records: " + n + " of " + live;
        used = n;
        tables.publish(partitionId, fresh);
    }

    @Override
    public int size() {
        return live;
    }

    /** The live records now in the table (a lock-free snapshot, in table order). */
    @Override
    public List<byte[]> snapshot() {
        byte[][] t = table();
        List<byte[]> out = new ArrayList<>(Math.max(0, live));
        for (int i = 0; i < t.length; i++) {
            byte[] r = (byte[]) SLOT.getAcquire(t, i);
            if (r != null && r != TOMBSTONE) {
                out.add(r);
            }
        }
        return out;
    }
}
