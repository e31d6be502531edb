package io.aerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.cluster.ScRebalance.Availability;
import io.aerie.cluster.ScRebalance.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Strong-consistency rebalance decided by hand-checkable rules: Aerospike's availability rules
 * over a five-node roster with replication factor 2, and the regime knowledge that keeps a stale
 * copy from serving.
 */
class ScRebalanceTest {
    private static final int N = PartitionBalance.PARTITIONS;
    private static final long A = 0xA1, B = 0xB2, C = 0xC3, D = 0xD4, E = 0xE5;
    private static final Roster ROSTER = Roster.parse(1, "A1,B2,C3,D4,E5");

    /** A simulated node: its copies' versions and what it knows, carried from rebalance to rebalance. */
    private static final class Node {
        final long id;
        final long[] versions = new long[N];
        final ScState state = new ScState();

        Node(long id) {
            this.id = id;
            state.setRoster(ROSTER);
        }

        Member member() {
            return new Member(versions.clone(), state);
        }
    }

    private final Map<Long, Node> nodes = new HashMap<>();

    ScRebalanceTest() {
        for (long id : new long[] {A, B, C, D, E}) {
            nodes.put(id, new Node(id));
        }
    }

    /**
     * Rebalances the sub-cluster {@code ids} and applies the result as members do once migrations
     * are done: the replicas of each available partition hold it in full in the new regime.
     */
    private ScRebalance.Result rebalance(long... ids) {
        return rebalance(ids, ids);
    }

    /** Cluster keys of successive views. */
    private long key = 0x4000;

    private long nextKey() {
        return ++key;
    }

