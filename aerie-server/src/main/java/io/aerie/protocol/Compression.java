package io.aerie.protocol;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Type-4 (compressed AS_MSG) bodies: {@code u64 inflated size} followed by a zlib stream of a whole
 * type-3 proto, header included.
 */
public final class Compression {
    private Compression() {}

    /** Inflates a type-4 body into the inner proto (8-byte header plus AS_MSG). */
    public static byte[] inflate(byte[] body, long maxSize) {
        if (body.length < 8) {
            throw new ProtocolException(ResultCode.PARAMETER_ERROR, "compressed body shorter than its size prefix");
        }
        long size = Bytes.getLong(body, 0);
        if (size < ProtoHeader.SIZE || size > maxSize) {
            throw new ProtocolException(ResultCode.PARAMETER_ERROR, "compressed message claims " + size + " bytes");
        }
        byte[] out = new byte[(int) size];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, 8, body.length - 8);
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != out.length) {
                throw new ProtocolException(
                        ResultCode.PARAMETER_ERROR, "compressed message inflated to " + n + " of " + size + " bytes");
            }
            return out;
        } catch (DataFormatException e) {
            throw new ProtocolException(ResultCode.PARAMETER_ERROR, "bad zlib stream: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Deflates a whole proto (header included) into a type-4 body. */
    public static byte[] deflate(byte[] proto, int off, int len) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(proto, off, len);
            deflater.finish();
            byte[] out = new byte[8 + Math.max(64, len / 2)];
            Bytes.putLong(out, 0, len);
            int n = 8;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }
}
