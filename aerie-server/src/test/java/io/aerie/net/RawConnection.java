package io.aerie.net;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A plain socket speaking raw proto frames, for tests of the network layer itself. */
final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(int port, int readTimeoutMs) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] frame(int version, int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.putLong(((long) version << 56) | ((long) type << 48) | body.length);
        b.put(body);
        return b.array();
    }

    static byte[] info(String commands) {
        return frame(2, 1, commands.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[]... frames) throws IOException {
        int total = 0;
        for (byte[] f : frames) {
            total += f.length;
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (byte[] f : frames) {
            all.put(f);
        }
        out.write(all.array());
        out.flush();
    }

    /** Reads one frame body; the header's type must be {@code type}. */
    byte[] readFrame(int type) throws IOException {
        long header = in.readLong();
        if ((int) (header >>> 48 & 0xFF) != type) {
            throw new IOException("frame type " + (header >>> 48 & 0xFF) + ", expected " + type);
        }
        byte[] body = new byte[(int) (header & 0xFFFF_FFFF_FFFFL)];
        in.readFully(body);
        return body;
    }

    String readInfo() throws IOException {
        return new String(readFrame(1), StandardCharsets.UTF_8);
    }

    /** Whether the server closed the connection (EOF or reset) before the timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
