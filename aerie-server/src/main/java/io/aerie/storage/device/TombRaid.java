package io.aerie.storage.device;

import io.aerie.storage.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of one tomb-raider pass over a file: the first walk collects every tombstone (the
 * newest per digest is the candidate, older ones hide nothing), the second walk looks for record
 * copies of those digests and keeps a candidate only while a record copy older than it exists.
 */
final class TombRaid {
    /** A tombstone: address, entry size, its block's stamp, offset; whether an older record copy exists. */
    private static final class Tomb {
        final long address;
        final int size;
        final long stamp;
        final int offset;
        boolean hidesSomething;
        boolean superseded;

        Tomb(long address, int size, long stamp, int offset) {
            this.address = address;
            this.size = size;
            this.stamp = stamp;
            this.offset = offset;
        }

        boolean olderThan(long otherStamp, int otherOffset) {
            return stamp != otherStamp ? stamp < otherStamp : offset < otherOffset;
        }
    }

    private final Map<Digest, Tomb> newest = new HashMap<>();
    private final List<Tomb> superseded = new ArrayList<>();

    boolean isEmpty() {
        return newest.isEmpty();
    }

    /** First walk, over block {@code block} of file {@code file}, whose use is stamped {@code stamp}. */
    BlockScan.Visitor tombstones(int file, long block, long stamp) {
        return new BlockScan.Visitor() {
            @Override
            public void entry(byte[] b, DeviceRecord.Entry e) {
                if (!e.tombstone()) {
                    return;
                }
                Tomb t = new Tomb(DeviceAddress.of(file, block, e.position()), e.size(), stamp, e.position());
                Tomb other = newest.get(Digest.of(b, e.recordOffset()));
                if (other == null || other.olderThan(stamp, e.position())) {
                    newest.put(Digest.of(b, e.recordOffset()), t);
                    if (other != null) {
                        superseded.add(other);
                    }
                } else {
                    superseded.add(t);
                }
            }

            @Override
            public void damaged(int from, int to) {}
        };
    }

    /** Second walk, over a block whose use is stamped {@code stamp}: record copies of the candidates' digests. */
    BlockScan.Visitor records(long stamp) {
        return new BlockScan.Visitor() {
            @Override
            public void entry(byte[] b, DeviceRecord.Entry e) {
                if (e.tombstone()) {
                    return;
                }
                Tomb t = newest.get(Digest.of(b, e.recordOffset()));
                if (t == null) {
                    return;
                }
                if (t.olderThan(stamp, e.position())) {
                    // A newer record: the tombstone is history.
                    t.superseded = true;
                } else {
                    t.hidesSomething = true;
                }
            }

            @Override
            public void damaged(int from, int to) {}
        };
    }

    /** The tombstones to drop: [address, size, stamp] each. */
    List<long[]> droppable() {
        List<long[]> out = new ArrayList<>();
        for (Tomb t : superseded) {
            out.add(new long[] {t.address, t.size, t.stamp});
        }
        for (Tomb t : newest.values()) {
            if (t.superseded || !t.hidesSomething) {
                out.add(new long[] {t.address, t.size, t.stamp});
            }
        }
        return out;
    }

    /** One pass over file {@code w}: returns the tombstones dropped. Defragmentation waits for the last step ({@code defragLock}). */
    static long raid(DeviceWriter w, int blockSize, java.util.concurrent.locks.Lock defragLock) {
        byte[] buf = new byte[blockSize];
        List<long[]> blocks = w.writtenBlocks();
        TombRaid raid = new TombRaid();
        for (long[] bs : blocks) {
            w.file().readBlock(bs[0], buf);
            BlockScan.scan(buf, buf.length, bs[1], raid.tombstones(w.fileIndex(), bs[0], bs[1]));
        }
        if (raid.isEmpty()) {
            return 0;
        }
        for (long[] bs : blocks) {
            w.file().readBlock(bs[0], buf);
            BlockScan.scan(buf, buf.length, bs[1], raid.records(bs[1]));
        }
        long dropped = 0;
        defragLock.lock();
        try {
            for (long[] t : raid.droppable()) {
                if (w.dropTombstone(t[0], (int) t[1], t[2])) {
                    dropped++;
                }
            }
        } finally {
            defragLock.unlock();
        }
        return dropped;
    }
}
