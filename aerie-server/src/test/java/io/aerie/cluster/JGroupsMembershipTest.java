package io.aerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.HeartbeatConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Three nodes on loopback find each other through seeds, agree on one view, and see a node leave and come back. */
class JGroupsMembershipTest {
    private static final java.util.Set<Integer> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static int freePort() throws IOException {
        return io.aerie.util.FreePorts.pick(TAKEN);
    }

    private static void await(List<JGroupsMembership> nodes, Predicate<ClusterView> done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!nodes.stream().allMatch(m -> done.test(m.view()))) {
            assertThat(System.nanoTime())
                    .as("views: %s", nodes.stream().map(JGroupsMembership::view).toList())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void nodesFormOneViewAndSeeANodeLeaveAndRejoin() throws Exception {
        int[] ports = {freePort(), freePort(), freePort()};
        long[] ids = {0xA1L, 0xB2L, 0xC3L};
        List<String> seeds = List.of("127.0.0.1:" + ports[0]);
        List<JGroupsMembership> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                JGroupsMembership m = new JGroupsMembership(
                        ids[i], new HeartbeatConfig("mesh", "127.0.0.1", ports[i], seeds, 150, 10), "test-cluster", 1);
                m.start();
                nodes.add(m);
            }
            await(nodes, v -> v.size() == 3);
            long key = nodes.get(0).view().clusterKey();
            for (JGroupsMembership m : nodes) {
                assertThat(m.view().nodes()).containsExactly(0xC3L, 0xB2L, 0xA1L);
                assertThat(m.view().principal()).isEqualTo(0xC3L);
                assertThat(m.view().clusterKey()).isEqualTo(key);
            }

            nodes.remove(2).close();
            await(nodes, v -> v.size() == 2);
            assertThat(nodes.get(0).view().clusterKey())
                    .isNotEqualTo(key)
                    .isEqualTo(nodes.get(1).view().clusterKey());
            assertThat(nodes.get(0).view().principal()).isEqualTo(0xB2L);

            JGroupsMembership back = new JGroupsMembership(
                    ids[2], new HeartbeatConfig("mesh", "127.0.0.1", ports[2], seeds, 150, 10), "test-cluster", 2);
            back.start();
            nodes.add(back);
            await(nodes, v -> v.size() == 3);
        } finally {
            nodes.forEach(JGroupsMembership::close);
        }
    }
}
