package io.aerie.storage.device;

import io.aerie.protocol.Bytes;
import java.util.zip.CRC32C;

/**
 * The codec of one record as written to a device: a 16-byte header, then the body, padded to a
 * multiple of {@link #ALIGN} bytes so entries start on aligned offsets inside a write block.
 *
 * <pre>
 *   0  u32  magic 0x41455243 ("AERC")
 *   4  u32  size: bytes of the whole entry, header and padding included, a multiple of 16
 *   8  u32  CRC32C over bytes [12, 16 + body length): the body length and the body
 *  12  u32  body length
 *  16  u64  stamp: the write sequence of the block the entry was written into
 *  24  u8   flags (bit 0: tombstone, a durable delete; bits 1-2: the record's compression codec)
 *  25  u8   set name length, 0 = no set
 *  26  ..   set name (UTF-8)
 *   .  ..   the record in {@link io.aerie.storage.Record}'s layout (its set id and device address
 *           are not used on a device: ids are per process, names are not)
 * </pre>
 *
 * <p>The stamp tells a block's entries from those a previous use of the same block left behind:
 * every use of a block gets a higher stamp, so entries of a lower one are stale leftovers.
 *
 * <p>Pure: no I/O. A reader of a block walks entries with {@link #read}; a zero magic marks the
 * unwritten rest of a block, anything else that fails a check is reported as damaged, so restart
 * can skip it and name it.
 */
public final class DeviceRecord {
    /** Entries start at multiples of this many bytes. */
    public static final int ALIGN = 16;
    /** "AERC", big-endian. */
    public static final int MAGIC = 0x41455243;
    /** Bytes before the body. */
    public static final int HEADER = 16;

    private static final int STAMP = 16;
    private static final int FLAGS = 24;
    private static final int SET_LENGTH = 25;
    /** Offset of the set name: bytes before it are header, stamp, flags and set name length. */
    static final int SET_NAME = 26;
    /** Body bytes before the set name: stamp, flags, set name length. */
    private static final int BODY_FIXED = SET_NAME - HEADER;

    /** Flag of a tombstone entry. */
    public static final int TOMBSTONE = 1;

    /** The flags of an entry whose record is stored with {@code codec}. */
    public static int codecFlag(Compression codec) {
        return codec.id << 1;
    }

    private static final int MAX_SET_NAME = 255;

    private DeviceRecord() {}

    /** What {@link #read} found at a position. */
    public enum Status {
        /** A whole, checksummed entry. */
        OK,
        /** Zeros: nothing was written here (the unused rest of a block). */
        END,
        /** Bytes that are not a valid entry: bad magic, impossible size or a checksum mismatch. */
        DAMAGED
    }

    /** Bytes the entry for {@code record} with that set name takes, padding included. */
    public static int entrySize(int setNameLength, int recordLength) {
        return align(SET_NAME + setNameLength + recordLength);
    }

    /**
     * Writes the entry for {@code record[recordOff, recordOff+recordLen)} with the set name {@code
     * set} (UTF-8) and the block's {@code stamp} at {@code pos} in {@code out}; returns the position
     * after it (aligned). The padding is zeroed.
     */
    public static int write(
            byte[] out, int pos, long stamp, byte[] set, byte[] record, int recordOff, int recordLen, int flags) {
        if (set.length > MAX_SET_NAME) {
            throw new IllegalArgumentException("set name of " + set.length + " bytes");
        }
        int bodyLength = BODY_FIXED + set.length + recordLen;
        int size = align(HEADER + bodyLength);
        if (pos < 0 || out.length - pos < size) {
            throw new IllegalArgumentException("entry of " + size + " bytes does not fit at " + pos);
        }
        Bytes.putInt(out, pos, MAGIC);
        Bytes.putInt(out, pos + 4, size);
        Bytes.putInt(out, pos + 12, bodyLength);
        Bytes.putLong(out, pos + STAMP, stamp);
        out[pos + FLAGS] = (byte) flags;
        out[pos + SET_LENGTH] = (byte) set.length;
        System.arraycopy(set, 0, out, pos + SET_NAME, set.length);
        System.arraycopy(record, recordOff, out, pos + SET_NAME + set.length, recordLen);
        java.util.Arrays.fill(out, pos + HEADER + bodyLength, pos + size, (byte) 0);
        Bytes.putInt(out, pos + 8, crc(out, pos, bodyLength));
        return pos + size;
    }

