package io.aerie.txn;

import io.aerie.protocol.AsMessage;
import io.aerie.protocol.Bytes;
import io.aerie.protocol.FieldType;
import io.aerie.storage.Digest;
import io.aerie.storage.Partition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which partitions a scan covers and where each resumes, plus its limits, decoded from the
 * request's PID_ARRAY, DIGEST_ARRAY, MAX_RECORDS and RECORDS_PER_SECOND fields.
 */
record ScanPlan(List<Part> parts, long maxRecords, long recordsPerSecond) {

    /** One partition to scan, from its start or strictly after {@code after}. */
    record Part(int partitionId, @Nullable Digest after) {}

    static ScanPlan of(AsMessage m) {
        List<Part> parts = new ArrayList<>();
        byte[] buf = m.buffer();
        int pidOff = m.fieldOffset(FieldType.PID_ARRAY);
        int digOff = m.fieldOffset(FieldType.DIGEST_ARRAY);
        if (pidOff >= 0) {
            int len = m.fieldLength(FieldType.PID_ARRAY);
            if (len % 2 != 0) {
                throw new IllegalArgumentException("partition id array of odd length " + len);
            }
            for (int i = 0; i < len; i += 2) {
                int pid = Bytes.getUShortLE(buf, pidOff + i);
                if (pid >= Partition.COUNT) {
                    throw new IllegalArgumentException("partition id " + pid);
                }
                parts.add(new Part(pid, null));
            }
        }
        if (digOff >= 0) {
            int len = m.fieldLength(FieldType.DIGEST_ARRAY);
            if (len % Digest.SIZE != 0) {
                throw new IllegalArgumentException("digest array of length " + len);
            }
            for (int i = 0; i < len; i += Digest.SIZE) {
                parts.add(new Part(Digest.partitionId(buf, digOff + i), Digest.of(buf, digOff + i)));
            }
        }
        if (pidOff < 0 && digOff < 0) {
            for (int pid = 0; pid < Partition.COUNT; pid++) {
                parts.add(new Part(pid, null));
            }
        }
        long max = m.fieldUnsigned(FieldType.MAX_RECORDS, 0);
        long rps = m.fieldUnsigned(FieldType.RECORDS_PER_SECOND, 0);
        if (max < 0) {
            throw new IllegalArgumentException("max records " + max);
        }
        return new ScanPlan(parts, max, rps);
    }
}
