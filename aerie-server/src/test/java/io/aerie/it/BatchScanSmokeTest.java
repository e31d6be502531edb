package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchScanSmokeTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    @Test
    void batchGetReturnsRecordsInKeyOrderWithNullsForMissingKeys() {
        Key[] keys = new Key[10];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key("test", "batch", i);
            if (i % 2 == 0) {
                NODE.client().put(null, keys[i], new Bin("i", i));
            }
        }
        Record[] records = NODE.client().get(null, keys);
        for (int i = 0; i < keys.length; i++) {
            if (i % 2 == 0) {
                assertThat(records[i].getInt("i")).isEqualTo(i);
            } else {
                assertThat(records[i]).isNull();
            }
        }
        boolean[] exists = NODE.client().exists(null, keys);
        assertThat(exists[0]).isTrue();
        assertThat(exists[1]).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void batchOperateReportsPerRecordResults() {
        Key a = new Key("test", "bops", "a");
        Key b = new Key("test", "bops", "b");
        NODE.client().put(null, a, new Bin("n", 1));
        List<BatchRecord> ops = new ArrayList<>();
        ops.add(new BatchWrite(a, Operation.array(Operation.add(new Bin("n", 5)), Operation.get("n"))));
        ops.add(new BatchWrite(b, Operation.array(Operation.put(new Bin("n", 7)))));
        assertThat(NODE.client().operate(null, ops)).isTrue();
        assertThat(ops.get(0).resultCode).isEqualTo(ResultCode.OK);
        // Batch writes always respond per op: the add's slot is null, the get's holds the sum.
        assertThat((List<Object>) ops.get(0).record.getList("n")).containsExactly(null, 6L);
        assertThat(NODE.client().get(null, b).getInt("n")).isEqualTo(7);
    }

    @Test
    void scanAllSeesEveryRecordOfTheSetOnce() {
        for (int i = 0; i < 500; i++) {
            NODE.client().put(null, new Key("test", "scanned", i), new Bin("i", i));
        }
        NODE.client().put(null, new Key("test", "other", 1), new Bin("i", -1));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        NODE.client().scanAll(new ScanPolicy(), "test", "scanned", (key, rec) -> seen.add(rec.getLong("i")));
        assertThat(seen).hasSize(500);
    }

    @Test
    void pagedPartitionScanResumesWithoutDuplicates() {
        for (int i = 0; i < 300; i++) {
            NODE.client().put(null, new Key("test", "paged", i), new Bin("i", i));
        }
        ScanPolicy policy = new ScanPolicy();
        policy.maxRecords = 70;
        PartitionFilter filter = PartitionFilter.all();
        List<Long> seen = new ArrayList<>();
        int pages = 0;
        while (!filter.isDone() && pages < 50) {
            NODE.client().scanPartitions(policy, filter, "test", "paged", (key, rec) -> {
                synchronized (seen) {
                    seen.add(rec.getLong("i"));
                }
            });
            pages++;
        }
        assertThat(seen).hasSize(300).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThan(4);
    }
}
