package io.aerie.cluster;

import static io.aerie.cluster.PartitionVersion.MASTER;
import static io.aerie.cluster.PartitionVersion.NONE;
import static io.aerie.cluster.PartitionVersion.SUBSET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/**
 * Rebalance picks a working master that holds data, merges every copy that may hold writes the
 * others lack, fills only the replicas that need it, and decides the same on every node.
 */
class RebalanceTest {
    private static final int N = PartitionBalance.PARTITIONS;
    private static final long KEY = 0x1234_5678_9ABCL;
    private static final long A = PartitionVersion.fresh(0xA1);
    private static final long B = PartitionVersion.fresh(0xB2);
    private static final long C = PartitionVersion.fresh(0xC3);
    /** The lineage every copy of the replica set takes in the view with {@link #KEY}. */
    private static final long NEW = PartitionVersion.fresh(KEY);
    /** What the property draws a node's copy of a partition from. */
    private static final long[] CHOICES = {NONE, A, A | MASTER, A | SUBSET, B, C | SUBSET};

    @Test
    void aFreshClusterStartsEveryPartitionEmptyOnItsRow() {
        for (int rf = 1; rf <= 3; rf++) {
            PartitionTable t = compute(nodes(3, 11), rf);
            PartitionPlan[] plans = Rebalance.plan(t, empty(t), KEY);
            for (int pid = 0; pid < N; pid++) {
                PartitionPlan p = plans[pid];
                assertThat(p.fresh()).isTrue();
                assertThat(p.finalMaster()).isEqualTo(t.master(pid));
                assertThat(p.workingMaster()).isEqualTo(p.finalMaster());
                assertThat(p.replicas()).containsExactly(Arrays.copyOfRange(row(t, pid), 1, rf));
                assertThat(p.sources()).isEmpty();
                assertThat(p.fills()).isEmpty();
                assertThat(p.finalLineage()).isEqualTo(NEW);
            }
        }
    }

    @Test
    void inTheSteadyStateNothingMoves() {
        for (int rf = 1; rf <= 3; rf++) {
            PartitionTable t = compute(nodes(3, 12), rf);
            Map<Long, long[]> v = empty(t);
            for (int pid = 0; pid < N; pid++) {
                for (int pos = 0; pos < rf; pos++) {
                    // The master flag sits on a replica for some partitions: row[0] takes over anyway.
                    set(v, t, pid, pos, A | (pos == pid % rf ? MASTER : 0));
                }
            }
            PartitionPlan[] plans = Rebalance.plan(t, v, KEY);
            for (int pid = 0; pid < N; pid++) {
                PartitionPlan p = plans[pid];
                assertThat(p.fresh()).isFalse();
                assertThat(p.finalMaster()).isEqualTo(t.master(pid));
                assertThat(p.workingMaster()).isEqualTo(p.finalMaster());
                assertThat(p.sources()).isEmpty();
                assertThat(p.fills()).isEmpty();
                assertThat(p.finalLineage()).isEqualTo(NEW);
            }
        }
    }

