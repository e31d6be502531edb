package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.aerie.server.Aerie;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Three nodes, replication-factor 2, driven by the official client. */
class ClusterTest {
    private static final int RECORDS = 3000;

    private static AerospikeClient client(LocalCluster c) {
        ClientPolicy p = new ClientPolicy();
        p.timeout = 5000;
        return new AerospikeClient(p, new Host("127.0.0.1", c.servicePort(0)));
    }

    private static long copies(LocalCluster c) {
        return c.running().stream()
                .mapToLong(a -> a.namespaces().get("test").objects())
                .sum();
    }

    /** Partitions node {@code a} serves as master, from its replicas answer. */
    static int masters(Aerie a) {
        String reply = a.info("replicas");
        String columns = reply.substring(reply.indexOf(':') + 1);
        String[] parts = columns.split(",");
        byte[] bits = Base64.getDecoder().decode(parts[2]);
        int n = 0;
        for (byte b : bits) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }

    @Test
    void threeNodesSplitPartitionsReplicateAndHealAfterANodeLeaves() throws Exception {
        try (LocalCluster c = new LocalCluster(3, 2).startAll()) {
            c.awaitStable(3);
            int total = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (Aerie a : c.running()) {
                int m = masters(a);
                assertThat(m).isBetween(4096 / 3 - 200, 4096 / 3 + 200);
                total += m;
                min = Math.min(min, m);
                max = Math.max(max, m);
            }
            assertThat(total).isEqualTo(4096);
            System.out.printf("3 nodes: master partitions per node min %d, max %d%n", min, max);
            try (AerospikeClient client = client(c)) {
                assertThat(client.getNodes()).hasSize(3);
                for (int i = 0; i < RECORDS; i++) {
                    client.put(null, new Key("test", "s", i), new Bin("v", i));
                }
                assertThat(copies(c)).isEqualTo(2L * RECORDS);
                long masterObjects = 0;
                for (Aerie a : c.running()) {
                    String ns = a.info("namespace/test");
                    assertThat(ns).contains("ns_cluster_size=3;").contains("effective_replication_factor=2;");
                    masterObjects += stat(ns, "master_objects");
                    assertThat(stat(ns, "master_objects") + stat(ns, "prole_objects"))
                            .isEqualTo(stat(ns, "objects"));
                }
                assertThat(masterObjects).isEqualTo(RECORDS);
                for (int i = 0; i < RECORDS; i++) {
                    Record r = client.get(null, new Key("test", "s", i));
                    assertThat(r).as("record %d", i).isNotNull();
                    assertThat(r.getInt("v")).isEqualTo(i);
                }

                c.stop(2);
                c.awaitStable(2);
                assertThat(copies(c)).isEqualTo(2L * RECORDS);
                waitForNodes(client, 2);
                for (int i = 0; i < RECORDS; i++) {
                    Record r = client.get(null, new Key("test", "s", i));
                    assertThat(r).as("record %d after the loss", i).isNotNull();
                }
                for (int i = RECORDS; i < RECORDS + 500; i++) {
                    client.put(null, new Key("test", "s", i), new Bin("v", i));
                }

                c.start(2);
                c.awaitStable(3);
                waitForNodes(client, 3);
                assertThat(copies(c)).isEqualTo(2L * (RECORDS + 500));
                for (int i = 0; i < RECORDS + 500; i++) {
                    Record r = client.get(null, new Key("test", "s", i));
                    assertThat(r).as("record %d after the rejoin", i).isNotNull();
                    assertThat(r.getInt("v")).isEqualTo(i);
                }
            }
        }
    }

    private static long stat(String answer, String name) {
        for (String kv : answer.split(";", -1)) {
            if (kv.startsWith(name + "=")) {
                return Long.parseLong(kv.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " missing from " + answer);
    }

    private static void waitForNodes(AerospikeClient client, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (client.getNodes().length != n) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        for (Node node : client.getNodes()) {
            assertThat(node.isActive()).isTrue();
        }
    }
}
