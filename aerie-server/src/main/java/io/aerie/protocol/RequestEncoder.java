package io.aerie.protocol;

/**
 * Writes a decoded request back to the wire form of a single-record AS_MSG (without the proto
 * header): how a batch row travels on its own when it is forwarded to the node that serves it.
 */
public final class RequestEncoder {
    private RequestEncoder() {}

    /** The single-record request a batch row (or any decoded message) stands for: its attributes, fields, digest and ops. */
    public static byte[] single(AsMessage m) {
        byte[] buf = m.buffer();
        int size = 22;
        int nFields = 0;
        for (int i = 0; i < m.fieldCount; i++) {
            if (m.fields[3 * i] != FieldType.DIGEST) {
                size += 5 + m.fields[3 * i + 2];
                nFields++;
            }
        }
        if (m.digestOff >= 0) {
            size += 5 + 20;
            nFields++;
        }
        for (int i = 0; i < m.opCount; i++) {
            size += 4 + Bytes.getInt(buf, m.opOff[i]);
        }
        byte[] out = new byte[size];
        out[0] = 22;
        out[1] = (byte) (m.info1 & ~MsgFlags.INFO1_BATCH);
        out[2] = (byte) m.info2;
        out[3] = (byte) m.info3;
        out[4] = (byte) m.info4;
        putInt(out, 6, m.generation);
        putInt(out, 10, m.recordTtl);
        putInt(out, 14, m.transactionTtl);
        out[18] = (byte) (nFields >>> 8);
        out[19] = (byte) nFields;
        out[20] = (byte) (m.opCount >>> 8);
        out[21] = (byte) m.opCount;
        int pos = 22;
        for (int i = 0; i < m.fieldCount; i++) {
            int id = m.fields[3 * i];
            if (id == FieldType.DIGEST) {
                continue;
            }
            int len = m.fields[3 * i + 2];
            putInt(out, pos, len + 1);
            out[pos + 4] = (byte) id;
            System.arraycopy(buf, m.fields[3 * i + 1], out, pos + 5, len);
            pos += 5 + len;
        }
        if (m.digestOff >= 0) {
            putInt(out, pos, 21);
            out[pos + 4] = (byte) FieldType.DIGEST;
            System.arraycopy(buf, m.digestOff, out, pos + 5, 20);
            pos += 25;
        }
        for (int i = 0; i < m.opCount; i++) {
            int len = 4 + Bytes.getInt(buf, m.opOff[i]);
            System.arraycopy(buf, m.opOff[i], out, pos, len);
            pos += len;
        }
        assert pos == size : "encoded " + pos + " of " + size + " bytes";
        return out;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
