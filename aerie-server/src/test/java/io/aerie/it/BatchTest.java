package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchResults;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.RecordExistsAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batch-index protocol: reads, headers, exists, and batch operate/write/delete with per-record results. */
class BatchTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    @Test
    void fiveThousandKeysWithChosenBinsHeadersAndDuplicates() {
        Key[] keys = new Key[5000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key("test", "bigbatch", i % 4000);
            if (i < 4000) {
                NODE.client().put(null, keys[i], new Bin("a", i), new Bin("b", "x"));
            }
        }
        Record[] full = NODE.client().get(null, keys);
        Record[] chosen = NODE.client().get(null, keys, "a");
        Record[] headers = NODE.client().getHeader((BatchPolicy) null, keys);
        for (int i = 0; i < keys.length; i++) {
            assertThat(full[i].getInt("a")).isEqualTo(i % 4000);
            assertThat(chosen[i].bins).containsOnlyKeys("a");
            assertThat(headers[i].generation).isEqualTo(1);
            assertThat(headers[i].bins).isNull();
        }
    }

    @Test
    void batchReadsWithTheirOwnBinLists() {
        Key a = new Key("test", "bread", "a");
        Key b = new Key("test", "bread", "b");
        NODE.client().put(null, a, new Bin("x", 1), new Bin("y", 2));
        List<BatchRead> reads = new ArrayList<>();
        reads.add(new BatchRead(a, new String[] {"y"}));
        reads.add(new BatchRead(a, true));
        reads.add(new BatchRead(b, true));
        NODE.client().get(null, reads);
        assertThat(reads.get(0).record.bins).containsOnlyKeys("y");
        assertThat(reads.get(1).record.bins).containsOnlyKeys("x", "y");
        assertThat(reads.get(2).record).isNull();
        assertThat(reads.get(2).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
    }

    @Test
    void mixedOperateReportsEachRecordsResult() {
        Key exists = new Key("test", "bmix", "exists");
        Key fresh = new Key("test", "bmix", "fresh");
        Key gone = new Key("test", "bmix", "gone");
        NODE.client().put(null, exists, new Bin("n", 1));
        NODE.client().put(null, gone, new Bin("n", 1));
        BatchWritePolicy createOnly = new BatchWritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        List<BatchRecord> ops = new ArrayList<>();
        ops.add(new BatchWrite(createOnly, exists, Operation.array(Operation.put(new Bin("n", 9)))));
        ops.add(new BatchWrite(createOnly, fresh, Operation.array(Operation.put(new Bin("n", 2)))));
        ops.add(new BatchDelete(gone));
        ops.add(new BatchRead(exists, true));
        ops.add(new BatchDelete(new Key("test", "bmix", "never")));
        boolean allOk = NODE.client().operate(null, ops);
        assertThat(allOk).isFalse();
        assertThat(ops.get(0).resultCode).isEqualTo(ResultCode.KEY_EXISTS_ERROR);
        assertThat(ops.get(1).resultCode).isEqualTo(ResultCode.OK);
        assertThat(ops.get(2).resultCode).isEqualTo(ResultCode.OK);
        assertThat(ops.get(3).record.getInt("n")).isEqualTo(1);
        assertThat(ops.get(4).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(NODE.client().exists(null, gone)).isFalse();
        assertThat(NODE.client().get(null, fresh).getInt("n")).isEqualTo(2);
    }

    @Test
    void batchOperateAndDeleteOverKeyArrays() {
        Key[] keys = new Key[50];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key("test", "barr", i);
        }
        BatchResults added =
                NODE.client().operate(null, null, keys, Operation.add(new Bin("n", 5)), Operation.get("n"));
        assertThat(added.status).isTrue();
        for (BatchRecord r : added.records) {
            assertThat(r.resultCode).isEqualTo(ResultCode.OK);
        }
        BatchResults deleted = NODE.client().delete(null, null, keys);
        assertThat(deleted.status).isTrue();
        assertThat(NODE.client().exists(null, keys)).containsOnly(false);
    }

    @Test
    void aSingleKeyBatchAndStopOnFirstErrorWithoutRespondAllKeys() {
        Key one = new Key("test", "bone", 1);
        NODE.client().put(null, one, new Bin("v", 1));
        assertThat(NODE.client().get(null, new Key[] {one})[0].getInt("v")).isEqualTo(1);
        BatchPolicy stopEarly = new BatchPolicy();
        stopEarly.respondAllKeys = false;
        Key[] keys = {new Key("test", "bone", 1), new Key("test", "bone", 2)};
        Record[] got = NODE.client().get(stopEarly, keys);
        assertThat(got[0]).isNotNull();
        assertThat(got[1]).isNull();
    }
}
