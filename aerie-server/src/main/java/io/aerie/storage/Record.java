package io.aerie.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A stored record is one byte array: metadata, the user key and the bins, flat. The index holds
 * these arrays directly, so a read touches one object whose first cache line carries everything
 * but the bins, and the bins follow in order for the prefetcher.
 *
 * <p>A write that changes the record's size builds a new array and swaps it into the index. A
 * write that keeps the size (the common update of a value by one of the same length) rewrites the
 * array in place, under the partition lock, bracketed by a sequence number (a seqlock): readers
 * take no lock, read between {@link #readBegin} and {@link #readValid}, and read again when a
 * write overlapped. In-place writes spare the collector a record-sized copy per update.
 *
 * <p>This class only reads and builds that layout (big-endian, as on the wire):
 *
 * <pre>
 *   0  digest        20 bytes
 *  20  generation    u16, 1..65535, wrapping to 1
 *  22  set id        u16, the namespace's id for the record's set; 0 = no set
 *  24  void-time     u32, expiry in seconds since 2010-01-01; 0 = never
 *  28  last-update   i64, milliseconds since 2010-01-01
 *  36  bin count     u16
 *  38  key length    i32, 0 = no stored key
 *  42  sequence      i32, even when stable, odd while an in-place write is under way
 *  46  device addr   i64, where the record's newest copy sits on the namespace's storage
 *                    files (see {@code io.aerie.storage.device.DeviceAddress}); 0 = none
 *  54  user key      particle type byte, then the value
 *   .  bins          stored form, see {@code io.aerie.ops.BinList}
 * </pre>
 *
 * <p>A namespace on the device engine keeps only a <em>stub</em> in its index: the header, with key
 * length -1, followed by the length of the whole record (i32), which lives on storage at the
 * device address. Stubs are never changed in place; a write replaces them.
 */
public final class Record {
    /** Fixed bytes we charge per record on top of its data, for the memory limit. */
    public static final int OVERHEAD_BYTES = 64;

    private static final int GENERATION = 20;
    private static final int SET_ID = 22;
    private static final int VOID_TIME = 24;
    private static final int LAST_UPDATE = 28;
    private static final int BIN_COUNT = 36;
    private static final int KEY_LENGTH = 38;
    private static final int SEQUENCE = 42;
    private static final int DEVICE_ADDRESS = 46;
    /** Key length that marks a stub. */
    private static final int STUB = -1;
    /** Bytes before the user key. */
    public static final int HEADER = 54;

    private static final int CACHE_LINE = 64;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private Record() {}

    /**
     * A new record with room for a user key of {@code keyLen} bytes (written by the caller at {@link
     * #keyOffset(byte[])}) and for {@code binsLength} bytes of bins (at {@link #binsOffset(byte[])}).
     */
    public static byte[] allocate(
            Digest digest,
            int generation,
            int voidTime,
            long lastUpdateTime,
            int setId,
            int keyLen,
            int binCount,
            int binsLength) {
        assert generation >= 1 && generation <= 0xFFFF : "generation out of range: " + generation;
        assert setId >= 0 && setId <= 0xFFFF : "set id out of range: " + setId;
        assert binCount >= 0 && binCount <= 0xFFFF : "bin count out of range: " + binCount;
        byte[] r = new byte[HEADER + keyLen + binsLength];
        digest.writeTo(r, 0);
        SHORT.set(r, GENERATION, (short) generation);
        SHORT.set(r, SET_ID, (short) setId);
        INT.set(r, VOID_TIME, voidTime);
        LONG.set(r, LAST_UPDATE, lastUpdateTime);
        SHORT.set(r, BIN_COUNT, (short) binCount);
        INT.set(r, KEY_LENGTH, keyLen);
        return r;
    }

    /** A record with the given key and stored bins (copied). */
    public static byte[] of(
            Digest digest,
            int generation,
            int voidTime,
            long lastUpdateTime,
            int setId,
            byte @Nullable [] userKey,
            byte[] bins,
            int binCount) {
        int keyLen = userKey == null ? 0 : userKey.length;
        byte[] r = allocate(digest, generation, voidTime, lastUpdateTime, setId, keyLen, binCount, bins.length);
        if (userKey != null) {
            System.arraycopy(userKey, 0, r, HEADER, keyLen);
        }
        System.arraycopy(bins, 0, r, HEADER + keyLen, bins.length);
        return r;
    }

    /** The same record with new metadata (a touch): bins and key unchanged. */
    public static byte[] touched(byte[] r, int newGeneration, int newVoidTime, long newLastUpdateTime) {
        assert newGeneration >= 1 && newGeneration <= 0xFFFF : "generation out of range: " + newGeneration;
        byte[] t = r.clone();
        SHORT.set(t, GENERATION, (short) newGeneration);
        INT.set(t, VOID_TIME, newVoidTime);
        LONG.set(t, LAST_UPDATE, newLastUpdateTime);
        return t;
    }

    /**
     * Starts a lock-free read: returns the sequence to pass to {@link #readValid}, or -1 while a
     * write is under way (read again).
     */
    public static int readBegin(byte[] r) {
        int seq = (int) INT.get(r, SEQUENCE);
        VarHandle.acquireFence();
        return (seq & 1) == 0 ? seq : -1;
    }

    /** Whether nothing read since {@link #readBegin} returned {@code seq} was changed by a writer. */
    public static boolean readValid(byte[] r, int seq) {
        VarHandle.acquireFence();
        return seq >= 0 && (int) INT.get(r, SEQUENCE) == seq;
    }

    /**
     * Whether {@code r} can take a write in place: the same key length and bins of {@code
     * binsLength} bytes make an array of the same size.
     */
    public static boolean fitsInPlace(byte[] r, int keyLen, int binsLength) {
        return keyLength(r) == keyLen && r.length - HEADER - keyLen == binsLength;
    }

    /**
     * Rewrites {@code r} in place with new metadata and bins (key unchanged); the caller holds the
     * partition lock and has checked {@link #fitsInPlace}. Lock-free readers that overlap see the
     * sequence change and read again.
     */
    public static void overwrite(
            byte[] r, int generation, int voidTime, long lastUpdateTime, int binCount, byte[] bins) {
        assert binsOffset(r) + bins.length == r.length : "in-place write of another size";
        int seq = beginOverwrite(r, generation, voidTime, lastUpdateTime, binCount);
        try {
            System.arraycopy(bins, 0, r, binsOffset(r), bins.length);
        } finally {
            endOverwrite(r, seq);
        }
    }

    /**
     * Opens an in-place write of {@code r} (the caller holds the partition lock and has checked
     * {@link #fitsInPlace}): marks it as changing and writes the new metadata. The caller then
     * writes the bins at {@link #binsOffset} and closes with {@link #endOverwrite}.
     */
    public static int beginOverwrite(byte[] r, int generation, int voidTime, long lastUpdateTime, int binCount) {
        assert generation >= 1 && generation <= 0xFFFF : "generation out of range: " + generation;
        int seq = (int) INT.get(r, SEQUENCE);
        assert (seq & 1) == 0 : "in-place write while another is under way";
        INT.set(r, SEQUENCE, seq + 1);
        VarHandle.storeStoreFence();
        SHORT.set(r, GENERATION, (short) generation);
        INT.set(r, VOID_TIME, voidTime);
        LONG.set(r, LAST_UPDATE, lastUpdateTime);
        SHORT.set(r, BIN_COUNT, (short) binCount);
        return seq;
    }

    /** Closes an in-place write opened by {@link #beginOverwrite}, which returned {@code seq}. */
    public static void endOverwrite(byte[] r, int seq) {
        VarHandle.releaseFence();
        INT.set(r, SEQUENCE, seq + 2);
    }

    /**
     * Reads one byte of each cache line of {@code r} and returns their sum: no use in itself, but
     * the loads of several records issued one after another wait for memory together, where reading
     * the records one by one waits for each in turn. Lock-free; the bytes may be changing.
     */
    public static long touch(byte[] r) {
        long sum = 0;
        for (int i = 0; i < r.length; i += CACHE_LINE) {
            sum += r[i];
        }
        return sum;
    }

    /**
     * Where the newest copy of the record is on storage, 0 if nowhere. Written only under the
     * partition lock, read by the storage engine under it; lock-free readers never look at it.
     */
    public static long deviceAddress(byte[] r) {
        return (long) LONG.get(r, DEVICE_ADDRESS);
    }

    /** Sets the set id: a record read from storage takes this process's id for its set name. */
    public static void setSetId(byte[] r, int setId) {
        assert setId >= 0 && setId <= 0xFFFF : "set id out of range: " + setId;
        SHORT.set(r, SET_ID, (short) setId);
    }

    /** Records where the record's newest copy now is on storage; the caller holds the partition lock. */
    public static void setDeviceAddress(byte[] r, long address) {
        LONG.set(r, DEVICE_ADDRESS, address);
    }

    /** An index stub for {@code full}, whose copy on storage is at {@code address}. */
    public static byte[] stub(byte[] full, long address) {
        return stub(full, address, full.length);
    }

    /**
     * An index stub for {@code full}, stored at {@code address} in a form of {@code storedLength}
     * bytes (smaller than the record when storage compresses it).
     */
    public static byte[] stub(byte[] full, long address, int storedLength) {
        assert !isStub(full) : "stub of a stub";
        byte[] s = new byte[HEADER + 4];
        System.arraycopy(full, 0, s, 0, HEADER);
        INT.set(s, KEY_LENGTH, STUB);
        INT.set(s, SEQUENCE, 0);
        INT.set(s, HEADER, storedLength);
        LONG.set(s, DEVICE_ADDRESS, address);
        return s;
    }

    /**
     * A stub for the record with that digest, stored at {@code address} with {@code length} bytes;
     * the caller fills in the metadata with {@link #setMetadata}.
     */
    public static byte[] stubOf(long hi, long mid, int lo, long address, int length) {
        byte[] s = new byte[HEADER + 4];
        LONG.set(s, 0, hi);
        LONG.set(s, 8, mid);
        INT.set(s, 16, lo);
        INT.set(s, KEY_LENGTH, STUB);
        LONG.set(s, DEVICE_ADDRESS, address);
        INT.set(s, HEADER, length);
        return s;
    }

    /** Sets generation, set id, void-time, last-update time and bin count of a new stub. */
    public static void setMetadata(
            byte[] s, int generation, int setId, int voidTime, long lastUpdateTime, int binCount) {
        SHORT.set(s, GENERATION, (short) generation);
        SHORT.set(s, SET_ID, (short) setId);
        INT.set(s, VOID_TIME, voidTime);
        LONG.set(s, LAST_UPDATE, lastUpdateTime);
        SHORT.set(s, BIN_COUNT, (short) binCount);
    }

    /** The same stub with the record's copy now at {@code address} (defragmentation moved it). */
    public static byte[] restub(byte[] stub, long address) {
        assert isStub(stub) : "restub of a whole record";
        byte[] s = stub.clone();
        LONG.set(s, DEVICE_ADDRESS, address);
        return s;
    }

    /** Whether {@code r} is an index stub whose record is on storage. */
    public static boolean isStub(byte[] r) {
        return (int) INT.get(r, KEY_LENGTH) == STUB;
    }

    /**
     * The length of the record as stored: of {@code r} itself, or for a stub the length of the form
     * its storage holds (the record, or the record compressed).
     */
    public static int storedLength(byte[] r) {
        return isStub(r) ? (int) INT.get(r, HEADER) : r.length;
    }

    /** Records (or stubs) in the order of their digests. */
    public static final java.util.Comparator<byte[]> DIGEST_ORDER =
            (a, b) -> Digest.compare(digestHi(a), digestMid(a), digestLo(a), digestHi(b), digestMid(b), digestLo(b));

    /** Digest bytes 0..7, big-endian. */
    public static long digestHi(byte[] r) {
        return (long) LONG.get(r, 0);
    }

    /** Digest bytes 8..15, big-endian. */
    public static long digestMid(byte[] r) {
        return (long) LONG.get(r, 8);
    }

    /** Digest bytes 16..19, big-endian. */
    public static int digestLo(byte[] r) {
        return (int) INT.get(r, 16);
    }

    /** The digest as an object (allocates; the hot path compares parts instead). */
    public static Digest digest(byte[] r) {
        return new Digest(digestHi(r), digestMid(r), digestLo(r));
    }

    /** Whether the record is stored under the digest given by its parts. */
    public static boolean hasDigest(byte[] r, long hi, long mid, int lo) {
        return digestMid(r) == mid && digestLo(r) == lo && digestHi(r) == hi;
    }

    public static int generation(byte[] r) {
        return (short) SHORT.get(r, GENERATION) & 0xFFFF;
    }

    public static int setId(byte[] r) {
        return (short) SHORT.get(r, SET_ID) & 0xFFFF;
    }

    /** Expiry in seconds since 2010 (compare unsigned); 0 = never. */
    public static int voidTime(byte[] r) {
        return (int) INT.get(r, VOID_TIME);
    }

    /** Milliseconds since 2010 of the last write. */
    public static long lastUpdateTime(byte[] r) {
        return (long) LONG.get(r, LAST_UPDATE);
    }

    public static int binCount(byte[] r) {
        return (short) SHORT.get(r, BIN_COUNT) & 0xFFFF;
    }

    /**
     * Whether {@code r} (a record or a stub) is a tombstone: the version a durable delete leaves, with
     * no bins. No write stores a record without bins (one that removes the last bin deletes it), so
     * the bin count alone tells.
     */
    public static boolean isTombstone(byte[] r) {
        return binCount(r) == 0;
    }

    /**
     * The tombstone that replaces {@code r} when it is durably deleted: its digest and set, {@code
     * generation}, updated at {@code lastUpdateTime}, never expiring, with no key and no bins.
     */
    public static byte[] tombstone(byte[] r, int generation, long lastUpdateTime) {
        assert generation >= 1 && generation <= 0xFFFF : "generation out of range: " + generation;
        byte[] t = new byte[HEADER];
        System.arraycopy(r, 0, t, 0, Digest.SIZE);
        SHORT.set(t, GENERATION, (short) generation);
        SHORT.set(t, SET_ID, (short) setId(r));
        LONG.set(t, LAST_UPDATE, lastUpdateTime);
        return t;
    }

    /** Length of the stored user key (particle type byte and value); 0 if none. */
    public static int keyLength(byte[] r) {
        int len = (int) INT.get(r, KEY_LENGTH);
        assert len != STUB : "key of a stub: the record must be read from storage first";
        return len;
    }

    /** Offset of the stored user key. */
    public static int keyOffset(byte[] r) {
        return HEADER;
    }

    /** A copy of the stored user key, or null. */
    public static byte @Nullable [] userKey(byte[] r) {
        int len = keyLength(r);
        return len == 0 ? null : Arrays.copyOfRange(r, HEADER, HEADER + len);
    }

    /** Whether the stored key equals {@code buf[off, off+len)}; true when no key is stored. */
    public static boolean keyMatches(byte[] r, byte[] buf, int off, int len) {
        int keyLen = keyLength(r);
        return keyLen == 0 || Arrays.equals(r, HEADER, HEADER + keyLen, buf, off, off + len);
    }

    /** Offset of the stored bins. */
    public static int binsOffset(byte[] r) {
        return HEADER + keyLength(r);
    }

    /** Length of the stored bins. */
    public static int binsLength(byte[] r) {
        return r.length - binsOffset(r);
    }

    /** The generation after {@code g}: 65535 wraps to 1, since 0 means "no record". */
    public static int nextGeneration(int g) {
        return g >= 0xFFFF ? 1 : g + 1;
    }

    /** Bytes this record counts against the namespace's data-size. */
    public static long memorySize(byte[] r) {
        return (long) OVERHEAD_BYTES + storedLength(r) - HEADER;
    }

    /** Whether the record has expired at {@code nowSeconds} (seconds since 2010). */
    public static boolean isExpired(byte[] r, int nowSeconds) {
        int voidTime = voidTime(r);
        return voidTime != 0 && Integer.compareUnsigned(voidTime, nowSeconds) <= 0;
    }
}
