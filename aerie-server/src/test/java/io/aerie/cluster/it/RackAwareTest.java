package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.server.Aerie;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Four nodes on two racks ({@code rack-id}), replication-factor 2: every partition has one copy on each rack. */
class RackAwareTest {
    @Test
    void theTwoCopiesOfEveryPartitionSitOnDifferentRacks() throws Exception {
        try (LocalCluster c = new LocalCluster(4, 2)
                .rack(0, 1)
                .rack(1, 1)
                .rack(2, 2)
                .rack(3, 2)
                .startAll()) {
            c.awaitStable(4);
            Map<String, Integer> rackOf = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                rackOf.put(c.node(i).nodeId(), i < 2 ? 1 : 2);
            }
            String[][] holder = new String[4096][2];
            for (Aerie a : c.running()) {
                String reply = a.info("replicas");
                String[] parts = reply.substring(reply.indexOf(':') + 1).split(",", -1);
                assertThat(parts[1]).isEqualTo("2");
                for (int col = 0; col < 2; col++) {
                    byte[] bits = Base64.getDecoder().decode(parts[2 + col]);
                    for (int pid = 0; pid < 4096; pid++) {
                        if ((bits[pid >> 3] & (0x80 >>> (pid & 7))) != 0) {
                            assertThat(holder[pid][col])
                                    .as("partition %d column %d", pid, col)
                                    .isNull();
                            holder[pid][col] = a.nodeId();
                        }
                    }
                }
            }
            for (int pid = 0; pid < 4096; pid++) {
                assertThat(holder[pid][0]).as("master of %d", pid).isNotNull();
                assertThat(holder[pid][1]).as("replica of %d", pid).isNotNull();
                assertThat(rackOf.get(holder[pid][0]))
                        .as("racks of partition %d", pid)
                        .isNotEqualTo(rackOf.get(holder[pid][1]));
            }
        }
    }
}
