package io.aerie.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A read sent over a plain socket, for the node's own answer where the official client would
 * refuse before sending (an unknown namespace, a partition no node claims).
 */
public final class RawReads {
    private RawReads() {}

    /** The result code of a read of {@code digest} in namespace {@code ns} from the node at {@code port}. */
    public static int resultCode(int port, String ns, byte[] digest) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            byte[] name = ns.getBytes(StandardCharsets.UTF_8);
            ByteBuffer body = ByteBuffer.allocate(22 + 5 + name.length + 5 + 20);
            // Header: size 22, info1 READ | GET_ALL, then zeros, two fields, no ops.
            body.put((byte) 22)
                    .put((byte) 3)
                    .put((byte) 0)
                    .put((byte) 0)
                    .put((byte) 0)
                    .put((byte) 0);
            body.putInt(0).putInt(0).putInt(0).putShort((short) 2).putShort((short) 0);
            body.putInt(name.length + 1).put((byte) 0).put(name);
            body.putInt(21).put((byte) 4).put(digest);
            OutputStream out = s.getOutputStream();
            out.write(ByteBuffer.allocate(8)
                    .putLong((2L << 56) | (3L << 48) | body.capacity())
                    .array());
            out.write(body.array());
            DataInputStream in = new DataInputStream(s.getInputStream());
            long header = in.readLong();
            byte[] reply = new byte[(int) (header & 0xFFFF_FFFF_FFFFL)];
            in.readFully(reply);
            return reply[5] & 0xFF;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
