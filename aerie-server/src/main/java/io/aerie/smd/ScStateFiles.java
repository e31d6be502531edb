package io.aerie.smd;

import io.aerie.cluster.ScState;
import io.aerie.cluster.ScStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Strong-consistency state in files, one per namespace ({@code <dir>/<namespace>.sc}): written to
 * a temporary file, forced to the device, then renamed over the old one, so a crash leaves either
 * the old state or the new, never half of one. A CRC catches a file damaged otherwise.
 */
public final class ScStateFiles implements ScStore {
    private static final int MAGIC = 0xAE5C_0001;

    private final Path dir;

    /** Files in {@code dir}, created if missing. */
    public ScStateFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
    }

    @Override
    public ScState load(String namespace) throws IOException {
        Path file = file(namespace);
        if (!Files.exists(file)) {
            return new ScState();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            if (b.getInt() != MAGIC) {
                throw new IOException(file + " is not a strong-consistency state file");
            }
            int length = b.getInt();
            long crc = b.getLong();
            if (length < 0 || length > b.remaining()) {
                throw new IOException(file + " is cut short");
            }
            ByteBuffer body = b.slice(b.position(), length);
            CRC32C c = new CRC32C();
            c.update(body.duplicate());
            if (c.getValue() != crc) {
                throw new IOException(file + " is damaged (checksum mismatch)");
            }
            return ScState.decode(body);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String namespace, ScState state) throws IOException {
        byte[] body = state.encode();
        CRC32C c = new CRC32C();
        c.update(body);
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.putInt(MAGIC).putInt(body.length).putLong(c.getValue()).put(body).flip();
        Path tmp = dir.resolve(namespace + ".sc.tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file(namespace), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(namespace), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename is then as durable as they make it.
        }
    }

    private Path file(String namespace) {
        return dir.resolve(namespace + ".sc");
    }
}
