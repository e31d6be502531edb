package io.aerie.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Encodes the AS_MSG bodies the benchmarks feed the server: a put of one blob bin, a get of all bins. */
final class Requests {
    private static final byte[] NS = "test".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SET = "bench".getBytes(StandardCharsets.UTF_8);

    private Requests() {}

    /** A digest whose partition spreads with {@code key}. */
    static byte[] digest(int key) {
        byte[] d = new byte[20];
        ByteBuffer.wrap(d)
                .putInt(key * 0x9E3779B1)
                .putInt(key)
                .putLong(~(long) key)
                .putInt(key ^ 0x5A5A5A5A);
        return d;
    }

    static byte[] put(byte[] digest, int valueSize) {
        ByteBuffer b = ByteBuffer.allocate(22 + 5 + NS.length + 5 + SET.length + 5 + 20 + 8 + 1 + valueSize);
        b.put((byte) 22).put((byte) 0).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0);
        b.putInt(0).putInt(0).putInt(0).putShort((short) 3).putShort((short) 1);
        b.putInt(NS.length + 1).put((byte) 0).put(NS);
        b.putInt(SET.length + 1).put((byte) 1).put(SET);
        b.putInt(21).put((byte) 4).put(digest);
        b.putInt(4 + 1 + valueSize)
                .put((byte) 2)
                .put((byte) 4)
                .put((byte) 0)
                .put((byte) 1)
                .put((byte) 'b');
        b.put(new byte[valueSize]);
        return b.array();
    }

    static byte[] get(byte[] digest) {
        ByteBuffer b = ByteBuffer.allocate(22 + 5 + NS.length + 5 + SET.length + 5 + 20);
        b.put((byte) 22).put((byte) 3).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        b.putInt(0).putInt(0).putInt(0).putShort((short) 3).putShort((short) 0);
        b.putInt(NS.length + 1).put((byte) 0).put(NS);
        b.putInt(SET.length + 1).put((byte) 1).put(SET);
        b.putInt(21).put((byte) 4).put(digest);
        return b.array();
    }
}
