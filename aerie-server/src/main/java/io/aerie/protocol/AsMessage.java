package io.aerie.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A decoded AS_MSG request: header attributes plus the positions of its fields and ops inside the
 * body buffer. Values are not copied; they stay in {@link #buffer()} and are read through offsets,
 * so decoding a request allocates only this object and its small position arrays.
 *
 * <p>Batch rows decode into the same shape, sharing the batch request's buffer.
 */
public final class AsMessage {
    private final byte[] buf;
    int info1;
    int info2;
    int info3;
    int info4;
    int generation;
    int recordTtl;
    int transactionTtl;
    /**
     * Fields as triples (id, data offset, data length), in wire order. Requests carry a handful of
     * fields, so a linear search beats indexing by id and allocates far less.
     */
    int[] fields;

    int fieldCount;
    /**
     * Slots of the namespace, set and key fields (ids 0..2), or -1: every transaction asks for
     * these, so they skip the search.
     */
    private int namespaceSlot = -1;

    private int setSlot = -1;
    private int keySlot = -1;

    int digestOff = -1;
    int opCount;
    /** Offsets of op headers (the u32 size). */
    int[] opOff;
    /** Batch rows: the index the client gave the row. */
    int batchIndex;
    /** Where the message (from its header on) sits in the buffer, and its length; a batch row has none. */
    int start;

    int length = -1;

    AsMessage(byte[] buf, int fieldCapacity, int opCapacity) {
        this.buf = buf;
        this.fields = new int[3 * fieldCapacity];
        this.opOff = new int[opCapacity];
    }

    /** Copy for a REPEAT batch row: same attributes, fields and ops, another digest and index. */
    AsMessage repeatFor(int newDigestOff, int newBatchIndex) {
        AsMessage m = new AsMessage(buf, 0, 0);
        m.info1 = info1;
        m.info2 = info2;
        m.info3 = info3;
        m.info4 = info4;
        m.generation = generation;
        m.recordTtl = recordTtl;
        m.transactionTtl = transactionTtl;
        m.fields = fields;
        m.fieldCount = fieldCount;
        m.namespaceSlot = namespaceSlot;
        m.setSlot = setSlot;
        m.keySlot = keySlot;
        m.opCount = opCount;
        m.opOff = opOff;
        m.digestOff = newDigestOff;
        m.batchIndex = newBatchIndex;
        return m;
    }

    /** A copy of the message's bytes as they came (header, fields, ops), to forward it; null for a batch row. */
    public byte @Nullable [] bytes() {
        return length < 0 ? null : java.util.Arrays.copyOfRange(buf, start, start + length);
    }

    /** The buffer that holds every value of this message. */
    public byte[] buffer() {
        return buf;
    }

    public int info1() {
        return info1;
    }

    public int info2() {
        return info2;
    }

    public int info3() {
        return info3;
    }

    public int info4() {
        return info4;
    }

    /** Expected generation for generation-checked writes. */
    public int generation() {
        return generation;
    }

    /** Writes: TTL in seconds (0 default, -1 never, -2 keep). Reads: read-touch-ttl-percent. */
    public int recordTtl() {
        return recordTtl;
    }

    /** Server-side timeout in milliseconds; 0 = none. */
    public int transactionTtl() {
        return transactionTtl;
    }

    /** Client-side index of a batch row. */
    public int batchIndex() {
        return batchIndex;
    }

    public boolean hasInfo1(int bit) {
        return (info1 & bit) != 0;
    }

    public boolean hasInfo2(int bit) {
        return (info2 & bit) != 0;
    }

    public boolean hasInfo3(int bit) {
        return (info3 & bit) != 0;
    }

    /** Records a field; a repeated id shadows the earlier one, as the last one wins. */
    void addField(int type, int off, int len) {
        int i = 3 * fieldCount;
        if (i == fields.length) {
            fields = Arrays.copyOf(fields, Math.max(6, 2 * fields.length));
        }
        fields[i] = type;
        fields[i + 1] = off;
        fields[i + 2] = len;
        fieldCount++;
        switch (type) {
            case FieldType.NAMESPACE -> namespaceSlot = i;
            case FieldType.SET -> setSlot = i;
            case FieldType.KEY -> keySlot = i;
            default -> {}
        }
    }

    private int fieldSlot(int type) {
        switch (type) {
            case FieldType.NAMESPACE -> {
                return namespaceSlot;
            }
            case FieldType.SET -> {
                return setSlot;
            }
            case FieldType.KEY -> {
                return keySlot;
            }
            default -> {}
        }
        for (int i = 3 * (fieldCount - 1); i >= 0; i -= 3) {
            if (fields[i] == type) {
                return i;
            }
        }
        return -1;
    }

    public boolean hasField(int type) {
        return fieldSlot(type) >= 0;
    }

    /** Offset of a field's data, or -1 if absent. */
    public int fieldOffset(int type) {
        int slot = fieldSlot(type);
        return slot < 0 ? -1 : fields[slot + 1];
    }

    /** Length of a field's data (0 if absent). */
    public int fieldLength(int type) {
        int slot = fieldSlot(type);
        return slot < 0 ? 0 : fields[slot + 2];
    }

    /** A field's data as UTF-8 text, or null if absent. */
    public @Nullable String fieldString(int type) {
        int slot = fieldSlot(type);
        return slot < 0 ? null : new String(buf, fields[slot + 1], fields[slot + 2], StandardCharsets.UTF_8);
    }

    /** The namespace name, or null if the request has none. */
    public @Nullable String namespace() {
        return fieldString(FieldType.NAMESPACE);
    }

    /** The set name; an empty SET field means "no set", as in Aerospike. */
    public @Nullable String setName() {
        int slot = fieldSlot(FieldType.SET);
        if (slot < 0 || fields[slot + 2] == 0) {
            return null;
        }
        return new String(buf, fields[slot + 1], fields[slot + 2], StandardCharsets.UTF_8);
    }

    /** Offset of the 20-byte digest, or -1 if the request has none. */
    public int digestOffset() {
        return digestOff;
    }

    /** A big-endian unsigned integer field of 1..8 bytes, or {@code dflt} if absent. */
    public long fieldUnsigned(int type, long dflt) {
        int slot = fieldSlot(type);
        if (slot < 0) {
            return dflt;
        }
        int off = fields[slot + 1];
        int len = Math.min(fields[slot + 2], 8);
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (buf[off + i] & 0xFFL);
        }
        return v;
    }

    public int opCount() {
        return opCount;
    }

    public int opType(int i) {
        return buf[opOff[i] + 4] & 0xFF;
    }

    public int opParticleType(int i) {
        return buf[opOff[i] + 5] & 0xFF;
    }

    public int opNameLength(int i) {
        return buf[opOff[i] + 7] & 0xFF;
    }

    public int opNameOffset(int i) {
        return opOff[i] + 8;
    }

    public int opValueOffset(int i) {
        return opOff[i] + 8 + opNameLength(i);
    }

    public int opValueLength(int i) {
        return Bytes.getInt(buf, opOff[i]) - 4 - opNameLength(i);
    }

    /** The op's bin name as a string (empty when the op has none). */
    public String opBinName(int i) {
        return new String(buf, opNameOffset(i), opNameLength(i), StandardCharsets.UTF_8);
    }

    /** Whether any op changes the record. */
    public boolean hasWriteOp() {
        for (int i = 0; i < opCount; i++) {
            if (OpType.isWrite(opType(i))) {
                return true;
            }
        }
        return false;
    }
}
