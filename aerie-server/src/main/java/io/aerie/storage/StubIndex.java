package io.aerie.storage;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A device-engine partition's index: an open-addressing table of int entry ids (on heap, 4 bytes a
 * slot) over fixed-size entries off heap in the namespace's {@link EntryArena}. An entry holds what
 * a stub holds: digest, generation, set id, void-time, last-update time, bin count, the record's
 * storage address and length. Lookups build a stub ({@link Record#stubOf}) from it.
 *
 * <pre>
 *   0 digest hi  i64     24 last-update  i64     44 length     i32
 *   8 digest mid i64     32 address      i64     48 generation u16
 *  16 digest lo  i32     40 void-time    i32     50 set id     u16
 *  20 sequence   i32 (even: stable; odd: being written)    52 bin count u16
 * </pre>
 *
 * <p>Readers take no lock: they load the table with acquire semantics, read an entry between two
 * reads of its sequence and read again if it moved. An entry freed by a delete may be reused for
 * another record at once; a reader that held its id sees another digest (or a moved sequence) and
 * goes on probing.
 */
final class StubIndex implements PartitionIndex {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int EMPTY = 0;
    /** A deleted slot: probes go on past it; inserts may reuse it. Other values are entry id + 1. */
    private static final int TOMBSTONE = -1;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT;

    private final EntryArena arena;
    private volatile int[] table = new int[PartitionIndex.MIN_CAPACITY];
    private volatile int live;
    private int used;

    StubIndex(EntryArena arena) {
        this.arena = arena;
    }

    @Override
    public byte @Nullable [] get(long hi, long mid, int lo) {
        int[] t = table;
        int mask = t.length - 1;
        int i = PartitionIndex.slot(mid, lo, mask);
        for (int n = 0; n < t.length; n++) {
            int v = (int) SLOT.getAcquire(t, i);
            if (v == EMPTY) {
                return null;
            }
            if (v != TOMBSTONE) {
                byte[] stub = read(v - 1, hi, mid, lo, true);
                if (stub != null) {
                    return stub;
                }
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /**
     * The stub of entry {@code id} if it holds the digest given (any digest when {@code match} is
     * false), read consistently; null when it holds another.
     */
    private byte @Nullable [] read(int id, long hi, long mid, int lo, boolean match) {
        MemorySegment c = arena.chunk(id);
        long o = EntryArena.offset(id);
        while (true) {
            int seq = c.get(INT, o + 20);
            VarHandle.acquireFence();
            if ((seq & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long eh = c.get(LONG, o);
            long em = c.get(LONG, o + 8);
            int el = c.get(INT, o + 16);
            byte[] stub = null;
            if (!match || (eh == hi && em == mid && el == lo)) {
                stub = Record.stubOf(eh, em, el, c.get(LONG, o + 32), c.get(INT, o + 44));
                Record.setMetadata(
                        stub,
                        c.get(SHORT, o + 48) & 0xFFFF,
                        c.get(SHORT, o + 50) & 0xFFFF,
                        c.get(INT, o + 40),
                        c.get(LONG, o + 24),
                        c.get(SHORT, o + 52) & 0xFFFF);
            }
            VarHandle.acquireFence();
            if (c.get(INT, o + 20) == seq) {
                return stub;
            }
        }
    }

    /** Writes a stub's fields into entry {@code id} under its sequence. Caller holds the lock. */
    private void write(int id, byte[] stub) {
        MemorySegment c = arena.chunk(id);
        long o = EntryArena.offset(id);
        int seq = c.get(INT, o + 20);
        c.set(INT, o + 20, seq + 1);
        VarHandle.storeStoreFence();
        c.set(LONG, o, Record.digestHi(stub));
        c.set(LONG, o + 8, Record.digestMid(stub));
        c.set(INT, o + 16, Record.digestLo(stub));
        c.set(LONG, o + 24, Record.lastUpdateTime(stub));
        c.set(LONG, o + 32, Record.deviceAddress(stub));
        c.set(INT, o + 40, Record.voidTime(stub));
        c.set(INT, o + 44, Record.storedLength(stub));
        c.set(SHORT, o + 48, (short) Record.generation(stub));
        c.set(SHORT, o + 50, (short) Record.setId(stub));
        c.set(SHORT, o + 52, (short) Record.binCount(stub));
        VarHandle.releaseFence();
        c.set(INT, o + 20, seq + 2);
    }

    @Override
    public byte @Nullable [] put(byte[] stub) {
        if (!Record.isStub(stub)) {
            throw new IllegalArgumentException("the device engine's index holds stubs, not records");
        }
        long hi = Record.digestHi(stub);
        long mid = Record.digestMid(stub);
        int lo = Record.digestLo(stub);
        int[] t = table;
        int mask = t.length - 1;
        int i = PartitionIndex.slot(mid, lo, mask);
        int free = -1;
        for (int n = 0; n < t.length; n++) {
            int v = t[i];
            if (v == EMPTY) {
                break;
            }
            if (v == TOMBSTONE) {
                if (free < 0) {
                    free = i;
                }
            } else {
                byte[] old = read(v - 1, hi, mid, lo, true);
                if (old != null) {
                    write(v - 1, stub);
                    return old;
                }
            }
            i = (i + 1) & mask;
        }
        if (free < 0 && PartitionIndex.mustGrow(used, t.length)) {
            rebuild(Math.max(live + 1, used + 1));
            return put(stub);
        }
        int id = arena.allocate();
        write(id, stub);
        if (free >= 0) {
            SLOT.setRelease(t, free, id + 1);
        } else {
            SLOT.setRelease(t, i, id + 1);
            used++;
        }
        live = live + 1;
        return null;
    }

    @Override
    public byte @Nullable [] remove(long hi, long mid, int lo) {
        int[] t = table;
        int mask = t.length - 1;
        int i = PartitionIndex.slot(mid, lo, mask);
        for (int n = 0; n < t.length; n++) {
            int v = t[i];
            if (v == EMPTY) {
                return null;
            }
            if (v != TOMBSTONE) {
                byte[] old = read(v - 1, hi, mid, lo, true);
                if (old != null) {
                    SLOT.setRelease(t, i, TOMBSTONE);
                    arena.release(v - 1);
                    live = live - 1;
                    if (PartitionIndex.mostlyTombstones(used, live)) {
                        rebuild(live);
                    }
                    return old;
                }
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Replaces the table with one sized for {@code count} entries, without tombstones. */
    private void rebuild(int count) {
        int capacity = PartitionIndex.capacityFor(count);
        int[] old = table;
        int[] fresh = new int[capacity];
        int mask = capacity - 1;
        int n = 0;
        for (int v : old) {
            if (v != EMPTY && v != TOMBSTONE) {
                MemorySegment c = arena.chunk(v - 1);
                long o = EntryArena.offset(v - 1);
                int i = PartitionIndex.slot(c.get(LONG, o + 8), c.get(INT, o + 16), mask);
                while (fresh[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                fresh[i] = v;
                n++;
            }
        }
        assert n == live : "index lost entries: " + n + " of " + live;
        used = n;
        table = fresh;
    }

    @Override
    public int size() {
        return live;
    }

    @Override
    public List<byte[]> snapshot() {
        int[] t = table;
        List<byte[]> out = new ArrayList<>(Math.max(0, live));
        for (int i = 0; i < t.length; i++) {
            int v = (int) SLOT.getAcquire(t, i);
            if (v != EMPTY && v != TOMBSTONE) {
                byte[] stub = read(v - 1, 0, 0, 0, false);
                if (stub != null) {
                    out.add(stub);
                }
            }
        }
        return out;
    }
}
