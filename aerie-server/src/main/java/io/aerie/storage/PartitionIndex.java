package io.aerie.storage;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A partition's index from digest to record. Writers hold the partition lock; {@link #get} and
 * {@link #snapshot} take none. Two kinds: {@link RecordIndex} holds the record arrays themselves
 * (memory namespaces), {@link StubIndex} holds each record's metadata and storage address off the
 * heap (the device engine) and hands out stubs.
 */
interface PartitionIndex {
    /** The record (or stub) stored under a digest, or null; lock-free. */
    byte @Nullable [] get(long hi, long mid, int lo);

    /** Stores a record (or stub) under its digest; returns what it replaced. Caller holds the lock. */
    byte @Nullable [] put(byte[] record);

    /** Removes the entry under a digest; returns it. Caller holds the lock. */
    byte @Nullable [] remove(long hi, long mid, int lo);

    /** Entries stored. */
    int size();

    /** Every entry now stored, in table order; lock-free. */
    List<byte[]> snapshot();

    /** Slots of a new, empty table. */
    int MIN_CAPACITY = 8;

    /** The home slot of a digest in a table of {@code mask + 1} slots. */
    static int slot(long mid, int lo, int mask) {
        // Digest bits are uniform; the partition id comes from the first bytes, so hash the later ones.
        int h = (int) (mid ^ (mid >>> 32)) ^ lo;
        return h & mask;
    }

    /**
     * Slots for a rebuilt table of {@code count} entries: the power of two they fill to at most a
     * quarter, so a table grows by at least a doubling before it is full again.
     */
    static int capacityFor(int count) {
        int capacity = MIN_CAPACITY;
        while (capacity < count * 4) {
            capacity <<= 1;
        }
        return capacity;
    }

    /**
     * Whether a table of {@code capacity} slots with {@code used} taken must grow before it takes
     * one more entry. Half full at most: every slot a probe passes before its own is another record
     * whose digest it reads, most likely a cache miss, and linear probing's chains lengthen fast
     * past half.
     */
    static boolean mustGrow(int used, int capacity) {
        return (used + 1) * 2 > capacity;
    }

    /** Whether a table is mostly tombstones after a delete, so a rebuild keeps probes short. */
    static boolean mostlyTombstones(int used, int live) {
        return used > 4 * live + MIN_CAPACITY;
    }
}
