package io.aerie.storage.device;

import io.aerie.storage.Record;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The device engine's index saved by a clean shutdown, for a warm restart (Aerospike Enterprise's
 * fast restart keeps it in shared memory; this keeps it in a file beside the first storage file).
 * It holds every index entry, each file's live bytes per block and the tombstones the tomb raider
 * dropped, under a token that the storage headers carry only while the image is valid: a start
 * that takes the image clears the token before any write, so an image is used at most once and
 * never after a crash.
 */
final class IndexImage {
    private static final int MAGIC = 0x41455249; // "AERI"
    private static final int VERSION = 1;
    private static final int STUB_BYTES = Record.HEADER + 4;

    /** What an image restores. */
    record Content(List<String> setNames, int[][] live, long[][] dropped, List<byte[]> stubs, List<Integer> stubSets) {}

    private IndexImage() {}

    /** The image's path for a namespace whose first storage file is {@code firstFile}. */
    static Path pathFor(Path firstFile) {
        return firstFile.resolveSibling(firstFile.getFileName() + ".aerie-index");
    }

    /**
     * Writes the image durably (a temporary file, synced, then renamed): {@code stubs} with the
     * index of their set name in {@code setNames} (-1 for none).
     */
    static void write(
            Path path,
            long token,
            List<String> setNames,
            int[][] live,
            long[][] dropped,
            Iterable<byte[]> stubs,
            java.util.function.ToIntFunction<byte[]> setOf)
            throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        try (OutputStream file = Files.newOutputStream(tmp);
                DataOutputStream out =
                        new DataOutputStream(new BufferedOutputStream(new CrcStream(file, crc), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(token);
            out.writeInt(setNames.size());
            for (String name : setNames) {
                out.writeUTF(name);
            }
            out.writeInt(live.length);
            for (int w = 0; w < live.length; w++) {
                out.writeInt(live[w].length);
                for (int v : live[w]) {
                    out.writeInt(v);
                }
                out.writeInt(dropped[w].length);
                for (long a : dropped[w]) {
                    out.writeLong(a);
                }
            }
            for (byte[] stub : stubs) {
                out.writeBoolean(true);
                out.writeShort(setOf.applyAsInt(stub));
                out.write(stub, 0, STUB_BYTES);
            }
            out.writeBoolean(false);
            out.flush();
            long sum = crc.getValue();
            out.writeLong(sum);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The image at {@code path} if it exists, is whole and carries {@code token}; else null. */
    static @Nullable Content read(Path path, long token) {
        if (token == 0 || !Files.exists(path)) {
            return null;
        }
        try {
            byte[] all = Files.readAllBytes(path);
            if (all.length < 8) {
                return null;
            }
            CRC32C crc = new CRC32C();
            crc.update(all, 0, all.length - 8);
            DataInputStream trailer = new DataInputStream(new ByteArrayInputStream(all, all.length - 8, 8));
            if (trailer.readLong() != crc.getValue()) {
                return null;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
            if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readLong() != token) {
                return null;
            }
            int sets = in.readInt();
            List<String> setNames = new ArrayList<>(sets);
            for (int i = 0; i < sets; i++) {
                setNames.add(in.readUTF());
            }
            int writers = in.readInt();
            int[][] live = new int[writers][];
            long[][] dropped = new long[writers][];
            for (int w = 0; w < writers; w++) {
                live[w] = new int[in.readInt()];
                for (int b = 0; b < live[w].length; b++) {
                    live[w][b] = in.readInt();
                }
                dropped[w] = new long[in.readInt()];
                for (int i = 0; i < dropped[w].length; i++) {
                    dropped[w][i] = in.readLong();
                }
            }
            List<byte[]> stubs = new ArrayList<>();
            List<Integer> stubSets = new ArrayList<>();
            while (in.readBoolean()) {
                stubSets.add((int) in.readShort());
                byte[] stub = new byte[STUB_BYTES];
                in.readFully(stub);
                stubs.add(stub);
            }
            return new Content(setNames, live, dropped, stubs, stubSets);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Removes the image, so it is never taken twice. */
    static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove index image " + path, e);
        }
    }

    /** Set names numbered in order of first use. */
    static final class SetNames {
        final List<String> names = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();

        int idOf(String name) {
            if (name.isEmpty()) {
                return -1;
            }
            return ids.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }
    }

    /** Passes bytes through, adding them to a checksum. */
    private static final class CrcStream extends java.io.FilterOutputStream {
        private final CRC32C crc;

        CrcStream(OutputStream out, CRC32C crc) {
            super(out);
            this.crc = crc;
        }

        @Override
        public void write(int b) throws IOException {
            crc.update(b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            crc.update(b, off, len);
            out.write(b, off, len);
        }
    }
}
