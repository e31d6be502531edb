package io.aerie.storage.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * One storage file (or raw device) cut into write blocks: positional block reads and writes, the
 * two header slots, and the block table. The first {@link #firstBlock()} blocks hold the header and
 * the table; records live in the blocks after them.
 *
 * <p>The block table holds one i64 per block: the stamp of the block's current use (positive), the
 * negated stamp of its last use once it was freed, or 0 if it was never used. Cold start reads only
 * entries carrying their block's current stamp, so nothing a freed block left behind is ever read
 * again, and new stamps start above every stamp the table has seen.
 */
public final class DeviceFile implements AutoCloseable {
    /** Bytes reserved at the start of a file for its header slots. */
    static final int HEADER_REGION = 1 << 20;
    /** Data blocks a file must hold at least. */
    static final int MIN_BLOCKS = 4;

    private final Path path;
    private final FileChannel channel;
    private final int blockSize;
    private final long firstBlock;
    private final long blocks;
    private long headerVersion;

    private DeviceFile(Path path, FileChannel channel, int blockSize, long size) {
        this.path = path;
        this.channel = channel;
        this.blockSize = blockSize;
        this.blocks = size / blockSize;
        this.firstBlock = Math.max(1, (HEADER_REGION + 8 * blocks + blockSize - 1) / blockSize);
        if (blocks - firstBlock < MIN_BLOCKS) {
            throw new IllegalArgumentException("storage file " + path + " of " + size + " bytes holds "
                    + Math.max(0, blocks - firstBlock) + " write blocks of " + blockSize
                    + " bytes after its header; at least " + MIN_BLOCKS + " are needed");
        }
    }

    /**
     * Opens the file at {@code path} with {@code size} bytes, creating it if needed; with {@code
     * size} 0 it is a raw device, which must exist and is used at the size it has. A file that is
     * larger than {@code size} is refused, since shrinking it would drop records.
     */
    public static DeviceFile open(Path path, long size, int blockSize) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && size > 0) {
                Files.createDirectories(parent);
            }
            if (size == 0 && !Files.exists(path)) {
                throw new IllegalArgumentException("storage device " + path + " does not exist");
            }
            FileChannel ch = size == 0
                    ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(
                            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                long existing = ch.size();
                if (size > 0 && existing > size) {
                    throw new IllegalArgumentException("storage file " + path + " has " + existing
                            + " bytes, more than filesize " + size + "; Aerie does not shrink storage files");
                }
                if (size > existing) {
                    // Sparse: the unwritten rest reads as zeros, which a block scan takes as empty.
                    ch.write(ByteBuffer.allocate(1), size - 1);
                }
                return new DeviceFile(path, ch, blockSize, size > 0 ? size : existing);
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open storage file " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Index of the first data block. */
    public long firstBlock() {
        return firstBlock;
    }

    /** One past the index of the last data block. */
    public long endBlock() {
        return blocks;
    }

    /** Data blocks in the file. */
    public long dataBlocks() {
        return blocks - firstBlock;
    }

    /** The newer valid header slot's header, or null on a file never formatted by Aerie. */
    public @Nullable DeviceHeader readHeader() {
        int slot = HEADER_REGION / 2;
        byte[] buf = new byte[slot];
        DeviceHeader best = null;
        for (int i = 0; i < 2; i++) {
            readFully(buf, (long) i * slot);
            DeviceHeader h = DeviceHeader.decode(buf, 0, buf.length);
            if (h != null && (best == null || h.version() > best.version())) {
                best = h;
            }
        }
        if (best != null) {
            headerVersion = best.version();
        }
        return best;
    }

    /** Writes {@code header} into the slot its version picks and forces it to stable storage. */
    public void writeHeader(DeviceHeader header) {
        byte[] encoded = header.encode();
        int slot = HEADER_REGION / 2;
        if (encoded.length > slot) {
            throw new IllegalStateException("storage header of " + encoded.length + " bytes (too many truncated sets)");
        }
        byte[] padded = new byte[Math.min(slot, encoded.length + 4096)];
        System.arraycopy(encoded, 0, padded, 0, encoded.length);
        writeFully(padded, 0, padded.length, (header.version() & 1) * slot);
        force();
        headerVersion = header.version();
    }

    /** The version of the header last read or written. */
    public long headerVersion() {
        return headerVersion;
    }

    /** The block table: for every block index, its stamp as described above. */
    public long[] readBlockTable() {
        byte[] b = new byte[Math.toIntExact(8 * blocks)];
        readFully(b, HEADER_REGION);
        long[] table = new long[(int) blocks];
        java.nio.ByteBuffer.wrap(b).asLongBuffer().get(table);
        return table;
    }

    /** Sets block {@code block}'s table entry and forces it to stable storage. */
    public void writeBlockStamp(long block, long value) {
        checkBlock(block);
        byte[] b = new byte[8];
        java.nio.ByteBuffer.wrap(b).putLong(value);
        writeFully(b, 0, 8, HEADER_REGION + 8 * block);
        force();
    }

    /** Writes {@code src[from, to)} at {@code offset} inside block {@code block}. */
    public void write(long block, int offset, byte[] src, int from, int to) {
        checkBlock(block);
        if (offset < 0 || offset + (to - from) > blockSize) {
            throw new IllegalArgumentException("write of " + (to - from) + " bytes at " + offset + " of a block");
        }
        writeFully(src, from, to - from, block * blockSize + offset);
    }

    /** Reads block {@code block} whole into {@code dst} (of the block size). */
    public void readBlock(long block, byte[] dst) {
        checkBlock(block);
        readFully(dst, block * blockSize);
    }

    /** Reads {@code len} bytes at {@code offset} inside block {@code block} into {@code dst}. */
    public void read(long block, int offset, byte[] dst, int len) {
        checkBlock(block);
        readFully(dst, len, block * blockSize + offset);
    }

    /** Forces written data to stable storage (fdatasync). */
    public void force() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("sync of " + path + " failed", e);
        }
    }

    private void checkBlock(long block) {
        if (block < firstBlock || block >= blocks) {
            throw new IllegalArgumentException("block " + block + " outside [" + firstBlock + ", " + blocks + ")");
        }
    }

    private void readFully(byte[] dst, long pos) {
        readFully(dst, dst.length, pos);
    }

    /** Reads {@code dst[0, len)} from {@code pos}; what lies past the end of the file reads as zeros. */
    private void readFully(byte[] dst, int len, long pos) {
        ByteBuffer b = ByteBuffer.wrap(dst, 0, len);
        try {
            while (b.hasRemaining()) {
                int n = channel.read(b, pos + b.position());
                if (n < 0) {
                    java.util.Arrays.fill(dst, b.position(), len, (byte) 0);
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read of " + path + " failed", e);
        }
    }

    private void writeFully(byte[] src, int from, int len, long pos) {
        ByteBuffer b = ByteBuffer.wrap(src, from, len);
        try {
            while (b.hasRemaining()) {
                channel.write(b, pos + (b.position() - from));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("write to " + path + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("close of " + path + " failed", e);
        }
    }
}
