package io.aerie.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes AS_MSG bodies (after the proto header) and the rows of a batch request. Every length is
 * checked against the buffer before it is trusted, so hostile input ends in a {@link
 * ProtocolException}, never in an out-of-bounds read.
 */
public final class AsMessageDecoder {
    /** Size of the AS_MSG header that follows the proto header. */
    public static final int HEADER_SIZE = 22;

    private static final int DIGEST_SIZE = 20;
    private static final int BATCH_REPEAT = 0x01;
    private static final int BATCH_INFO = 0x02;
    private static final int BATCH_GEN = 0x04;
    private static final int BATCH_TTL = 0x08;
    private static final int BATCH_INFO4 = 0x10;

    private AsMessageDecoder() {}

    /** Decodes the AS_MSG in {@code buf[off, off+len)}. */
    public static AsMessage decode(byte[] buf, int off, int len) {
        int end = off + len;
        if (len < HEADER_SIZE) {
            throw bad("message shorter than its header: " + len + " bytes");
        }
        if ((buf[off] & 0xFF) != HEADER_SIZE) {
            throw bad("header size " + (buf[off] & 0xFF) + ", expected 22");
        }
        int nFields = Bytes.getUShort(buf, off + 18);
        int nOps = Bytes.getUShort(buf, off + 20);
        AsMessage m = new AsMessage(buf, nFields, nOps);
        m.start = off;
        m.length = len;
        m.info1 = buf[off + 1] & 0xFF;
        m.info2 = buf[off + 2] & 0xFF;
        m.info3 = buf[off + 3] & 0xFF;
        m.info4 = buf[off + 4] & 0xFF;
        m.generation = Bytes.getInt(buf, off + 6);
        m.recordTtl = Bytes.getInt(buf, off + 10);
        m.transactionTtl = Bytes.getInt(buf, off + 14);
        int pos = readFields(m, buf, off + HEADER_SIZE, end, nFields);
        pos = readOps(m, buf, pos, end, nOps);
        if (pos != end) {
            throw bad((end - pos) + " bytes after the last op");
        }
        return m;
    }

    /**
     * Finds the namespace and digest fields of the AS_MSG body {@code buf} without decoding it, for
     * a look ahead at where a request will go: stores the namespace's data offset and length and the
     * digest's offset in {@code out[0..2]} and returns true, or returns false when the body is not a
     * well-formed single-record request (its decoding proper then reports the problem).
     */
    public static boolean locate(byte[] buf, int[] out) {
        if (buf.length < HEADER_SIZE || (buf[0] & 0xFF) != HEADER_SIZE || (buf[1] & MsgFlags.INFO1_BATCH) != 0) {
            return false;
        }
        int nFields = Bytes.getUShort(buf, 18);
        int pos = HEADER_SIZE;
        int nsOff = -1;
        int nsLen = 0;
        int digestOff = -1;
        for (int i = 0; i < nFields && buf.length - pos >= 5; i++) {
            int size = Bytes.getInt(buf, pos);
            if (size < 1 || size > buf.length - pos - 4) {
                return false;
            }
            int type = buf[pos + 4] & 0xFF;
            if (type == FieldType.NAMESPACE) {
                nsOff = pos + 5;
                nsLen = size - 1;
            } else if (type == FieldType.DIGEST && size - 1 == DIGEST_SIZE) {
                digestOff = pos + 5;
            }
            pos += 4 + size;
        }
        out[0] = nsOff;
        out[1] = nsLen;
        out[2] = digestOff;
        return nsOff >= 0 && digestOff >= 0;
    }

    private static int readFields(AsMessage m, byte[] buf, int pos, int end, int nFields) {
        for (int i = 0; i < nFields; i++) {
            if (end - pos < 5) {
                throw bad("field " + i + " header runs past the message");
            }
            int size = Bytes.getInt(buf, pos);
            if (size < 1 || size > end - pos - 4) {
                throw bad("field " + i + " size " + size + " does not fit the message");
            }
            int type = buf[pos + 4] & 0xFF;
            int dataOff = pos + 5;
            int dataLen = size - 1;
            if (type == FieldType.DIGEST) {
                if (dataLen != DIGEST_SIZE) {
                    throw bad("digest field of " + dataLen + " bytes");
                }
                m.digestOff = dataOff;
            }
            m.addField(type, dataOff, dataLen);
            pos = dataOff + dataLen;
        }
        return pos;
    }

