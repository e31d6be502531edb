package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.info.ClusterInfoCommands;
import io.aerie.server.Aerie;
import org.junit.jupiter.api.Test;

/**
 * AP mode across a network split: traffic between {A, B} and {C} is dropped, both sides serve
 * every partition, and after the heal each record keeps the version the conflict-resolution
 * policy (generation) picks: the side that wrote it more often wins, the other side's write is lost.
 * A durable delete on one side outranks the other side's older copy: the record stays deleted.
 */
class ApSplitTest {
    private static final int KEYS = 300;

    private static AerospikeClient client(int port) {
        ClientPolicy p = new ClientPolicy();
        p.timeout = 5000;
        return new AerospikeClient(p, new Host("127.0.0.1", port));
    }

    @Test
    void bothSidesServeAndTheHealKeepsTheHigherGeneration() throws Exception {
        System.setProperty(ClusterInfoCommands.NEMESIS_PROPERTY, "true");
        try (LocalCluster c = new LocalCluster(3, 2).startAll()) {
            c.awaitStable(3);
            try (AerospikeClient all = client(c.servicePort(0))) {
                for (int i = 0; i < KEYS; i++) {
                    all.put(null, new Key("test", "s", i), new Bin("v", "before"));
                    if (i % 3 == 2) {
                        all.put(null, new Key("test", "del", i), new Bin("v", "before"));
                    }
                }
            }
            String a = c.node(0).nodeId();
            String b = c.node(1).nodeId();
            String cId = c.node(2).nodeId();
            c.node(0).info("nemesis-isolate:nodes=" + cId);
            c.node(1).info("nemesis-isolate:nodes=" + cId);
            c.node(2).info("nemesis-isolate:nodes=" + a + "," + b);
            c.awaitAll(n -> n.info("statistics").contains("cluster_size=" + (n == c.node(2) ? 1 : 2)), 30_000);
            c.awaitAll(n -> !n.info("cluster-stable:ignore-migrations=no").startsWith("ERROR"), 30_000);

            WritePolicy durable = new WritePolicy();
            durable.durableDelete = true;
            try (AerospikeClient ab = client(c.servicePort(0));
                    AerospikeClient lone = client(c.servicePort(2))) {
                assertThat(lone.getNodes()).hasSize(1);
                for (int i = 0; i < KEYS; i++) {
                    Key k = new Key("test", "s", i);
                    if (i % 3 == 0) {
                        // Written twice on the majority side, once on the lone node: the majority wins.
                        ab.put(null, k, new Bin("v", "ab1"));
                        ab.put(null, k, new Bin("v", "ab2"));
                        lone.put(null, k, new Bin("v", "c1"));
                    } else if (i % 3 == 1) {
                        // Written twice on the lone node only: its version survives the heal.
                        lone.put(null, k, new Bin("v", "c1"));
                        lone.put(null, k, new Bin("v", "c2"));
                    } else {
                        ab.put(null, new Key("test", "new", i), new Bin("v", "ab-new"));
                        lone.put(null, new Key("test", "lone", i), new Bin("v", "c-new"));
                        // Durably deleted on the majority side; the lone node keeps its older copy,
                        // which the tombstone outranks when the copies merge.
                        ab.delete(durable, new Key("test", "del", i));
                    }
                }
            }

            for (Aerie n : c.running()) {
                n.info("nemesis-isolate:nodes=");
            }
            // Once every node has rebalanced for the merged view, while partitions may still be
            // merging: a write resolves against the other copies first, so it builds on the
            // winner and survives the merge.
            c.awaitAll(
                    n -> !n.info("cluster-stable:size=3;ignore-migrations=yes").startsWith("ERROR"), 30_000);
            try (AerospikeClient after = client(c.servicePort(1))) {
                // Once each: a retried append could land twice.
                WritePolicy once = new WritePolicy();
                once.totalTimeout = 10_000;
                once.maxRetries = 0;
                for (int i = 1; i < KEYS; i += 3) {
                    after.operate(once, new Key("test", "s", i), Operation.append(new Bin("v", "+")));
                }
            }
            c.awaitStable(3);
            try (AerospikeClient all = client(c.servicePort(1))) {
                for (int i = 0; i < KEYS; i++) {
                    Record r = all.get(null, new Key("test", "s", i));
                    assertThat(r).as("key %d", i).isNotNull();
                    String expected = i % 3 == 0 ? "ab2" : i % 3 == 1 ? "c2+" : "before";
                    assertThat(r.getString("v")).as("key %d", i).isEqualTo(expected);
                    if (i % 3 == 2) {
                        assertThat(all.get(null, new Key("test", "new", i)).getString("v"))
                                .isEqualTo("ab-new");
                        assertThat(all.get(null, new Key("test", "lone", i)).getString("v"))
                                .isEqualTo("c-new");
                        assertThat(all.get(null, new Key("test", "del", i)))
                                .as("durably deleted key %d", i)
                                .isNull();
                    }
                }
            }
            long copies = c.running().stream()
                    .mapToLong(n -> n.namespaces().get("test").objects())
                    .sum();
            assertThat(copies).isEqualTo(2L * (KEYS + 2 * (KEYS / 3)));
            long tombstones = c.running().stream()
                    .mapToLong(n -> n.namespaces().get("test").tombstones())
                    .sum();
            assertThat(tombstones)
                    .as("a tombstone on both copies of each deleted key")
                    .isEqualTo(2L * (KEYS / 3));
        } finally {
            System.clearProperty(ClusterInfoCommands.NEMESIS_PROPERTY);
        }
    }
}
