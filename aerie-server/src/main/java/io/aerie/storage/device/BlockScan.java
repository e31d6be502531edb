package io.aerie.storage.device;

/**
 * Walks the entries of one write block, as cold start does: every whole entry goes to the visitor,
 * and damaged stretches are reported and stepped over, so one bad record costs that record, not
 * the rest of its block.
 *
 * <p>After damage the walk resynchronises at the next {@link DeviceRecord#ALIGN}-aligned offset
 * that holds a whole, checksummed entry. A record whose bins happen to contain the image of a valid
 * entry could be taken for one there, but only behind damage, and only if the image's checksum
 * holds.
 */
public final class BlockScan {
    private BlockScan() {}

    /** Receives what a scan finds. */
    public interface Visitor {
        /** A whole entry; {@code entry} is reused by the next call. */
        void entry(byte[] block, DeviceRecord.Entry entry);

        /** Bytes {@code [from, to)} of the block held no readable entry, and an entry of the block follows. */
        void damaged(int from, int to);

        /**
         * From {@code from} on, the block holds no further entry of its current use, yet is not all
         * zeros: a last write torn by a crash, leftovers of an earlier use, or damage at the tail.
         */
        default void trailing(int from) {}
    }

    /**
     * Scans the entries of the block's use stamped {@code stamp} (the block table's), in order, and
     * returns how many it visited. An entry of another stamp is a leftover of an earlier use of the
     * block and ends the scan like the zeros of an unwritten rest.
     */
    public static int scan(byte[] block, int limit, long stamp, Visitor visitor) {
        return walk(block, limit, stamp, visitor);
    }

    /** Walks whole entries, stopping at the first entry of another stamp. */
    private static int walk(byte[] block, int limit, long stamp, Visitor visitor) {
        DeviceRecord.Entry e = new DeviceRecord.Entry();
        int pos = 0;
        int found = 0;
        while (pos < limit) {
            DeviceRecord.Status status = DeviceRecord.read(block, pos, limit, e);
            if (status == DeviceRecord.Status.OK) {
                if (e.stamp() != stamp) {
                    return found;
                }
                visitor.entry(block, e);
                found++;
                pos += e.size();
            } else if (status == DeviceRecord.Status.END) {
                return found;
            } else {
                int next = resync(block, pos + DeviceRecord.ALIGN, limit, e);
                boolean entryFollows = next < limit
                        && DeviceRecord.read(block, next, limit, e) == DeviceRecord.Status.OK
                        && e.stamp() == stamp;
                if (!entryFollows) {
                    visitor.trailing(pos);
                    return found;
                }
                visitor.damaged(pos, next);
                pos = next;
            }
        }
        return found;
    }

    /**
     * The first aligned offset at or after {@code from} holding a whole entry; when none follows,
     * where the zeros of the unwritten rest begin (zeros inside the damaged entry do not end the
     * search, since a whole entry may still follow them).
     */
    private static int resync(byte[] block, int from, int limit, DeviceRecord.Entry e) {
        int firstEnd = -1;
        for (int pos = from; pos < limit; pos += DeviceRecord.ALIGN) {
            DeviceRecord.Status status = DeviceRecord.read(block, pos, limit, e);
            if (status == DeviceRecord.Status.OK) {
                return pos;
            }
            if (status == DeviceRecord.Status.END && firstEnd < 0) {
                firstEnd = pos;
            } else if (status == DeviceRecord.Status.DAMAGED) {
                firstEnd = -1;
            }
        }
        return firstEnd >= 0 ? firstEnd : limit;
    }
}
