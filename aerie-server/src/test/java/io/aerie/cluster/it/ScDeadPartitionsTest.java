package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.cluster.PartitionBalance;
import io.aerie.cluster.PartitionTable;
import io.aerie.cluster.Roster;
import io.aerie.server.Aerie;
import io.aerie.storage.Partition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead partitions: two of three in-memory nodes restart, losing their copies but remembering the
 * regimes. With every roster node back, the partitions whose two copies were both on them cannot
 * be served (no present copy holds every acknowledged write) and are dead; the rest serve. After
 * {@code revive} and {@code recluster} the dead ones serve again, accepting the loss, as Aerospike.
 */
class ScDeadPartitionsTest {
    @TempDir
    Path dir;

    private static long stat(Aerie n, String name) {
        String s = n.info("namespace/test");
        return Long.parseLong(s.split(name + "=")[1].split(";")[0]);
    }

    @Test
    void partitionsWhoseCopiesWereAllLostAreDeadUntilRevived() throws Exception {
        try (LocalCluster c = new LocalCluster(3, 2).strongConsistency(dir).startAll()) {
            c.awaitStable(3);
            ScAvailabilityTest.setRoster(c, 3);
            List<Long> roster = Roster.parse(
                            0,
                            c.node(0)
                                    .info("roster:namespace=test")
                                    .split(":")[0]
                                    .substring(7))
                    .ids();
            PartitionTable table = PartitionBalance.compute(roster, new HashMap<>(), 2, true);
            Set<Long> restarted = Set.of(
                    Long.parseUnsignedLong(c.node(1).nodeId(), 16),
                    Long.parseUnsignedLong(c.node(2).nodeId(), 16));
            int lost = 0;
            for (int pid = 0; pid < Partition.COUNT; pid++) {
                if (restarted.contains(table.master(pid)) && restarted.contains(table.nodeAt(pid, 1))) {
                    lost++;
                }
            }
            assertThat(lost).isPositive();

            c.stop(1);
            c.stop(2);
            c.awaitAll(n -> n.info("statistics").contains("cluster_size=1"), 30_000);
            c.awaitAll(n -> stat(n, "unavailable_partitions") == Partition.COUNT, 30_000);
            c.start(1);
            c.start(2);
            c.awaitStable(3);
            int dead = lost;
            c.awaitAll(n -> stat(n, "dead_partitions") == dead, 30_000);
            c.awaitAll(n -> ScAvailabilityTest.mastered(c).size() == Partition.COUNT - dead, 30_000);

            assertThat(c.node(1).info("revive:namespace=test")).isEqualTo("ok");
            assertThat(c.node(0).info("recluster:")).isEqualTo("ok");
            c.awaitAll(n -> stat(n, "dead_partitions") == 0, 30_000);
            c.awaitAll(n -> ScAvailabilityTest.mastered(c).size() == Partition.COUNT, 30_000);
        }
    }
}
