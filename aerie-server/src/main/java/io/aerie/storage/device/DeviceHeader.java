package io.aerie.storage.device;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The header at the start of each storage file: which namespace and file of a set of files it is,
 * the block size it was formatted with, and the namespace's truncation points, which must outlive
 * the process as the records do. Pure codec.
 *
 * <p>The header is written alternately into two slots with a rising version, each checksummed, so
 * a crash while one is written leaves the other: the valid slot with the higher version wins.
 *
 * @param namespace the namespace the file belongs to
 * @param fileIndex this file's place in the namespace's file list
 * @param fileCount how many files the namespace had when the file was written
 * @param blockSize the write-block size the file was formatted with
 * @param version rises with every header write; picks the newer slot
 * @param truncateLut namespace truncation point, ms since 2010 (0 = never truncated)
 * @param setTruncates set name to truncation point, ms since 2010
 * @param evictVoidTime records expiring at or before this (seconds since 2010) were evicted; 0 = none
 * @param cleanToken set by a clean shutdown that saved the index image with the same token; 0 otherwise
 */
public record DeviceHeader(
        String namespace,
        int fileIndex,
        int fileCount,
        int blockSize,
        long version,
        long truncateLut,
        Map<String, Long> setTruncates,
        long evictVoidTime,
        long cleanToken) {
    /** "AERH", big-endian. */
    static final int MAGIC = 0x41455248;

    static final int FORMAT = 3;
    /** magic, format, crc, body length. */
    private static final int PREFIX = 16;

    public DeviceHeader {
        setTruncates = Map.copyOf(setTruncates);
    }

    /** The encoded header: a prefix (magic, format, checksum, body length) and the body. */
    public byte[] encode() {
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        int bodyLength = 2 + ns.length + 4 + 4 + 4 + 8 + 8 + 8 + 8 + 4;
        Map<String, Long> sorted = new LinkedHashMap<>();
        setTruncates.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        for (String set : sorted.keySet()) {
            bodyLength += 2 + set.getBytes(StandardCharsets.UTF_8).length + 8;
        }
        ByteBuffer b = ByteBuffer.allocate(PREFIX + bodyLength);
        b.putInt(MAGIC).putInt(FORMAT).putInt(0).putInt(bodyLength);
        b.putShort((short) ns.length).put(ns);
        b.putInt(fileIndex).putInt(fileCount).putInt(blockSize).putLong(version).putLong(truncateLut);
        b.putLong(evictVoidTime);
        b.putLong(cleanToken);
        b.putInt(sorted.size());
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            byte[] set = e.getKey().getBytes(StandardCharsets.UTF_8);
            b.putShort((short) set.length).put(set).putLong(e.getValue());
        }
        byte[] out = b.array();
        b.putInt(8, crc(out, bodyLength));
        return out;
    }

    /**
     * The header encoded at {@code buf[off, off+len)}, or null when there is none or it fails a
     * check. A header of another format version is refused with a message rather than ignored, so
     * a file is never reformatted over records Aerie cannot read.
     */
    public static @Nullable DeviceHeader decode(byte[] buf, int off, int len) {
        if (len < PREFIX) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, len).slice();
        if (b.getInt() != MAGIC) {
            return null;
        }
        int format = b.getInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("storage header format " + format + " (this Aerie reads " + FORMAT
                    + "); use the files with the version that wrote them, or give the namespace new files");
        }
        int crc = b.getInt();
        int bodyLength = b.getInt();
        if (bodyLength < 0 || bodyLength > len - PREFIX) {
            return null;
        }
        byte[] copy = new byte[PREFIX + bodyLength];
        System.arraycopy(buf, off, copy, 0, copy.length);
        if (crc(copy, bodyLength) != crc) {
            return null;
        }
        try {
            String ns = string(b);
            int fileIndex = b.getInt();
            int fileCount = b.getInt();
            int blockSize = b.getInt();
            long version = b.getLong();
            long truncateLut = b.getLong();
            long evictVoidTime = b.getLong();
            long cleanToken = b.getLong();
            int sets = b.getInt();
            Map<String, Long> setTruncates = new LinkedHashMap<>();
            for (int i = 0; i < sets; i++) {
                setTruncates.put(string(b), b.getLong());
            }
            return new DeviceHeader(
                    ns, fileIndex, fileCount, blockSize, version, truncateLut, setTruncates, evictVoidTime, cleanToken);
        } catch (RuntimeException e) {
            // A checksummed body that does not parse was written by another format: no header of ours.
            return null;
        }
    }

    private static String string(ByteBuffer b) {
        int n = b.getShort() & 0xFFFF;
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static int crc(byte[] encoded, int bodyLength) {
        CRC32C c = new CRC32C();
        c.update(encoded, 12, 4 + bodyLength);
        return (int) c.getValue();
    }
}