    /**
     * Reads the entry at {@code pos} of {@code buf[0, limit)} into {@code entry}; returns what it
     * found. On {@link Status#OK} the entry's fields locate the record inside {@code buf}.
     */
    public static Status read(byte[] buf, int pos, int limit, Entry entry) {
        entry.clear(pos);
        if (pos < 0 || pos > limit || limit > buf.length) {
            throw new IllegalArgumentException("position " + pos + " outside [0, " + limit + "]");
        }
        if (limit - pos < HEADER) {
            return isZero(buf, pos, limit) ? Status.END : Status.DAMAGED;
        }
        int magic = Bytes.getInt(buf, pos);
        int size = Bytes.getInt(buf, pos + 4);
        int bodyLength = Bytes.getInt(buf, pos + 12);
        if (magic == 0 && size == 0) {
            return Status.END;
        }
        if (magic != MAGIC
                || bodyLength < BODY_FIXED
                || bodyLength > limit - pos - HEADER
                || size != align(HEADER + bodyLength)
                || size > limit - pos) {
            return Status.DAMAGED;
        }
        if (Bytes.getInt(buf, pos + 8) != crc(buf, pos, bodyLength)) {
            return Status.DAMAGED;
        }
        int setLength = buf[pos + SET_LENGTH] & 0xFF;
        int recordOff = pos + SET_NAME + setLength;
        int recordLen = bodyLength - BODY_FIXED - setLength;
        if (recordLen < 0) {
            return Status.DAMAGED;
        }
        entry.size = size;
        entry.stamp = Bytes.getLong(buf, pos + STAMP);
        entry.tombstone = (buf[pos + FLAGS] & TOMBSTONE) != 0;
        entry.codec = (buf[pos + FLAGS] >> 1) & 3;
        entry.setNameOffset = pos + SET_NAME;
        entry.setNameLength = setLength;
        entry.recordOffset = recordOff;
        entry.recordLength = recordLen;
        return Status.OK;
    }

    /** Where {@link #read} found an entry's parts; reused across reads to allocate nothing. */
    public static final class Entry {
        int position;
        int size;
        long stamp;
        boolean tombstone;
        int codec;
        int setNameOffset;
        int setNameLength;
        int recordOffset;
        int recordLength;

        void clear(int pos) {
            position = pos;
            size = 0;
            stamp = 0;
            tombstone = false;
            codec = 0;
            setNameOffset = 0;
            setNameLength = 0;
            recordOffset = 0;
            recordLength = 0;
        }

        /** Where the entry starts. */
        public int position() {
            return position;
        }

        /** Bytes the entry takes, padding included; the next entry starts this far on. */
        public int size() {
            return size;
        }

        /** The write sequence of the block use that wrote the entry. */
        public long stamp() {
            return stamp;
        }

        /** Whether the entry is a durable delete's tombstone. */
        public boolean tombstone() {
            return tombstone;
        }

        /** How the entry's record is compressed. */
        public Compression codec() {
            return Compression.ofId(codec);
        }

        /** The entry's flags as {@link DeviceRecord#write} takes them. */
        public int flags() {
            return (tombstone ? TOMBSTONE : 0) | (codec << 1);
        }

        public int setNameOffset() {
            return setNameOffset;
        }

        public int setNameLength() {
            return setNameLength;
        }

        /** Offset of the record (in {@link io.aerie.storage.Record}'s layout). */
        public int recordOffset() {
            return recordOffset;
        }

        public int recordLength() {
            return recordLength;
        }
    }

    static int align(int n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    private static int crc(byte[] buf, int pos, int bodyLength) {
        CRC32C c = new CRC32C();
        c.update(buf, pos + 12, 4 + bodyLength);
        return (int) c.getValue();
    }

    private static boolean isZero(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
