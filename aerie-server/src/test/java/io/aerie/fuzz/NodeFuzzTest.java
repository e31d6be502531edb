package io.aerie.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aerie.it.NodeExtension;
import io.aerie.protocol.Compression;
import io.aerie.protocol.FieldType;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of random and mutated frames sent at a live node over raw sockets. Every complete frame
 * must be answered with a well-formed frame or the connection closed, within a timeout; the node
 * must keep serving; and the records written before must be unchanged.
 *
 * <p>Why "unchanged" is a sound check: the known records live in set "known" and are addressed by
 * their digests. Every fuzz frame is built from templates whose digests are fixed and differ from
 * the known ones in most of their 160 bits, and mutation flips at most a few bits, so no fuzz
 * frame can name a known record; fuzz info frames come from read-only templates, so none can
 * truncate. Any change to a known record would therefore be corruption, not a legitimate write.
 */
class NodeFuzzTest {
    private static final long SEED = 0xAE41EL;
    private static final int FRAMES = 2000;

    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    @Test
    void malformedFramesNeverCrashHangOrCorrupt() throws Exception {
        Map<Key, Record> known = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Key k = new Key("test", "known", i);
            NODE.client().put(null, k, new Bin("i", i), new Bin("s", "value-" + i));
            known.put(k, NODE.client().get(null, k));
        }
        Random random = new Random(SEED);
        byte[][] templates = templates();
        int answered = 0;
        int closed = 0;
        Socket socket = null;
        try {
            for (int n = 0; n < FRAMES; n++) {
                if (socket == null || socket.isClosed()) {
                    socket = new Socket("127.0.0.1", NODE.node().port());
                    socket.setSoTimeout(3000);
                }
                byte[] frame = mutate(templates[random.nextInt(templates.length)], random);
                Outcome o = exchange(socket, frame);
                assertThat(o)
                        .as(
                                "frame %d (seed %x): %s",
                                n, SEED, java.util.HexFormat.of().formatHex(frame, 0, Math.min(64, frame.length)))
                        .isNotEqualTo(Outcome.HUNG);
                if (o == Outcome.CLOSED) {
                    closed++;
                    socket.close();
                } else {
                    answered++;
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
        System.out.println("fuzz: " + answered + " answered, " + closed + " closed");
        assertThat(answered).isPositive();
        assertThat(closed).isPositive();
        for (Map.Entry<Key, Record> e : known.entrySet()) {
            Record now = NODE.client().get(null, e.getKey());
            assertThat(now.bins).isEqualTo(e.getValue().bins);
            assertThat(now.generation).isEqualTo(e.getValue().generation);
        }
        assertThat(NODE.client().get(null, new Key("test", "known", 7)).getInt("i"))
                .isEqualTo(7);
    }

    private enum Outcome {
        ANSWERED,
        CLOSED,
        HUNG
    }

    /**
     * Sends one frame whose header size matches its body, then reads until a whole reply arrives
     * (multi-frame replies end with a message flagged LAST), the server closes, or time runs out.
     */
    private static Outcome exchange(Socket socket, byte[] frame) throws IOException {
        OutputStream out = socket.getOutputStream();
        try {
            out.write(frame);
            out.flush();
        } catch (SocketException e) {
            return Outcome.CLOSED;
        }
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            while (true) {
                long header = in.readLong();
                int version = (int) (header >>> 56);
                int type = (int) (header >>> 48) & 0xFF;
                long size = header & 0xFFFF_FFFF_FFFFL;
                assertThat(version).isEqualTo(2);
                assertThat(type).isBetween(1, 4);
                assertThat(size).isLessThan(1L << 27);
                byte[] body = new byte[(int) size];
                in.readFully(body);
                if (type != 3 || lastMessageIsFinal(body)) {
                    return Outcome.ANSWERED;
                }
            }
        } catch (EOFException | SocketException e) {
            return Outcome.CLOSED;
        } catch (SocketTimeoutException e) {
            return Outcome.HUNG;
        }
    }

    /** Whether a type-3 reply frame ends the reply: a single message, or one flagged LAST. */
    private static boolean lastMessageIsFinal(byte[] body) {
        int pos = 0;
        boolean last = false;
        int messages = 0;
        while (pos + 22 <= body.length) {
            messages++;
            last = (body[pos + 3] & 1) != 0;
            int nFields = ((body[pos + 18] & 0xFF) << 8) | (body[pos + 19] & 0xFF);
            int nOps = ((body[pos + 20] & 0xFF) << 8) | (body[pos + 21] & 0xFF);
            pos += 22;
            for (int i = 0; i < nFields + nOps && pos + 4 <= body.length; i++) {
                pos += 4 + java.nio.ByteBuffer.wrap(body, pos, 4).getInt();
            }
        }
        // Single-record replies are one message without LAST; batch and scan replies end with LAST.
        return last || messages == 1;
    }

    private static byte[][] templates() {
        byte[] ns = "test".getBytes(StandardCharsets.UTF_8);
        byte[] set = "fuzz".getBytes(StandardCharsets.UTF_8);
        byte[] digest = new byte[20];
        Arrays.fill(digest, (byte) 0x5A);
        MsgBuilder put = new MsgBuilder()
                .field(FieldType.NAMESPACE, ns)
                .field(FieldType.SET, set)
                .field(FieldType.DIGEST, digest);
        put.info2 = 1;
        put.op(2, 1, "a".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 0, 0, 0, 5});
        put.op(9, 3, "s".getBytes(StandardCharsets.UTF_8), "xyz".getBytes(StandardCharsets.UTF_8));
        MsgBuilder get = new MsgBuilder().field(FieldType.NAMESPACE, ns).field(FieldType.DIGEST, digest);
        get.info1 = 3;
        MsgBuilder scan = new MsgBuilder()
                .field(FieldType.NAMESPACE, ns)
                .field(FieldType.SET, set)
                .field(FieldType.PID_ARRAY, new byte[] {1, 0});
        scan.info1 = 1;
        scan.info3 = 4;
        java.nio.ByteBuffer rowBuf = java.nio.ByteBuffer.allocate(96)
                .putInt(2)
                .put((byte) 0x0C)
                .putInt(0)
                .put(digest)
                .put((byte) 0)
                .put((byte) 3)
                .putShort((short) 1)
                .putShort((short) 0)
                .putInt(5)
                .put((byte) 0)
                .put(ns)
                .putInt(1)
                .put(digest)
                .put((byte) 1);
        byte[] rows = Arrays.copyOf(rowBuf.array(), rowBuf.position());
        MsgBuilder batch = new MsgBuilder().field(FieldType.BATCH_INDEX, rows);
        batch.info1 = 8;
        byte[] putFrame = MsgBuilder.frame(3, put.body());
        byte[] compressed = Compression.deflate(putFrame, 0, putFrame.length);
        return new byte[][] {
            putFrame,
            MsgBuilder.frame(3, get.body()),
            MsgBuilder.frame(3, scan.body()),
            MsgBuilder.frame(3, batch.body()),
            MsgBuilder.frame(4, compressed),
            MsgBuilder.frame(1, "node\nbuild\nnamespaces\n".getBytes(StandardCharsets.UTF_8)),
            MsgBuilder.frame(2, new byte[16]),
        };
    }

    /** Flips bits or bytes of the body (keeping the frame's size truthful), or of the header itself. */
    private static byte[] mutate(byte[] template, Random random) {
        byte[] f = template.clone();
        int kind = random.nextInt(10);
        if (kind == 0) {
            // Corrupt the header: version or type.
            f[random.nextInt(2)] ^= (byte) (1 << random.nextInt(8));
            return f;
        }
        if (kind == 1) {
            // Random garbage body behind a valid header.
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            return MsgBuilder.frame(3, body);
        }
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && f.length > 8; i++) {
            int pos = 8 + random.nextInt(f.length - 8);
            if (random.nextBoolean()) {
                f[pos] ^= (byte) (1 << random.nextInt(8));
            } else {
                f[pos] = (byte) random.nextInt(256);
            }
        }
        if (kind == 2 && f.length > 9) {
            // Truncate the body but keep the header honest about what is sent.
            byte[] body = Arrays.copyOfRange(f, 8, 8 + random.nextInt(f.length - 8));
            return MsgBuilder.frame(f[1], body);
        }
        return f;
    }
}