    private static int readOps(AsMessage m, byte[] buf, int pos, int end, int nOps) {
        if (m.opOff.length < nOps) {
            m.opOff = new int[nOps];
        }
        for (int i = 0; i < nOps; i++) {
            if (end - pos < 8) {
                throw bad("op " + i + " header runs past the message");
            }
            int size = Bytes.getInt(buf, pos);
            if (size < 4 || size > end - pos - 4) {
                throw bad("op " + i + " size " + size + " does not fit the message");
            }
            int nameLen = buf[pos + 7] & 0xFF;
            if (nameLen > size - 4) {
                throw bad("op " + i + " bin name longer than the op");
            }
            m.opOff[i] = pos;
            pos += 4 + size;
        }
        m.opCount = nOps;
        return pos;
    }

    /** The rows of a batch request, whose BATCH_INDEX field must be present. */
    public static BatchRequest decodeBatch(AsMessage parent) {
        int off = parent.fieldOffset(FieldType.BATCH_INDEX);
        if (off < 0) {
            throw bad("batch request without a batch-index field");
        }
        byte[] buf = parent.buffer();
        int end = off + parent.fieldLength(FieldType.BATCH_INDEX);
        if (end - off < 5) {
            throw bad("batch-index field too short");
        }
        int nRows = Bytes.getInt(buf, off);
        int flags = buf[off + 4] & 0xFF;
        if (nRows < 0 || nRows > (end - off) / 25) {
            throw bad("batch claims " + nRows + " rows, more than its bytes can hold");
        }
        List<AsMessage> rows = new ArrayList<>(nRows);
        int pos = off + 5;
        AsMessage prev = null;
        for (int r = 0; r < nRows; r++) {
            if (end - pos < 25) {
                throw bad("batch row " + r + " runs past the field");
            }
            int index = Bytes.getInt(buf, pos);
            int digestOff = pos + 4;
            int rowFlags = buf[pos + 24] & 0xFF;
            pos += 25;
            if ((rowFlags & BATCH_REPEAT) != 0) {
                if (prev == null) {
                    throw bad("batch row " + r + " repeats a row that does not exist");
                }
                rows.add(prev.repeatFor(digestOff, index));
                continue;
            }
            AsMessage row = new AsMessage(buf, 4, 0);
            row.batchIndex = index;
            pos = readRowHeader(row, buf, pos, end, rowFlags, r);
            if (end - pos < 4) {
                throw bad("batch row " + r + " counts run past the field");
            }
            int nFields = Bytes.getUShort(buf, pos);
            int nOps = Bytes.getUShort(buf, pos + 2);
            pos = readFields(row, buf, pos + 4, end, nFields);
            pos = readOps(row, buf, pos, end, nOps);
            row.digestOff = digestOff;
            rows.add(row);
            prev = row;
        }
        return new BatchRequest(flags, rows);
    }

    private static int readRowHeader(AsMessage row, byte[] buf, int pos, int end, int rowFlags, int r) {
        int need = 1
                + ((rowFlags & BATCH_INFO) != 0 ? 2 : 0)
                + ((rowFlags & BATCH_INFO4) != 0 ? 1 : 0)
                + ((rowFlags & BATCH_GEN) != 0 ? 2 : 0)
                + ((rowFlags & BATCH_TTL) != 0 ? 4 : 0);
        if (end - pos < need) {
            throw bad("batch row " + r + " attributes run past the field");
        }
        row.info1 = buf[pos++] & 0xFF;
        if ((rowFlags & BATCH_INFO) != 0) {
            row.info2 = buf[pos++] & 0xFF;
            row.info3 = buf[pos++] & 0xFF;
        }
        if ((rowFlags & BATCH_INFO4) != 0) {
            row.info4 = buf[pos++] & 0xFF;
        }
        if ((rowFlags & BATCH_GEN) != 0) {
            row.generation = Bytes.getUShort(buf, pos);
            pos += 2;
        }
        if ((rowFlags & BATCH_TTL) != 0) {
            row.recordTtl = Bytes.getInt(buf, pos);
            pos += 4;
        }
        return pos;
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ResultCode.PARAMETER_ERROR, message);
    }
}
