package io.aerie.storage.device;

/**
 * Where an entry sits on a namespace's storage, packed into one {@code long} that a record keeps in
 * its header: file index (8 bits), block index in the file (32 bits), offset in the block in units
 * of {@link DeviceRecord#ALIGN} (24 bits: blocks up to 256 MiB). Block 0 holds
 * the file header, so no entry has address 0, which therefore means "not on storage".
 */
public final class DeviceAddress {
    /** A record that has no copy on storage. */
    public static final long NONE = 0;
    /** Files a namespace may have (Aerospike allows 128 devices). */
    public static final int MAX_FILES = 1 << 8;

    private static final int OFFSET_BITS = 24;
    private static final int BLOCK_BITS = 32;

    private DeviceAddress() {}

    /** The address of the entry at {@code offset} (aligned) in block {@code block} (at least 1) of file {@code file}. */
    public static long of(int file, long block, int offset) {
        if (file < 0 || file >= MAX_FILES) {
            throw new IllegalArgumentException("file index " + file);
        }
        if (block < 1 || block >= 1L << BLOCK_BITS) {
            throw new IllegalArgumentException("block index " + block);
        }
        if (offset < 0 || offset % DeviceRecord.ALIGN != 0 || offset / DeviceRecord.ALIGN >= 1 << OFFSET_BITS) {
            throw new IllegalArgumentException("offset " + offset);
        }
        return ((long) file << (BLOCK_BITS + OFFSET_BITS)) | (block << OFFSET_BITS) | (offset / DeviceRecord.ALIGN);
    }

    public static int file(long address) {
        return (int) (address >>> (BLOCK_BITS + OFFSET_BITS));
    }

    public static long block(long address) {
        return (address >>> OFFSET_BITS) & ((1L << BLOCK_BITS) - 1);
    }

    public static int offset(long address) {
        return (int) (address & ((1 << OFFSET_BITS) - 1)) * DeviceRecord.ALIGN;
    }
}
