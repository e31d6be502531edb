package io.aerie.storage;

import io.aerie.protocol.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * A record's 20-byte RIPEMD-160 digest, held as three primitives so that an index entry costs no
 * extra array. Ordered as unsigned bytes, which is the order scans walk a partition in.
 */
public final class Digest implements Comparable<Digest> {
    /** Size of a digest on the wire. */
    public static final int SIZE = 20;

    private final long hi;
    private final long mid;
    private final int lo;

    /** A digest from its three parts (as a record stores them). */
    public Digest(long hi, long mid, int lo) {
        this.hi = hi;
        this.mid = mid;
        this.lo = lo;
    }

    /** The digest at {@code buf[off, off+20)}. */
    public static Digest of(byte[] buf, int off) {
        return new Digest(Bytes.getLong(buf, off), mid(buf, off), lo(buf, off));
    }

    /** {@link #mid()} of the digest at {@code buf[off, off+20)}, without building it. */
    public static long mid(byte[] buf, int off) {
        return Bytes.getLong(buf, off + 8);
    }

    /** {@link #lo()} of the digest at {@code buf[off, off+20)}, without building it. */
    public static int lo(byte[] buf, int off) {
        return Bytes.getInt(buf, off + 16);
    }

    /** Partition id: the low 12 bits of the first two bytes read little-endian. */
    public static int partitionId(byte[] buf, int off) {
        return Bytes.getUShortLE(buf, off) & (Partition.COUNT - 1);
    }

    /** Bytes 0..7, big-endian. */
    public long hi() {
        return hi;
    }

    /** Bytes 8..15, big-endian. */
    public long mid() {
        return mid;
    }

    /** Bytes 16..19, big-endian. */
    public int lo() {
        return lo;
    }

    /** Unsigned byte order of two digests given as parts. */
    public static int compare(long hi1, long mid1, int lo1, long hi2, long mid2, int lo2) {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(mid1, mid2);
        return c != 0 ? c : Integer.compareUnsigned(lo1, lo2);
    }

    /** Partition id of this digest. */
    public int partitionId() {
        int b0 = (int) (hi >>> 56) & 0xFF;
        int b1 = (int) (hi >>> 48) & 0xFF;
        return (b0 | (b1 << 8)) & (Partition.COUNT - 1);
    }

    /** Writes the 20 bytes at {@code off}. */
    public void writeTo(byte[] out, int off) {
        Bytes.putLong(out, off, hi);
        Bytes.putLong(out, off + 8, mid);
        Bytes.putInt(out, off + 16, lo);
    }

    public byte[] toBytes() {
        byte[] out = new byte[SIZE];
        writeTo(out, 0);
        return out;
    }

    @Override
    public int compareTo(Digest o) {
        return compare(hi, mid, lo, o.hi, o.mid, o.lo);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Digest d && d.hi == hi && d.mid == mid && d.lo == lo;
    }

    @Override
    public int hashCode() {
        // The digest is already a cryptographic hash: its bits are uniform.
        return (int) (mid ^ (mid >>> 32)) ^ lo;
    }

    @Override
    public String toString() {
        return java.util.HexFormat.of().formatHex(toBytes());
    }
}
