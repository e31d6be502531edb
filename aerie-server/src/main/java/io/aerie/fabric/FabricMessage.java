package io.aerie.fabric;

import io.netty.buffer.ByteBuf;

/**
 * One fabric message. On the wire, after a u32 length of the rest (added by the pipeline):
 *
 * <pre>
 *   u16 magic 0xAEF1 | u16 type | u64 cluster key | u64 source node id | payload
 * </pre>
 *
 * @param type what the message is (each subsystem registers its types)
 * @param clusterKey the cluster key of the view the sender acted in; receivers drop messages of
 *     another view
 * @param source the sender's node id
 * @param payload the message body
 */
public record FabricMessage(int type, long clusterKey, long source, byte[] payload) {
    static final int MAGIC = 0xAEF1;
    /** Bytes before the payload. */
    static final int HEADER = 2 + 2 + 8 + 8;

    public FabricMessage {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("message type " + type);
        }
    }

    /** Writes the message (without the length prefix) into {@code out}. */
    void encode(ByteBuf out) {
        out.writeShort(MAGIC);
        out.writeShort(type);
        out.writeLong(clusterKey);
        out.writeLong(source);
        out.writeBytes(payload);
    }

    /** The message in {@code frame} (without the length prefix). */
    static FabricMessage decode(ByteBuf frame) {
        if (frame.readableBytes() < HEADER) {
            throw new IllegalArgumentException("fabric frame of " + frame.readableBytes() + " bytes");
        }
        int magic = frame.readUnsignedShort();
        if (magic != MAGIC) {
            throw new IllegalArgumentException("fabric frame magic " + Integer.toHexString(magic));
        }
        int type = frame.readUnsignedShort();
        long key = frame.readLong();
        long source = frame.readLong();
        byte[] payload = new byte[frame.readableBytes()];
        frame.readBytes(payload);
        return new FabricMessage(type, key, source, payload);
    }
}
