package io.aerie.net;

import io.aerie.protocol.ProtoHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Cuts the byte stream into proto frames. A frame with a wrong version, an unknown type or a body
 * over the limit means the stream can no longer be trusted: the decoder throws, and the
 * connection is closed.
 */
final class ProtoFrameDecoder extends ByteToMessageDecoder {
    private final long maxBodySize;

    ProtoFrameDecoder(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= ProtoHeader.SIZE) {
            int start = in.readerIndex();
            long header = in.getLong(start);
            int version = (int) (header >>> 56) & 0xFF;
            int type = (int) (header >>> 48) & 0xFF;
            long size = header & 0xFFFF_FFFF_FFFFL;
            if (version != ProtoHeader.VERSION) {
                throw new CorruptedFrameException("proto version " + version + ", expected 2");
            }
            if (!ProtoHeader.isClientType(type)) {
                throw new CorruptedFrameException("proto type " + type + " is not one a client sends");
            }
            if (size > maxBodySize) {
                throw new CorruptedFrameException(
                        "proto body of " + size + " bytes exceeds the limit of " + maxBodySize);
            }
            if (in.readableBytes() - ProtoHeader.SIZE < size) {
                return;
            }
            byte[] body = new byte[(int) size];
            in.skipBytes(ProtoHeader.SIZE);
            in.readBytes(body);
            out.add(new Frame(type, body));
        }
    }

    /** Drops what is buffered (the stream is lost) so the error is reported once, not again at close. */
    private static CorruptedFrameException corrupt(ByteBuf in, String message) {
        in.skipBytes(in.readableBytes());
        return new CorruptedFrameException(message);
    }
}
