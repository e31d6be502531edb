package io.aerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/**
 * The balance is a function of the node set alone, spreads partitions evenly, moves only what it
 * must when a node leaves or joins, and keeps copies on different racks.
 */
class PartitionBalanceTest {
    @Property(tries = 30)
    void everyNodeComputesTheSameTableWhateverOrderItSeesTheNodesIn(
            @ForAll @Size(min = 1, max = 8) @UniqueElements List<Long> nodes,
            @ForAll @IntRange(min = 1, max = 3) int rf) {
        PartitionTable a = PartitionBalance.compute(nodes, Map.of(), rf);
        List<Long> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled);
        PartitionTable b = PartitionBalance.compute(shuffled, Map.of(), rf);
        for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
            assertThat(b.row(pid)).isEqualTo(a.row(pid));
            int[] sorted = a.row(pid).clone();
            Arrays.sort(sorted);
            assertThat(sorted).as("a row orders every node once").isEqualTo(range(nodes.size()));
        }
        assertThat(a.replicationFactor()).isEqualTo(Math.min(rf, nodes.size()));
    }

    @Property(tries = 20)
    void mastersAndReplicasSpreadEvenly(@ForAll @IntRange(min = 2, max = 8) int n, @ForAll long seed) {
        List<Long> nodes = nodes(n, seed);
        PartitionTable t = PartitionBalance.compute(nodes, Map.of(), 2);
        double fair = PartitionBalance.PARTITIONS / (double) n;
        for (int count : t.mastersPerNode()) {
            assertThat(count).as("masters per node, fair share %.0f", fair).isBetween((int) (fair * 0.8), (int)
                    (fair * 1.2));
        }
        for (int count : t.replicasPerNode()) {
            assertThat(count).isBetween((int) (fair * 0.8), (int) (fair * 1.2));
        }
    }

    @Property(tries = 20)
    void whenANodeLeavesEveryRowJustLosesIt(@ForAll @IntRange(min = 2, max = 8) int n, @ForAll long seed) {
        List<Long> nodes = nodes(n, seed);
        PartitionTable before = PartitionBalance.compute(nodes, Map.of(), 2);
        long gone = nodes.get((int) Math.floorMod(seed, n));
        List<Long> rest = new ArrayList<>(nodes);
        rest.remove(gone);
        PartitionTable after = PartitionBalance.compute(rest, Map.of(), 2);
        int mastersMoved = 0;
        for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
            List<Long> expected = new ArrayList<>();
            for (int pos = 0; pos < n; pos++) {
                if (before.nodeAt(pid, pos) != gone) {
                    expected.add(before.nodeAt(pid, pos));
                }
            }
            List<Long> actual = new ArrayList<>();
            for (int pos = 0; pos < n - 1; pos++) {
                actual.add(after.nodeAt(pid, pos));
            }
            assertThat(actual).isEqualTo(expected);
            if (before.master(pid) != after.master(pid)) {
                mastersMoved++;
                assertThat(before.master(pid))
                        .as("only the leaving node's partitions change master")
                        .isEqualTo(gone);
            }
        }
        assertThat(mastersMoved).isEqualTo(before.mastersPerNode()[index(before, gone)]);
    }

    @Test
    void addingANodeMovesAboutOneNthOfThePartitions() {
        for (int n = 2; n <= 7; n++) {
            List<Long> nodes = nodes(n, n * 7919L);
            PartitionTable before = PartitionBalance.compute(nodes, Map.of(), 2);
            List<Long> more = new ArrayList<>(nodes);
            more.add(0xA000_0000_0000_0000L + n);
            PartitionTable after = PartitionBalance.compute(more, Map.of(), 2);
            int moved = 0;
            for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
                if (before.master(pid) != after.master(pid)) {
                    moved++;
                }
            }
            double share = PartitionBalance.PARTITIONS / (double) (n + 1);
            assertThat((double) moved).as("masters moved to node %d", n + 1).isBetween(share * 0.8, share * 1.2);
        }
    }

    @Property(tries = 20)
    void copiesSitOnDifferentRacksWhenThereAreEnoughRacks(
            @ForAll @IntRange(min = 2, max = 8) int n,
            @ForAll @IntRange(min = 2, max = 3) int racks,
            @ForAll long seed) {
        List<Long> nodes = nodes(n, seed);
        Map<Long, Integer> rackIds = new HashMap<>();
        for (int i = 0; i < n; i++) {
            rackIds.put(nodes.get(i), 1 + i % racks);
        }
        int rf = 2;
        PartitionTable t = PartitionBalance.compute(nodes, rackIds, rf);
        for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
            Set<Integer> seen = new HashSet<>();
            for (int pos = 0; pos < t.replicationFactor(); pos++) {
                seen.add(rackIds.get(t.nodeAt(pid, pos)));
            }
            assertThat(seen).as("partition %d", pid).hasSize(Math.min(t.replicationFactor(), Math.min(racks, n)));
        }
    }

    @Test
    void theHashesAreAerospikesFnv1aAndJenkinsOneAtATime() {
        // FNV-1a of no bytes is the offset basis.
        assertThat(PartitionBalance.fnv1a(0, 0)).isEqualTo(0xcbf29ce484222325L);
        // "a" = 0x61: the published FNV-1a 64 test vector.
        assertThat(PartitionBalance.fnv1a(0x61, 1)).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(PartitionBalance.jenkins(0, 0)).isZero();
    }

    private static List<Long> nodes(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        Set<Long> ids = new HashSet<>();
        while (ids.size() < n) {
            ids.add(r.nextLong());
        }
        return new ArrayList<>(ids);
    }

    private static int index(PartitionTable t, long node) {
        for (int i = 0; i < t.nodes().length; i++) {
            if (t.nodes()[i] == node) {
                return i;
            }
        }
        throw new AssertionError("no node " + node);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    @Property(tries = 20)
    void uniformBalanceEvensOutEveryColumnAndKeepsRacksApart(
            @ForAll @Size(min = 2, max = 9) @UniqueElements List<@IntRange(min = 1, max = 100_000) Integer> ids,
            @ForAll @IntRange(min = 1, max = 3) int rf,
            @ForAll boolean racks) {
        List<Long> nodes = ids.stream().map(Integer::longValue).toList();
        Map<Long, Integer> rackIds = new HashMap<>();
        if (racks) {
            for (int i = 0; i < nodes.size(); i++) {
                rackIds.put(nodes.get(i), i % 2);
            }
        }
        PartitionTable plain = PartitionBalance.compute(nodes, rackIds, rf, false);
        PartitionTable t = PartitionBalance.compute(nodes, rackIds, rf, true);
        int n = nodes.size();
        int effective = Math.min(rf, n);
        for (int col = 0; col < effective; col++) {
            int[] count = counts(t, col);
            int spread = Arrays.stream(count).max().orElseThrow()
                    - Arrays.stream(count).min().orElseThrow();
            int[] hashed = counts(plain, col);
            int hashedSpread = Arrays.stream(hashed).max().orElseThrow()
                    - Arrays.stream(hashed).min().orElseThrow();
            if (racks && col > 0) {
                // Replica columns serve the racks first: a rack of one node holds most of them.
                continue;
            }
            int share = (PartitionBalance.PARTITIONS + n - 1) / n;
            if (col == 0) {
                // Masters: never less even than hashing alone, and without racks no node above its share.
                assertThat(spread)
                        .as("column %d counts %s", col, Arrays.toString(count))
                        .isLessThanOrEqualTo(hashedSpread);
                if (!racks) {
                    assertThat(Arrays.stream(count).max().orElseThrow())
                            .as("masters %s", Arrays.toString(count))
                            .isLessThanOrEqualTo(share);
                }
            } else if (col < n - 1) {
                // A replica column can only draw on the nodes further down each row (the last
                // position of a row has none left), and the master column's moves come first:
                // within 5% of the share.
                assertThat(Arrays.stream(count).max().orElseThrow())
                        .as("column %d counts %s (hashing alone: spread %d)", col, Arrays.toString(count), hashedSpread)
                        .isLessThanOrEqualTo(share + share / 20);
            }
        }
        for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
            int[] row = t.row(pid);
            assertThat(Arrays.stream(row).distinct().count()).isEqualTo(n);
            if (racks) {
                Set<Integer> plainRacks = new HashSet<>();
                Set<Integer> uniformRacks = new HashSet<>();
                for (int k = 0; k < effective; k++) {
                    plainRacks.add(rackIds.get(plain.nodes()[plain.row(pid)[k]]));
                    uniformRacks.add(rackIds.get(t.nodes()[row[k]]));
                }
                assertThat(uniformRacks.size()).isGreaterThanOrEqualTo(plainRacks.size());
            }
        }
    }

    private static int[] counts(PartitionTable t, int column) {
        int[] count = new int[t.nodes().length];
        for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
            count[t.row(pid)[column]]++;
        }
        return count;
    }
}
