package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import io.aerie.server.Aerie;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fourth node joins three: about a quarter of the masters move, and every record keeps two copies. */
class AddNodeTest {
    private static final int RECORDS = 2000;

    /** Partition id to the node id that masters it, from every running node's replicas answer. */
    private static Map<Integer, String> masters(LocalCluster c) {
        Map<Integer, String> out = new HashMap<>();
        for (Aerie a : c.running()) {
            String reply = a.info("replicas");
            String bitmap = reply.substring(reply.indexOf(':') + 1).split(",", -1)[2];
            byte[] bits = Base64.getDecoder().decode(bitmap);
            for (int pid = 0; pid < 4096; pid++) {
                if ((bits[pid >> 3] & (0x80 >>> (pid & 7))) != 0) {
                    assertThat(out.put(pid, a.nodeId()))
                            .as("partition %d has two masters", pid)
                            .isNull();
                }
            }
        }
        return out;
    }

    @Test
    void aJoiningNodeTakesAboutAQuarterOfThePartitions() throws Exception {
        try (LocalCluster c = new LocalCluster(4, 2)) {
            for (int i = 0; i < 3; i++) {
                c.start(i);
            }
            c.awaitStable(3);
            ClientPolicy p = new ClientPolicy();
            p.timeout = 5000;
            try (AerospikeClient client = new AerospikeClient(p, new Host("127.0.0.1", c.servicePort(0)))) {
                for (int i = 0; i < RECORDS; i++) {
                    client.put(null, new Key("test", "s", i), new Bin("v", i));
                }
            }
            Map<Integer, String> before = masters(c);
            assertThat(before).hasSize(4096);

            c.start(3);
            c.awaitStable(4);
            Map<Integer, String> after = masters(c);
            assertThat(after).hasSize(4096);
            int moved = 0;
            for (int pid = 0; pid < 4096; pid++) {
                if (!before.get(pid).equals(after.get(pid))) {
                    moved++;
                }
            }
            Map<String, Integer> perNode = new HashMap<>();
            after.values().forEach(n -> perNode.merge(n, 1, Integer::sum));
            System.out.printf(
                    "add node: %d of 4096 masters moved (%.1f%%); masters per node %s%n",
                    moved, 100.0 * moved / 4096, perNode);
            assertThat(moved).isBetween(4096 / 4 - 250, 4096 / 4 + 250);
            // prefer-uniform-balance (the default) evens the masters out to within one partition.
            assertThat(perNode.values()).allSatisfy(count -> assertThat(count).isBetween(1023, 1025));
            long copies = c.running().stream()
                    .mapToLong(a -> a.namespaces().get("test").objects())
                    .sum();
            assertThat(copies).isEqualTo(2L * RECORDS);
        }
    }
}
