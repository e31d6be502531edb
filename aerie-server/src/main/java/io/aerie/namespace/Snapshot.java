package io.aerie.namespace;

import io.aerie.storage.Record;
import io.aerie.storage.device.DeviceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A namespace (or one set of it) as of one instant: for each partition, the record references its
 * index held then (see {@link Namespace#snapshot}). Records are read partition by partition, in
 * digest order, as they were at the instant: expired or truncated ones are left out. Close it to
 * let in-place writes and defragmentation resume.
 */
public final class Snapshot implements AutoCloseable {
    private final Namespace ns;
    private final int setId;
    private final boolean empty;
    private final long instantMillis;
    private final long nsTruncateLut;
    private final Map<Integer, Long> setTruncates;
    private final List<byte[]>[] parts;
    private boolean closed;

    Snapshot(
            Namespace ns,
            int setId,
            boolean empty,
            long instantMillis,
            long nsTruncateLut,
            Map<Integer, Long> setTruncates,
            List<byte[]>[] parts) {
        this.ns = ns;
        this.setId = setId;
        this.empty = empty;
        this.instantMillis = instantMillis;
        this.nsTruncateLut = nsTruncateLut;
        this.setTruncates = Map.copyOf(setTruncates);
        this.parts = parts;
    }

    public Namespace namespace() {
        return ns;
    }

    /** The instant, in milliseconds since 2010-01-01. */
    public long instantMillis() {
        return instantMillis;
    }

    /** Index entries taken (before filtering by set, expiry and truncation). */
    public long entries() {
        long n = 0;
        for (List<byte[]> p : parts) {
            n += p.size();
        }
        return n;
    }

    /**
     * The records of partition {@code partitionId} that were live at the instant (and in the set, if
     * one was named), whole, in digest order.
     */
    public List<byte[]> records(int partitionId) {
        if (closed) {
            throw new IllegalStateException("snapshot closed");
        }
        if (empty) {
            return List.of();
        }
        int instantSeconds = (int) (instantMillis / 1000);
        List<byte[]> out = new ArrayList<>();
        for (byte[] entry : parts[partitionId]) {
            if (!wanted(entry, instantSeconds)) {
                continue;
            }
            byte[] r = entry;
            if (Record.isStub(entry)) {
                DeviceStore s = ns.store();
                r = s == null ? null : s.read(entry, ns.setNameBytes(entry).length);
                if (r == null) {
                    throw new IllegalStateException("namespace " + ns.name() + ": record " + Record.digest(entry)
                            + " of the snapshot is unreadable on storage");
                }
            }
            out.add(r);
        }
        out.sort(Record.DIGEST_ORDER);
        return out;
    }

    private boolean wanted(byte[] r, int instantSeconds) {
        if (setId >= 0 && Record.setId(r) != setId) {
            return false;
        }
        if (Record.isTombstone(r)) {
            // A durable delete's tombstone is no record to back up.
            return false;
        }
        if (Record.isExpired(r, instantSeconds)) {
            return false;
        }
        long lut = Record.lastUpdateTime(r);
        if (lut <= nsTruncateLut) {
            return false;
        }
        Long setTruncate = setTruncates.get(Record.setId(r));
        return setTruncate == null || lut > setTruncate;
    }

    /** The name of a record's set, or null. */
    public @Nullable String setName(byte[] record) {
        SetInfo s = ns.sets().get(Record.setId(record));
        return s == null ? null : s.name();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ns.snapshotClosed();
        }
    }
}
