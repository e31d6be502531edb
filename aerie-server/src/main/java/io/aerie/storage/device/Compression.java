package io.aerie.storage.device;

import com.github.luben.zstd.Zstd;
import io.aerie.protocol.Bytes;
import io.aerie.storage.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4Factory;
import org.xerial.snappy.Snappy;

/**
 * Record compression on storage ({@code compression lz4|snappy|zstd}): the record's key and bins
 * are compressed, its header stays plain so cold start and reads check digest, generation and
 * last-update time without expanding it. A record that does not get smaller is stored as it is.
 *
 * <pre>
 *   stored form:  record header (Record.HEADER bytes) | u32 length of the plain rest | compressed rest
 * </pre>
 */
public enum Compression {
    NONE(0),
    LZ4(1),
    SNAPPY(2),
    ZSTD(3);

    /** zstd level when the config sets none (Aerospike's default for zstd). */
    public static final int ZSTD_DEFAULT_LEVEL = 9;

    /** The codec number kept in an entry's flags. */
    final int id;

    Compression(int id) {
        this.id = id;
    }

    /** The codec a {@code compression} value names. */
    public static Compression of(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "lz4" -> LZ4;
            case "snappy" -> SNAPPY;
            case "zstd" -> ZSTD;
            default -> throw new IllegalArgumentException("unknown compression " + name);
        };
    }

    static Compression ofId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression codec " + id);
    }

    /**
     * The form of {@code record} to store: compressed with this codec at {@code level} (0: the
     * codec's default) when that makes it smaller, else {@code record} itself. {@link #storedCodec}
     * tells which.
     */
    byte[] compress(byte[] record, int level) {
        if (this == NONE || record.length <= Record.HEADER + 16) {
            return record;
        }
        int restLength = record.length - Record.HEADER;
        byte[] packed = pack(record, Record.HEADER, restLength, level);
        if (Record.HEADER + 4 + packed.length >= record.length) {
            return record;
        }
        byte[] out = new byte[Record.HEADER + 4 + packed.length];
        System.arraycopy(record, 0, out, 0, Record.HEADER);
        Bytes.putInt(out, Record.HEADER, restLength);
        System.arraycopy(packed, 0, out, Record.HEADER + 4, packed.length);
        return out;
    }

    /** The codec of a stored form {@link #compress} returned for {@code record}. */
    Compression storedCodec(byte[] record, byte[] stored) {
        return stored == record ? NONE : this;
    }

    /** The whole record from a stored form of {@code len} bytes at {@code off} in {@code buf}. */
    byte[] expand(byte[] buf, int off, int len) {
        if (this == NONE) {
            return java.util.Arrays.copyOfRange(buf, off, off + len);
        }
        int restLength = Bytes.getInt(buf, off + Record.HEADER);
        if (restLength < 0 || restLength > (64 << 20)) {
            throw new IllegalArgumentException("compressed record claims " + restLength + " bytes");
        }
        byte[] out = new byte[Record.HEADER + restLength];
        System.arraycopy(buf, off, out, 0, Record.HEADER);
        unpack(buf, off + Record.HEADER + 4, len - Record.HEADER - 4, out, Record.HEADER, restLength);
        return out;
    }

    private byte[] pack(byte[] src, int off, int len, int level) {
        try {
            return switch (this) {
                case LZ4 -> LZ4Factory.fastestInstance().fastCompressor().compress(src, off, len);
                case SNAPPY -> {
                    byte[] out = new byte[Snappy.maxCompressedLength(len)];
                    int n = Snappy.compress(src, off, len, out, 0);
                    yield java.util.Arrays.copyOf(out, n);
                }
                case ZSTD -> {
                    byte[] in = java.util.Arrays.copyOfRange(src, off, off + len);
                    yield Zstd.compress(in, level == 0 ? ZSTD_DEFAULT_LEVEL : level);
                }
                case NONE -> throw new IllegalStateException("no codec");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("compression failed", e);
        }
    }

    private void unpack(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) {
        try {
            int n = switch (this) {
                case LZ4 -> {
                    yield LZ4Factory.fastestInstance()
                            .safeDecompressor()
                            .decompress(src, off, len, dst, dstOff, dstLen);
                }
                case SNAPPY -> Snappy.uncompress(src, off, len, dst, dstOff);
                case ZSTD -> {
                    byte[] in = java.util.Arrays.copyOfRange(src, off, off + len);
                    byte[] plain = Zstd.decompress(in, dstLen);
                    System.arraycopy(plain, 0, dst, dstOff, plain.length);
                    yield plain.length;
                }
                case NONE -> throw new IllegalStateException("no codec");
            };
            if (n != dstLen) {
                throw new IllegalArgumentException("record expanded to " + n + " bytes, not " + dstLen);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("decompression failed", e);
        }
    }
}
