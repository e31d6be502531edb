package io.aerie.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Writes replies into a Netty buffer: proto frames holding one or more AS_MSGs, each with fields
 * and ops. A frame's size is patched in when the frame ends, so callers stream rows into it.
 */
public final class MessageWriter {
    private MessageWriter() {}

    /** Reserves a proto header; returns its index for {@link #endFrame}. */
    public static int beginFrame(ByteBuf out) {
        int start = out.writerIndex();
        out.writeLong(0);
        return start;
    }

    /** Fills in the header reserved at {@code start} for a frame of {@code type}. */
    public static void endFrame(ByteBuf out, int start, int type) {
        long bodySize = out.writerIndex() - start - ProtoHeader.SIZE;
        out.setLong(start, ProtoHeader.encode(type, bodySize));
    }

    /** Writes a 22-byte AS_MSG header. */
    public static void writeHeader(
            ByteBuf out,
            int info3,
            int resultCode,
            int generation,
            int voidTime,
            int transactionTtl,
            int nFields,
            int nOps) {
        // Three wide stores instead of eleven narrow ones: every reply starts with this header.
        out.ensureWritable(AsMessageDecoder.HEADER_SIZE);
        int w = out.writerIndex();
        out.setLong(
                w,
                ((long) AsMessageDecoder.HEADER_SIZE << 56)
                        | ((info3 & 0xFFL) << 32)
                        | ((resultCode & 0xFFL) << 16)
                        | ((generation >>> 16) & 0xFFFFL));
        out.setLong(
                w + 8,
                ((generation & 0xFFFFL) << 48)
                        | ((voidTime & 0xFFFF_FFFFL) << 16)
                        | ((transactionTtl >>> 16) & 0xFFFFL));
        out.setShort(w + 16, transactionTtl);
        out.setShort(w + 18, nFields);
        out.setShort(w + 20, nOps);
        out.writerIndex(w + AsMessageDecoder.HEADER_SIZE);
    }

    /** Writes a field whose data is {@code data[off, off+len)}. */
    public static void writeField(ByteBuf out, int type, byte[] data, int off, int len) {
        out.writeInt(len + 1);
        out.writeByte(type);
        out.writeBytes(data, off, len);
    }

    /** Writes an op with a name and value taken from buffers. */
    public static void writeOp(
            ByteBuf out,
            int opType,
            int particleType,
            byte[] nameBuf,
            int nameOff,
            int nameLen,
            byte[] valBuf,
            int valOff,
            int valLen) {
        out.writeInt(4 + nameLen + valLen);
        out.writeByte(opType);
        out.writeByte(particleType);
        out.writeByte(0);
        out.writeByte(nameLen);
        out.writeBytes(nameBuf, nameOff, nameLen);
        out.writeBytes(valBuf, valOff, valLen);
    }

    /** Writes an op with a name and no value (particle NULL): a "nothing to return" slot. */
    public static void writeNullOp(ByteBuf out, byte[] nameBuf, int nameOff, int nameLen) {
        out.writeInt(4 + nameLen);
        out.writeByte(OpType.READ);
        out.writeByte(ParticleType.NULL);
        out.writeByte(0);
        out.writeByte(nameLen);
        out.writeBytes(nameBuf, nameOff, nameLen);
    }

    /** A complete single-message frame carrying only a result code. */
    public static void writeResultFrame(ByteBuf out, int resultCode, int generation, int voidTime) {
        int start = beginFrame(out);
        writeHeader(out, 0, resultCode, generation, voidTime, 0, 0, 0);
        endFrame(out, start, ProtoHeader.TYPE_MSG);
    }
}
