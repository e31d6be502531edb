package io.aerie.ops;

import io.aerie.protocol.Bytes;
import io.aerie.protocol.OpType;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The bins of a record while a transaction changes them, and the codec of the stored form.
 *
 * <p>A record's bins are stored exactly as reply ops: {@code u32 size, u8 op(READ), u8 particle
 * type, u8 0, u8 name length, name, value} one after another, so a read of all bins copies the
 * stored bytes straight into the reply.
 */
public final class BinList {
    private final ArrayList<Bin> bins;

    public BinList(int capacity) {
        this.bins = new ArrayList<>(capacity);
    }

    /** Decodes {@code count} stored bins starting at {@code pos} (views into {@code stored}, not copies). */
    public static BinList decode(byte[] stored, int pos, int count) {
        BinList list = new BinList(count + 4);
        for (int i = 0; i < count; i++) {
            int size = Bytes.getInt(stored, pos);
            int type = stored[pos + 5] & 0xFF;
            int nameLen = stored[pos + 7] & 0xFF;
            int valueOff = pos + 8 + nameLen;
            list.bins.add(new Bin(stored, pos + 8, nameLen, type, stored, valueOff, size - 4 - nameLen));
            pos += 4 + size;
        }
        return list;
    }

    public int size() {
        return bins.size();
    }

    public Bin get(int i) {
        return bins.get(i);
    }

    public boolean isEmpty() {
        return bins.isEmpty();
    }

    /** The bin with that name, or null. */
    public @Nullable Bin find(byte[] buf, int off, int len) {
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            if (b.hasName(buf, off, len)) {
                return b;
            }
        }
        return null;
    }

    /** Sets a bin's value (adding the bin if missing), the value being a slice of {@code vbuf}. */
    public void put(byte[] nbuf, int noff, int nlen, int type, byte[] vbuf, int voff, int vlen) {
        Bin b = find(nbuf, noff, nlen);
        if (b == null) {
            bins.add(new Bin(nbuf, noff, nlen, type, vbuf, voff, vlen));
        } else {
            b.type = type;
            b.valueBuf = vbuf;
            b.valueOff = voff;
            b.valueLen = vlen;
        }
    }

    /** Removes a bin; returns whether it existed. */
    public boolean remove(byte[] buf, int off, int len) {
        for (int i = 0; i < bins.size(); i++) {
            if (bins.get(i).hasName(buf, off, len)) {
                bins.remove(i);
                return true;
            }
        }
        return false;
    }

    public void clear() {
        bins.clear();
    }

    /** Size of the stored form. */
    public int encodedSize() {
        int size = 0;
        for (int i = 0; i < bins.size(); i++) {
            size += bins.get(i).encodedSize();
        }
        return size;
    }

    /** Encodes the stored form into a new array. */
    public byte[] encode() {
        byte[] out = new byte[encodedSize()];
        encodeInto(out, 0);
        return out;
    }

    /** Encodes the stored form into {@code out} at {@code pos}; returns the position after it. */
    public int encodeInto(byte[] out, int pos) {
        for (int i = 0; i < bins.size(); i++) {
            pos = writeOp(bins.get(i), out, pos);
        }
        return pos;
    }

    /**
     * Whether {@link #encodeInto} may write into {@code out} at {@code pos} although the same array
     * holds the bins these were decoded from: every bin whose name or value lies in {@code out}
     * must stay exactly where it is, so no write clobbers bytes another bin has yet to be copied
     * from.
     */
    public boolean canEncodeInPlace(byte[] out, int pos) {
        int p = pos;
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            if ((b.nameBuf == out && b.nameOff != p + 8) || (b.valueBuf == out && b.valueOff != p + 8 + b.nameLen)) {
                return false;
            }
            p += b.encodedSize();
        }
        return true;
    }

    /** Writes one bin as a reply op at {@code pos}; returns the position after it. */
    static int writeOp(Bin b, byte[] out, int pos) {
        Bytes.putInt(out, pos, 4 + b.nameLen + b.valueLen);
        out[pos + 4] = (byte) OpType.READ;
        out[pos + 5] = (byte) b.type;
        out[pos + 6] = 0;
        out[pos + 7] = (byte) b.nameLen;
        System.arraycopy(b.nameBuf, b.nameOff, out, pos + 8, b.nameLen);
        System.arraycopy(b.valueBuf, b.valueOff, out, pos + 8 + b.nameLen, b.valueLen);
        return pos + 8 + b.nameLen + b.valueLen;
    }
}