    @Test
    void whenANodeLeavesACopyThatStayedServesAndOnlyEmptyReplicasFill() {
        List<Long> nodes = nodes(3, 13);
        PartitionTable before = compute(nodes, 2);
        Map<Long, long[]> v = layout(before, A);
        long gone = nodes.get(1);
        v.remove(gone);
        List<Long> rest = new ArrayList<>(nodes);
        rest.remove(gone);
        PartitionTable after = compute(rest, 2);
        PartitionPlan[] plans = Rebalance.plan(after, v, KEY);
        int masterLeft = 0;
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = plans[pid];
            assertThat(p.fresh()).as("partition %d keeps a holder", pid).isFalse();
            assertThat(version(v, p.workingMaster(), pid))
                    .as("a full copy serves")
                    .isIn(A, A | MASTER);
            if (before.master(pid) == gone) {
                masterLeft++;
                assertThat(p.workingMaster()).isEqualTo(before.nodeAt(pid, 1));
            } else {
                assertThat(p.workingMaster()).isEqualTo(before.master(pid));
            }
            assertThat(p.sources()).isEmpty();
            int id = pid;
            List<Long> lacking = boxed(Arrays.stream(p.replicas())
                    .filter(r -> version(v, r, id) == NONE)
                    .toArray());
            assertThat(boxed(p.fills())).as("partition %d", pid).isEqualTo(lacking);
            assertThat(p.finalLineage()).isEqualTo(NEW);
        }
        assertThat(masterLeft).isPositive();
    }

    @Test
    void whenANodeJoinsOnlyThePartitionsItTakesMove() {
        List<Long> nodes = nodes(3, 14);
        PartitionTable before = compute(nodes, 2);
        Map<Long, long[]> v = layout(before, A);
        long joined = 0xA000_0000_0000_0042L;
        v.put(joined, new long[N]);
        List<Long> more = new ArrayList<>(nodes);
        more.add(joined);
        PartitionTable after = compute(more, 2);
        PartitionPlan[] plans = Rebalance.plan(after, v, KEY);
        int mastered = 0;
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = plans[pid];
            boolean moves = p.sources().length + p.fills().length > 0;
            assertThat(moves).as("partition %d migrates", pid).isEqualTo(after.holds(joined, pid));
            assertThat(boxed(p.fills())).as("only the empty new node fills").allMatch(f -> f == joined);
            assertThat(p.finalLineage()).isEqualTo(NEW);
            if (p.finalMaster() == joined) {
                mastered++;
                assertThat(p.workingMaster()).isEqualTo(before.master(pid));
                assertThat(p.sources()).containsExactly(p.workingMaster());
            } else {
                assertThat(p.workingMaster()).isEqualTo(p.finalMaster()).isEqualTo(before.master(pid));
                assertThat(p.sources()).isEmpty();
            }
        }
        assertThat(mastered).as("partitions the new node masters: %d", mastered).isBetween(800, 1250);
    }

    @Test
    void aHealedSplitMergesBothLineagesIntoANewOne() {
        List<Long> nodes = nodes(4, 15);
        Map<Long, long[]> v = new HashMap<>();
        v.putAll(layout(compute(nodes.subList(0, 2), 2), A));
        v.putAll(layout(compute(nodes.subList(2, 4), 2), B));
        PartitionTable t = compute(nodes, 2);
        PartitionPlan[] plans = Rebalance.plan(t, v, KEY);
        for (int id = 0; id < N; id++) {
            int pid = id;
            PartitionPlan p = plans[pid];
            long[] row = row(t, pid);
            // The first master in row order serves, unless row[0] holds the same lineage in full.
            long first = Arrays.stream(row)
                    .filter(n -> PartitionVersion.isMaster(version(v, n, pid)))
                    .findFirst()
                    .orElseThrow();
            long wmLineage = PartitionVersion.lineage(version(v, first, pid));
            long wm = PartitionVersion.lineage(version(v, row[0], pid)) == wmLineage ? row[0] : first;
            assertThat(p.workingMaster()).as("partition %d", pid).isEqualTo(wm);
            long dup = Arrays.stream(row)
                    .filter(n -> PartitionVersion.lineage(version(v, n, pid)) != wmLineage)
                    .findFirst()
                    .orElseThrow();
            List<Long> sources = new ArrayList<>(List.of(wm, dup));
            sources.remove(row[0]);
            assertThat(boxed(p.sources())).as("partition %d", pid).isEqualTo(sources);
            assertThat(p.finalLineage()).isEqualTo(NEW);
            assertThat(p.fills()).as("every replica fills again").containsExactly(p.replicas());
        }
    }

    @Test
    void aSubsetIsADuplicateUnlessAFullCopyOfItsLineageIsThere() {
        PartitionTable t = compute(nodes(3, 16), 3);
        Map<Long, long[]> v = empty(t);
        long[][] layouts = {
            {A | MASTER, C | SUBSET, A | SUBSET}, {C | SUBSET, A | MASTER, A | SUBSET}, {NONE, A, A | SUBSET}
        };
        for (int pid = 0; pid < N; pid++) {
            for (int pos = 0; pos < 3; pos++) {
                set(v, t, pid, pos, layouts[pid % 3][pos]);
            }
        }
        PartitionPlan[] plans = Rebalance.plan(t, v, KEY);
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = plans[pid];
            long[] row = row(t, pid);
            assertThat(p.finalLineage()).isEqualTo(NEW);
            // 0: the C subset is a duplicate, the A subset is not; 1: row[0] holds the C subset itself.
            assertThat(p.workingMaster()).isEqualTo(pid % 3 == 0 ? row[0] : row[1]);
            assertThat(p.sources()).containsExactly(row[1]);
            // 2: no duplicate, so only the A subset fills; otherwise every replica does.
            assertThat(p.fills()).containsExactly(pid % 3 == 2 ? new long[] {row[2]} : new long[] {row[1], row[2]});
        }
    }

    @Test
    void twoSubsetsOfALineageNoOneHoldsInFullAreBothMerged() {
        // Both replicas were still filling when the only full copy left.
        PartitionTable t = compute(nodes(3, 18), 3);
        Map<Long, long[]> v = empty(t);
        for (int pid = 0; pid < N; pid++) {
            set(v, t, pid, 1, C | SUBSET);
            set(v, t, pid, 2, C | SUBSET);
        }
        PartitionPlan[] plans = Rebalance.plan(t, v, KEY);
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = plans[pid];
            long[] row = row(t, pid);
            assertThat(p.workingMaster()).isEqualTo(row[1]);
            assertThat(p.sources()).as("partition %d", pid).containsExactly(row[1], row[2]);
            assertThat(p.finalLineage()).isEqualTo(NEW);
            assertThat(p.fills()).containsExactly(row[1], row[2]);
        }
    }

    @Property(tries = 40)
    void plansKeepTheirInvariantsWhateverTheVersions(
            @ForAll @Size(min = 1, max = 8) @UniqueElements List<Long> nodes,
            @ForAll @IntRange(min = 1, max = 3) int rf,
            @ForAll @LongRange(min = 0x1000, max = 0xFFFF_FFFF_FFFFL) long clusterKey,
            @ForAll long seed) {
        PartitionTable t = compute(nodes, rf);
        Map<Long, long[]> v = randomVersions(nodes, new Random(seed));
        PartitionPlan[] plans = Rebalance.plan(t, v, clusterKey);
        for (int pid = 0; pid < N; pid++) {
            checkInvariants(t, v, plans[pid], pid, clusterKey);
        }
        assertSamePlans(Rebalance.plan(t, v, clusterKey), plans);
        List<Long> order = new ArrayList<>(nodes);
        Collections.shuffle(order, new Random(~seed));
        Map<Long, long[]> shuffled = new LinkedHashMap<>();
        for (long n : order) {
            shuffled.put(n, v.get(n).clone());
        }
        assertSamePlans(Rebalance.plan(t, shuffled, clusterKey), plans);
    }

    private static void checkInvariants(PartitionTable t, Map<Long, long[]> v, PartitionPlan p, int pid, long key) {
        long[] row = row(t, pid);
        assertThat(p.finalMaster()).isEqualTo(row[0]);
        assertThat(p.replicas()).containsExactly(Arrays.copyOfRange(row, 1, t.replicationFactor()));
        assertThat(boxed(p.fills())).doesNotHaveDuplicates().isSubsetOf(boxed(p.replicas()));
        assertThat(boxed(p.sources())).doesNotHaveDuplicates().doesNotContain(p.finalMaster());
        boolean anyData = Arrays.stream(row).anyMatch(n -> version(v, n, pid) != NONE);
        assertThat(p.fresh()).as("partition %d", pid).isEqualTo(!anyData);
        assertThat(p.finalLineage()).as("every view begins a lineage").isEqualTo(PartitionVersion.fresh(key));
        if (p.fresh()) {
            assertThat(p.workingMaster()).isEqualTo(p.finalMaster());
            assertThat(p.sources()).isEmpty();
            assertThat(p.fills()).isEmpty();
            return;
        }
        // A full copy that was master, else the first full copy, else the first subset; row[0] if in step.
        long first = row[0];
        int best = 0;
        for (long n : row) {
            long x = version(v, n, pid);
            int score = x == NONE ? 0 : PartitionVersion.isSubset(x) ? 1 : PartitionVersion.isMaster(x) ? 3 : 2;
            if (score > best) {
                best = score;
                first = n;
            }
        }
        long wm = version(v, p.workingMaster(), pid);
        long wmLineage = PartitionVersion.lineage(wm);
        assertThat(wm).as("partition %d: the working master holds data", pid).isNotEqualTo(NONE);
        boolean inStep = PartitionVersion.isFull(version(v, row[0], pid))
                && PartitionVersion.lineage(version(v, row[0], pid))
                        == PartitionVersion.lineage(version(v, first, pid));
        assertThat(p.workingMaster()).as("partition %d", pid).isEqualTo(inStep ? row[0] : first);
        // Duplicates: the first holder of every other full lineage, and subsets of a lineage with no full copy.
        Set<Long> fullLineages = new HashSet<>();
        Set<Long> duplicates = new HashSet<>();
        for (long n : row) {
            long x = version(v, n, pid);
            if (PartitionVersion.isFull(x)
                    && fullLineages.add(PartitionVersion.lineage(x))
                    && PartitionVersion.lineage(x) != wmLineage) {
                duplicates.add(n);
            }
        }
        for (long n : row) {
            long x = version(v, n, pid);
            long lineage = PartitionVersion.lineage(x);
            if (PartitionVersion.isSubset(x) && !fullLineages.contains(lineage)) {
                duplicates.add(n);
            }
        }
        Set<Long> required = new HashSet<>(duplicates);
        if (p.workingMaster() != p.finalMaster()) {
            assertThat(p.sources()).as("partition %d", pid).startsWith(p.workingMaster());
            required.add(p.workingMaster());
        }
        required.remove(p.finalMaster());
        assertThat(boxed(p.sources())).as("partition %d", pid).containsAll(required);
        assertThat(boxed(p.sources()))
                .as("partition %d", pid)
                .allMatch(s -> required.contains(s) || (!PartitionVersion.isFull(wm) && version(v, s, pid) == wm));
        List<Long> lacking = boxed(Arrays.stream(p.replicas())
                // Without a merge, replicas that are not a full copy of the working master's lineage.
                .filter(r -> !duplicates.isEmpty() || (version(v, r, pid) & ~MASTER) != wmLineage)
                .toArray());
        assertThat(boxed(p.fills())).as("partition %d", pid).isEqualTo(lacking);
    }

    private static void assertSamePlans(PartitionPlan[] actual, PartitionPlan[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int pid = 0; pid < expected.length; pid++) {
            PartitionPlan a = actual[pid];
            PartitionPlan e = expected[pid];
            boolean same = a.workingMaster() == e.workingMaster()
                    && a.finalMaster() == e.finalMaster()
                    && Arrays.equals(a.replicas(), e.replicas())
                    && Arrays.equals(a.sources(), e.sources())
                    && Arrays.equals(a.fills(), e.fills())
                    && a.finalLineage() == e.finalLineage()
                    && a.fresh() == e.fresh();
            assertThat(same).as("plan of partition %d", pid).isTrue();
        }
    }

    private static Map<Long, long[]> randomVersions(List<Long> nodes, Random r) {
        Map<Long, long[]> v = new HashMap<>();
        for (long n : nodes) {
            v.put(n, r.ints(N, 0, CHOICES.length).mapToLong(i -> CHOICES[i]).toArray());
        }
        return v;
    }

    private static PartitionTable compute(List<Long> nodes, int rf) {
        return PartitionBalance.compute(nodes, Map.of(), rf);
    }

    /** Every node of {@code t} with no data. */
    private static Map<Long, long[]> empty(PartitionTable t) {
        Map<Long, long[]> v = new HashMap<>();
        for (long n : t.nodes()) {
            v.put(n, new long[N]);
        }
        return v;
    }

    /** Every copy of {@code t} in full with {@code lineage}, the master flag on row[0]. */
    private static Map<Long, long[]> layout(PartitionTable t, long lineage) {
        Map<Long, long[]> v = empty(t);
        for (int pid = 0; pid < N; pid++) {
            for (int pos = 0; pos < t.replicationFactor(); pos++) {
                set(v, t, pid, pos, lineage | (pos == 0 ? MASTER : 0));
            }
        }
        return v;
    }

    private static void set(Map<Long, long[]> v, PartitionTable t, int pid, int pos, long version) {
        v.get(t.nodeAt(pid, pos))[pid] = version;
    }

    private static long version(Map<Long, long[]> v, long node, int pid) {
        return v.get(node)[pid];
    }

    private static long[] row(PartitionTable t, int pid) {
        return IntStream.range(0, t.nodes().length)
                .mapToLong(pos -> t.nodeAt(pid, pos))
                .toArray();
    }

    private static List<Long> boxed(long[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    private static List<Long> nodes(int n, long seed) {
        Random r = new Random(seed);
        Set<Long> ids = new HashSet<>();
        while (ids.size() < n) {
            ids.add(r.nextLong());
        }
        return new ArrayList<>(ids);
    }
}
