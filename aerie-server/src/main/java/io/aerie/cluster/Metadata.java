package io.aerie.cluster;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cluster metadata the members agree on (Aerospike's SMD), so far truncation points: a truncate
 * given to one node reaches every member, and after every view change the principal sends all it
 * knows, so a joining node catches up. Applying a point twice is harmless (points only grow).
 */
public final class Metadata {
    static final int MAGIC = 0xAE5D;

    private Metadata() {}

    /**
     * One truncation point.
     *
     * @param namespace the namespace
     * @param set the set, or null for the whole namespace
     * @param lastUpdateTime records last updated at or before this (ms since 2010) are gone
     */
    public record Truncation(String namespace, @Nullable String set, long lastUpdateTime) {}

    /** Applies truncation points as they arrive. */
    @FunctionalInterface
    public interface TruncationSink {
        void truncate(Truncation t);
    }

    static byte[] encode(List<Truncation> points) {
        int size = 2 + 4;
        for (Truncation t : points) {
            size += Wire.stringSize(t.namespace()) + 1 + (t.set() == null ? 0 : Wire.stringSize(t.set())) + 8;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort((short) MAGIC).putInt(points.size());
        for (Truncation t : points) {
            Wire.putString(b, t.namespace());
            String set = t.set();
            b.put((byte) (set == null ? 0 : 1));
            if (set != null) {
                Wire.putString(b, set);
            }
            b.putLong(t.lastUpdateTime());
        }
        return b.array();
    }

    static boolean isMetadata(byte[] bytes) {
        return bytes.length >= 2 && ((bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF)) == MAGIC;
    }

    static List<Truncation> decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.getShort();
            int n = b.getInt();
            if (n < 0 || n > bytes.length) {
                throw new IllegalArgumentException("metadata of " + n + " entries");
            }
            List<Truncation> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String ns = Wire.getString(b);
                String set = b.get() == 0 ? null : Wire.getString(b);
                out.add(new Truncation(ns, set, b.getLong()));
            }
            return out;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("metadata message cut short", e);
        }
    }
}
