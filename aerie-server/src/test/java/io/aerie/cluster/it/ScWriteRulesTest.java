package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.info.ClusterInfoCommands;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strong consistency's write rules. A delete that leaves no tombstone is refused with FORBIDDEN
 * and a durable one goes through. Clock skew: once one node's clock runs further ahead than the limit
 * (20 s at Aerospike's default heartbeat, 13.3 s at the 100 ms x 10 these tests use), writes
 * are refused with FORBIDDEN on every node, and they resume once the clocks agree again.
 */
class ScWriteRulesTest {
    @TempDir
    Path dir;

    @Test
    void writesStopPastTheSkewLimitAndResumeAfter() throws Exception {
        System.setProperty(ClusterInfoCommands.NEMESIS_PROPERTY, "true");
        try (LocalCluster c = new LocalCluster(3, 2).strongConsistency(dir).startAll()) {
            c.awaitStable(3);
            ScAvailabilityTest.setRoster(c, 3);
            assertThat(c.node(0).info("statistics")).contains("cluster_clock_skew_stop_writes_sec=13");
            ClientPolicy cp = new ClientPolicy();
            cp.timeout = 5000;
            try (AerospikeClient client = new AerospikeClient(cp, new Host("127.0.0.1", c.servicePort(0)))) {
                WritePolicy w = new WritePolicy();
                w.maxRetries = 0;
                client.put(w, new Key("test", "s", 1), new Bin("v", 1));
                client.put(w, new Key("test", "s", 2), new Bin("v", 1));
                AerospikeException expunge = null;
                try {
                    client.delete(w, new Key("test", "s", 2));
                } catch (AerospikeException e) {
                    expunge = e;
                }
                assertThat(expunge).as("a delete without a tombstone").isNotNull();
                assertThat(expunge.getResultCode()).isEqualTo(ResultCode.FAIL_FORBIDDEN);
                assertThat(client.exists(null, new Key("test", "s", 2))).isTrue();
                WritePolicy durable = new WritePolicy(w);
                durable.durableDelete = true;
                assertThat(client.delete(durable, new Key("test", "s", 2))).isTrue();
                assertThat(client.exists(null, new Key("test", "s", 2))).isFalse();
                assertThat(c.running().stream()
                                .mapToLong(n -> n.namespaces().get("test").tombstones())
                                .sum())
                        .as("the durable delete's tombstone, on master and replica")
                        .isEqualTo(2);

                assertThat(c.node(2).info("nemesis-clock:offset-ms=30000")).isEqualTo("ok");
                c.awaitAll(n -> n.info("namespace/test").contains("clock_skew_stop_writes=true"), 10_000);
                String stats = c.node(0).info("statistics");
                long skew =
                        Long.parseLong(stats.split("cluster_clock_skew_ms=")[1].split(";")[0]);
                assertThat(skew).isBetween(29_000L, 31_000L);
                for (int i = 0; i < 20; i++) {
                    Key k = new Key("test", "s", i);
                    AerospikeException refused = null;
                    try {
                        client.put(w, k, new Bin("v", 2));
                    } catch (AerospikeException e) {
                        refused = e;
                    }
                    assertThat(refused).as("key %d", i).isNotNull();
                    assertThat(refused.getResultCode()).isEqualTo(ResultCode.FAIL_FORBIDDEN);
                }
                assertThat(client.get(null, new Key("test", "s", 1)).getLong("v"))
                        .as("reads go on")
                        .isEqualTo(1);

                assertThat(c.node(2).info("nemesis-clock:offset-ms=0")).isEqualTo("ok");
                // Node 2's clock holds still until real time catches up: the skew then drains away.
                c.awaitAll(n -> n.info("namespace/test").contains("clock_skew_stop_writes=false"), 60_000);
                client.put(w, new Key("test", "s", 1), new Bin("v", 3));
                assertThat(client.get(null, new Key("test", "s", 1)).getLong("v"))
                        .isEqualTo(3);
            }
        }
    }
}
