package io.aerie.protocol;

/**
 * The 8-byte header in front of every message: version (always 2), type, and a 48-bit big-endian
 * body size that does not count the header itself.
 */
public final class ProtoHeader {
    /** Size of the header on the wire. */
    public static final int SIZE = 8;
    /** The only protocol version Aerospike clients speak. */
    public static final int VERSION = 2;
    /** Text info commands. */
    public static final int TYPE_INFO = 1;
    /** Login, users, roles. */
    public static final int TYPE_ADMIN = 2;
    /** Data commands (AS_MSG). */
    public static final int TYPE_MSG = 3;
    /** A zlib-compressed AS_MSG: u64 inflated size, then the deflate stream of a whole type-3 proto. */
    public static final int TYPE_MSG_COMPRESSED = 4;
    /** Aerospike's sanity limit on one body; the client refuses larger frames too. */
    public static final long MAX_BODY_SIZE = 128L * 1024 * 1024;

    private ProtoHeader() {}

    /** Whether {@code type} is one a client may send. */
    public static boolean isClientType(int type) {
        return type >= TYPE_INFO && type <= TYPE_MSG_COMPRESSED;
    }

    /** Reads the 48-bit body size from a header starting at {@code off}. */
    public static long bodySize(byte[] b, int off) {
        long size = 0;
        for (int i = 2; i < SIZE; i++) {
            size = (size << 8) | (b[off + i] & 0xFFL);
        }
        return size;
    }

    /** Encodes a header as one long, for writers that put 8 bytes at once. */
    public static long encode(int type, long bodySize) {
        if (bodySize < 0 || bodySize > 0xFFFF_FFFF_FFFFL) {
            throw new IllegalArgumentException("body size out of range: " + bodySize);
        }
        return ((long) VERSION << 56) | ((long) type << 48) | bodySize;
    }
}
