package io.aerie.ops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One bin while a write is being applied: a name and a typed value, both as slices of some
 * buffer (a request or a stored record), so unchanged bins are never copied until the record is
 * re-encoded.
 */
public final class Bin {
    /** Longest bin name Aerospike allows, in bytes. */
    public static final int MAX_NAME_LENGTH = 15;

    final byte[] nameBuf;
    final int nameOff;
    final int nameLen;
    int type;
    byte[] valueBuf;
    int valueOff;
    int valueLen;

    public Bin(byte[] nameBuf, int nameOff, int nameLen, int type, byte[] valueBuf, int valueOff, int valueLen) {
        this.nameBuf = nameBuf;
        this.nameOff = nameOff;
        this.nameLen = nameLen;
        this.type = type;
        this.valueBuf = valueBuf;
        this.valueOff = valueOff;
        this.valueLen = valueLen;
    }

    public int type() {
        return type;
    }

    public int valueLength() {
        return valueLen;
    }

    public byte[] valueBuffer() {
        return valueBuf;
    }

    public int valueOffset() {
        return valueOff;
    }

    public byte[] nameBuffer() {
        return nameBuf;
    }

    public int nameOffset() {
        return nameOff;
    }

    public int nameLength() {
        return nameLen;
    }

    public String name() {
        return new String(nameBuf, nameOff, nameLen, StandardCharsets.UTF_8);
    }

    /** Whether this bin is named by {@code buf[off, off+len)}. */
    public boolean hasName(byte[] buf, int off, int len) {
        return len == nameLen && Arrays.equals(nameBuf, nameOff, nameOff + nameLen, buf, off, off + len);
    }

    /** Replaces the value with one held in its own array. */
    void setValue(int newType, byte[] value) {
        this.type = newType;
        this.valueBuf = value;
        this.valueOff = 0;
        this.valueLen = value.length;
    }

    /** Bytes this bin takes when encoded as a stored bin / reply op. */
    int encodedSize() {
        return 8 + nameLen + valueLen;
    }
}
