package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client whose partition map is out of date (it does not tend again after a fourth node joins)
 * sends requests for the moved partitions to their old owners: single-record requests and batch
 * rows alike are proxied to the node that serves them now, so every read and write still lands.
 */
class StaleMapTest {
    private static final int RECORDS = 1500;

    private static AerospikeClient client(LocalCluster c, int tendIntervalMillis) {
        ClientPolicy p = new ClientPolicy();
        p.timeout = 5000;
        p.tendInterval = tendIntervalMillis;
        return new AerospikeClient(p, new Host("127.0.0.1", c.servicePort(0)));
    }

    private static long copies(LocalCluster c) {
        return c.running().stream()
                .mapToLong(a -> a.namespaces().get("test").objects())
                .sum();
    }

    @Test
    void requestsForMovedPartitionsReachTheirNewOwner() throws Exception {
        try (LocalCluster c = new LocalCluster(4, 2)) {
            for (int i = 0; i < 3; i++) {
                c.start(i);
            }
            c.awaitStable(3);
            // A minute between tends (the most the client allows): the map it has now is the one it keeps.
            try (AerospikeClient stale = client(c, 60_000)) {
                for (int i = 0; i < RECORDS; i++) {
                    stale.put(null, new Key("test", "s", i), new Bin("v", i));
                }
                c.start(3);
                c.awaitStable(4);
                assertThat(stale.getNodes()).hasSize(3);

                Key[] keys = new Key[RECORDS];
                for (int i = 0; i < RECORDS; i++) {
                    keys[i] = new Key("test", "s", i);
                }
                Record[] got = stale.get(null, keys);
                for (int i = 0; i < RECORDS; i++) {
                    assertThat(got[i]).as("batch read of %d", i).isNotNull();
                    assertThat(got[i].getInt("v")).isEqualTo(i);
                }
                List<BatchRecord> writes = new ArrayList<>();
                for (int i = 0; i < RECORDS; i++) {
                    writes.add(new BatchWrite(keys[i], Operation.array(Operation.put(new Bin("v", i + 10_000)))));
                }
                assertThat(stale.operate(null, writes)).isTrue();
                for (BatchRecord r : writes) {
                    assertThat(r.resultCode).as("batch write of %s", r.key).isEqualTo(ResultCode.OK);
                }
                for (int i = 0; i < RECORDS; i += 3) {
                    stale.put(null, keys[i], new Bin("w", i));
                    assertThat(stale.get(null, keys[i]).getInt("w")).isEqualTo(i);
                }
            }
            try (AerospikeClient fresh = client(c, 1000)) {
                assertThat(fresh.getNodes()).hasSize(4);
                for (int i = 0; i < RECORDS; i++) {
                    Record r = fresh.get(null, new Key("test", "s", i));
                    assertThat(r.getInt("v")).isEqualTo(i + 10_000);
                    if (i % 3 == 0) {
                        assertThat(r.getInt("w")).isEqualTo(i);
                    }
                }
            }
            // Two copies of each record once the nodes have settled. A copy the old owner held
            // for a moment counted once as a third (CI saw 3,001 of 3,000 once); a lasting one
            // still fails here.
            long deadline = System.nanoTime() + 10_000_000_000L;
            long copies = copies(c);
            while (copies != 2L * RECORDS && System.nanoTime() < deadline) {
                Thread.sleep(100);
                copies = copies(c);
            }
            assertThat(copies).isEqualTo(2L * RECORDS);
        }
    }
}
