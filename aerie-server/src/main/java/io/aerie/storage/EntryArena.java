package io.aerie.storage;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Off-heap memory for a namespace's index entries (device engine): fixed-size entries in large
 * chunks, addressed by an int id, reused through a free list. The collector sees one small object
 * per chunk instead of one per record; the chunks are freed with the arena once the namespace is
 * unreachable.
 */
public final class EntryArena {
    /** Bytes per entry; see {@link StubIndex} for the layout. */
    static final int ENTRY_BYTES = 56;

    private static final int CHUNK_SHIFT = 14;
    private static final int CHUNK_ENTRIES = 1 << CHUNK_SHIFT;

    private final Arena arena = Arena.ofAuto();
    private volatile MemorySegment[] chunks = new MemorySegment[0];
    private int next;
    private int[] free = new int[64];
    private int freeCount;
    private long inUse;

    /** A free entry's id; its bytes hold whatever the last user left (the sequence field in particular). */
    synchronized int allocate() {
        inUse++;
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if ((next >>> CHUNK_SHIFT) == chunks.length) {
            MemorySegment[] grown = java.util.Arrays.copyOf(chunks, chunks.length + 1);
            grown[chunks.length] = arena.allocate((long) CHUNK_ENTRIES * ENTRY_BYTES, 8);
            chunks = grown;
        }
        if (next == Integer.MAX_VALUE) {
            throw new IllegalStateException("index entries exhausted");
        }
        return next++;
    }

    /** Returns an entry to the free list; a reader still looking at it sees its sequence move on. */
    synchronized void release(int id) {
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = id;
        inUse--;
    }

    /** The chunk holding entry {@code id}. */
    MemorySegment chunk(int id) {
        return chunks[id >>> CHUNK_SHIFT];
    }

    /** The byte offset of entry {@code id} in its chunk. */
    static long offset(int id) {
        return (long) (id & (CHUNK_ENTRIES - 1)) * ENTRY_BYTES;
    }

    /** Off-heap bytes reserved. */
    public long reservedBytes() {
        return (long) chunks.length * CHUNK_ENTRIES * ENTRY_BYTES;
    }

    /** Bytes of entries in use. */
    public synchronized long usedBytes() {
        return inUse * ENTRY_BYTES;
    }

    /** Entries in use. */
    public synchronized long entries() {
        return inUse;
    }
}