    /**
     * Rebalances the sub-cluster {@code ids} and applies the result on {@code recording} only, as
     * when the view changes again before the other members take the regime up.
     */
    private ScRebalance.Result rebalance(long[] ids, long[] recording) {
        Map<Long, Member> present = new HashMap<>();
        for (long id : ids) {
            present.put(id, nodes.get(id).member());
        }
        ScRebalance.Result r = ScRebalance.plan(ROSTER, 2, true, present, nextKey());
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = r.plans() == null ? null : r.plans()[pid];
            if (p == null) {
                continue;
            }
            long[] replicas = replicaList(p);
            for (long id : recording) {
                Node n = nodes.get(id);
                n.state.know(pid, r.lineage(), p.workingMaster(), replicas);
                boolean holds = p.inReplicaSet(id);
                n.versions[pid] = holds ? r.lineage() : PartitionVersion.NONE;
            }
        }
        for (long id : recording) {
            nodes.get(id).state.raiseRegime(r.regime());
        }
        return r;
    }

    private static long[] replicaList(PartitionPlan p) {
        long[] out = new long[p.replicas().length + 1];
        out[0] = p.finalMaster();
        System.arraycopy(p.replicas(), 0, out, 1, p.replicas().length);
        return out;
    }

    /** Whether Aerospike's rules let the sub-cluster {@code ids} serve partition {@code pid}. */
    private static boolean rules(PartitionTable t, Set<Long> ids, int pid) {
        boolean master = ids.contains(t.master(pid));
        boolean replica = ids.contains(t.nodeAt(pid, 1));
        if (master && replica) {
            return true;
        }
        if (2 * ids.size() > 5) {
            return master || replica;
        }
        return 2 * ids.size() == 5 && master;
    }

    @Test
    void theWholeRosterServesEveryPartitionFreshAtFirst() {
        ScRebalance.Result r = rebalance(A, B, C, D, E);
        assertThat(r.count(Availability.AVAILABLE)).isEqualTo(N);
        assertThat(r.regime()).isEqualTo(1);
        assertThat(r.plans()[0].fresh()).isTrue();
        assertThat(rebalance(A, B, C, D, E).regime())
                .as("every rebalance a new regime")
                .isEqualTo(2);
    }

    @Test
    void oneNodeDownLeavesEveryPartitionAvailableWithItsOtherReplicaServing() {
        rebalance(A, B, C, D, E);
        ScRebalance.Result r = rebalance(B, C, D, E);
        assertThat(r.count(Availability.AVAILABLE)).isEqualTo(N);
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = r.plans()[pid];
            assertThat(p.fresh()).isFalse();
            assertThat(p.workingMaster()).isNotEqualTo(A);
            assertThat(p.replicas()).hasSize(1).doesNotContain(A);
        }
    }

    @Test
    void aSplitServesOnEachSideExactlyThePartitionsTheRulesAllow() {
        rebalance(A, B, C, D, E);
        ScRebalance.Result minority = rebalance(A, B);
        ScRebalance.Result majority = rebalance(C, D, E);
        PartitionTable t = minority.table();
        int both = 0;
        for (int pid = 0; pid < N; pid++) {
            boolean minorityServes = minority.availability()[pid] == Availability.AVAILABLE;
            boolean majorityServes = majority.availability()[pid] == Availability.AVAILABLE;
            assertThat(minorityServes).as("minority, partition %d", pid).isEqualTo(rules(t, Set.of(A, B), pid));
            assertThat(majorityServes).as("majority, partition %d", pid).isEqualTo(rules(t, Set.of(C, D, E), pid));
            assertThat(minorityServes && majorityServes).as("never both sides").isFalse();
            if (minorityServes) {
                both++;
            }
        }
        assertThat(both)
                .as("the minority serves the partitions whose roster replicas are both A and B")
                .isBetween(1, N / 5);
        assertThat(minority.count(Availability.DEAD)).isZero();
    }

    @Test
    void aCopyThatMissedARegimeDoesNotServeEvenWhereTheRulesAllow() {
        rebalance(A, B, C, D, E);
        // A is down; B to E serve every partition in the next regime, A's copies fall behind.
        rebalance(B, C, D, E);
        // Now B and C are cut off. A, D and E are a majority and hold a roster replica of many
        // partitions, but for those whose replicas in the last regime were only B and C, no
        // present copy holds every write: D and E know it, so those partitions stay down.
        ScRebalance.Result r = rebalance(A, D, E);
        PartitionTable t = r.table();
        int stale = 0;
        for (int pid = 0; pid < N; pid++) {
            long[] last = nodes.get(D).state.knownReplicas(pid);
            boolean lastOnlyBc = r.availability()[pid] != Availability.AVAILABLE && rules(t, Set.of(A, D, E), pid);
            if (lastOnlyBc) {
                stale++;
                assertThat(last).as("partition %d", pid).doesNotContain(A, D, E);
            }
        }
        assertThat(stale).isPositive();
    }

    @Test
    void partitionsWhoseCopiesAreAllLostAreDeadUntilRevived() {
        rebalance(A, B, C, D, E);
        // A and B restart and lose their in-memory copies; they remember the regimes.
        for (long id : new long[] {A, B}) {
            java.util.Arrays.fill(nodes.get(id).versions, PartitionVersion.NONE);
        }
        ScRebalance.Result r = rebalance(A, B, C, D, E);
        PartitionTable t = r.table();
        List<Integer> dead = new ArrayList<>();
        for (int pid = 0; pid < N; pid++) {
            boolean lost = Set.of(A, B).contains(t.master(pid)) && Set.of(A, B).contains(t.nodeAt(pid, 1));
            assertThat(r.availability()[pid])
                    .as("partition %d", pid)
                    .isEqualTo(lost ? Availability.DEAD : Availability.AVAILABLE);
            if (lost) {
                dead.add(pid);
            }
        }
        assertThat(dead).isNotEmpty();
        nodes.get(A).state.requestRevive(true);
        ScRebalance.Result revived = rebalance(A, B, C, D, E);
        assertThat(revived.count(Availability.AVAILABLE)).isEqualTo(N);
    }

    @Test
    void aRegimeOnlyOneMemberRecordedNeverPassesForTheRegimeOfTheSameNumberTheOthersServed() {
        rebalance(A, B, C, D, E);
        // All five form a view, but only E records its regime before the others move on to a view
        // without E (E was paused): both views pick the same regime number.
        ScRebalance.Result onlyE = rebalance(new long[] {A, B, C, D, E}, new long[] {E});
        ScRebalance.Result withoutE = rebalance(A, B, C, D);
        assertThat(withoutE.regime()).isEqualTo(onlyE.regime());
        assertThat(withoutE.lineage()).isNotEqualTo(onlyE.lineage());
        assertThat(withoutE.count(Availability.AVAILABLE)).isEqualTo(N);
        // E's copies missed every write the four took; when E is back, none of them may serve or count as full.
        ScRebalance.Result back = rebalance(A, B, C, D, E);
        assertThat(back.count(Availability.AVAILABLE)).isEqualTo(N);
        int eReplica = 0;
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = back.plans()[pid];
            assertThat(p.workingMaster()).as("partition %d", pid).isNotEqualTo(E);
            if (p.finalMaster() == E) {
                eReplica++;
                assertThat(p.sources())
                        .as("partition %d: E takes it from the copy that served", pid)
                        .containsExactly(p.workingMaster());
            } else if (p.inReplicaSet(E)) {
                eReplica++;
                assertThat(p.fills()).as("partition %d", pid).contains(E);
            }
        }
        assertThat(eReplica).isGreaterThan(N / 5);
    }

    @Test
    void noRosterServesNothing() {
        Map<Long, Member> present = Map.of(A, new Member(new long[N], new ScState()));
        ScRebalance.Result r = ScRebalance.plan(Roster.EMPTY, 2, true, present, nextKey());
        assertThat(r.count(Availability.UNAVAILABLE)).isEqualTo(N);
        assertThat(r.plans()).isNull();
    }

    @Test
    void aCopyWithWritesInDoubtServesAsMasterButIsFilledAsAReplica() {
        rebalance(A, B, C, D, E);
        ScRebalance.Result before = rebalance(A, B, C, D, E);
        PartitionTable t = before.table();
        int asMaster = -1;
        int asReplica = -1;
        for (int pid = 0; pid < N && (asMaster < 0 || asReplica < 0); pid++) {
            if (t.master(pid) == A && asMaster < 0) {
                asMaster = pid;
            } else if (t.nodeAt(pid, 1) == A && asReplica < 0) {
                asReplica = pid;
            }
        }
        Map<Long, Member> present = new HashMap<>();
        for (long id : new long[] {A, B, C, D, E}) {
            long[] v = nodes.get(id).versions.clone();
            if (id == A) {
                v[asMaster] |= PartitionVersion.DIRTY;
                v[asReplica] |= PartitionVersion.DIRTY;
            }
            present.put(id, new Member(v, nodes.get(id).state));
        }
        ScRebalance.Result r = ScRebalance.plan(ROSTER, 2, true, present, nextKey());
        PartitionPlan master = r.plans()[asMaster];
        assertThat(master.workingMaster()).as("the dirty master keeps serving").isEqualTo(A);
        assertThat(master.fills()).isEmpty();
        PartitionPlan replica = r.plans()[asReplica];
        assertThat(replica.workingMaster()).isNotEqualTo(A);
        assertThat(replica.fills()).as("the dirty replica is filled again").containsExactly(A);
    }

    @Test
    void aDirtyWorkingMasterThatIsAlsoAReplicaKeepsItsCopy() {
        rebalance(A, B, C, D, E);
        ScRebalance.Result before = rebalance(A, B, C, D, E);
        PartitionTable t = before.table();
        int pid = 0;
        while (t.nodeAt(pid, 1) != A) {
            pid++;
        }
        long master = t.master(pid);
        // The roster master lost its copy (restarted); A, the replica, holds the only full copy
        // and has writes in doubt.
        Map<Long, Member> present = new HashMap<>();
        for (long id : new long[] {A, B, C, D, E}) {
            long[] v = nodes.get(id).versions.clone();
            if (id == A) {
                v[pid] |= PartitionVersion.DIRTY;
            } else if (id == master) {
                v[pid] = PartitionVersion.NONE;
            }
            present.put(id, new Member(v, nodes.get(id).state));
        }
        PartitionPlan p = ScRebalance.plan(ROSTER, 2, true, present, nextKey()).plans()[pid];
        assertThat(p.workingMaster()).isEqualTo(A);
        assertThat(p.sources()).containsExactly(A);
        assertThat(p.fills()).as("the source is never emptied for a fill").doesNotContain(A);
    }
}
