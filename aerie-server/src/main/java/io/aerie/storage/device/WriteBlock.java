package io.aerie.storage.device;

import java.nio.charset.StandardCharsets;

/**
 * The streaming write buffer of one write block: records are appended as {@link DeviceRecord}
 * entries until the block is full, then the block is sealed and never changes again. What has
 * been appended but not yet handed to the device is the pending range; the engine flushes it in
 * {@code flush-size} steps, or whole when the block is sealed or {@code flush-max-ms} has passed.
 *
 * <p>Not thread-safe: one writer per block (the engine serialises appends).
 */
public final class WriteBlock {
    private final long id;
    private final long stamp;
    private final byte[] buf;
    private int used;
    private int flushed;
    private boolean sealed;

    /**
     * An empty block with id {@code id} (its index on the device) of {@code size} bytes, written
     * with stamp {@code stamp} (higher than that of any earlier use of the block).
     */
    public WriteBlock(long id, long stamp, int size) {
        this(id, stamp, new byte[size], false);
    }

    /** As {@link #WriteBlock(long, long, int)}, in a buffer recycled from an earlier block (cleared here). */
    public WriteBlock(long id, long stamp, byte[] buffer) {
        this(id, stamp, buffer, true);
    }

    private WriteBlock(long id, long stamp, byte[] buffer, boolean clear) {
        int size = buffer.length;
        if (size < DeviceRecord.HEADER || size % DeviceRecord.ALIGN != 0) {
            throw new IllegalArgumentException(
                    "write block size " + size + " is not a multiple of " + DeviceRecord.ALIGN);
        }
        if (stamp <= 0) {
            throw new IllegalArgumentException("stamp " + stamp);
        }
        this.id = id;
        this.stamp = stamp;
        this.buf = buffer;
        if (clear) {
            java.util.Arrays.fill(buffer, (byte) 0);
        }
    }

    /** The write sequence of this use of the block, carried by each of its entries. */
    public long stamp() {
        return stamp;
    }

    public long id() {
        return id;
    }

    /** The block's bytes (all of them; what follows {@link #used()} is zeros). */
    public byte[] bytes() {
        return buf;
    }

    /** Bytes appended so far. */
    public int used() {
        return used;
    }

    public boolean sealed() {
        return sealed;
    }

    /**
     * Appends the entry for a record; returns its offset in the block, or -1 when it does not fit
     * (the caller seals this block and starts another).
     */
    public int append(String setName, byte[] record, int off, int len, boolean tombstone) {
        return append(
                setName.getBytes(StandardCharsets.UTF_8), record, off, len, tombstone ? DeviceRecord.TOMBSTONE : 0);
    }

    /** As {@link #append(String, byte[], int, int, boolean)} with the set name in UTF-8 and the entry's flags. */
    public int append(byte[] set, byte[] record, int off, int len, int flags) {
        if (sealed) {
            throw new IllegalStateException("write block " + id + " is sealed");
        }
        int size = DeviceRecord.entrySize(set.length, len);
        if (size > buf.length - used) {
            return -1;
        }
        int at = used;
        used = DeviceRecord.write(buf, at, stamp, set, record, off, len, flags);
        assert used - at == size : "entry took " + (used - at) + " bytes, expected " + size;
        return at;
    }

    /** Seals the block: it takes no more appends. A block is sealed once. */
    public void seal() {
        if (sealed) {
            throw new IllegalStateException("write block " + id + " sealed twice");
        }
        sealed = true;
    }

    /** Start of the pending range: bytes before it are on the device. */
    public int flushedTo() {
        return flushed;
    }

    /**
     * End of the range to flush now: whole {@code flushSize} steps of the pending bytes, or all of
     * them when the block is sealed or {@code force} (flush-max-ms passed).
     */
    public int flushLimit(int flushSize, boolean force) {
        if (flushSize <= 0 || flushSize % DeviceRecord.ALIGN != 0) {
            throw new IllegalArgumentException("flush size " + flushSize);
        }
        if (sealed || force) {
            return used;
        }
        return Math.max(flushed, used - used % flushSize);
    }

    /** Records that bytes up to {@code end} are on the device; the range only grows. */
    public void markFlushed(int end) {
        if (end < flushed || end > used) {
            throw new IllegalArgumentException("flushed to " + end + " outside [" + flushed + ", " + used + "]");
        }
        flushed = end;
    }
}
