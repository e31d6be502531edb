package io.aerie.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Strong-consistency rebalance: from the roster and what every present member knows, decides per
 * partition whether this sub-cluster may serve it and, if so, in which regime, with which replicas
 * and from which copy. A pure function: every member computes the same result from the same
 * exchange.
 *
 * <p>A partition is placed over the roster, not over the nodes up: its roster replicas are the
 * first replication-factor nodes of its row. A sub-cluster serves it under Aerospike's rules when
 * it holds all roster replicas, or a strict majority of the roster and one roster replica, or
 * exactly half the roster and the roster master. Any two sub-clusters meeting the rules share a
 * node, so at most one serves a partition at a time, and the newest regime known among the present
 * nodes is the partition's newest. On top of the rules, one present copy must be full in that
 * regime: every write acknowledged there reached it. When all roster nodes are present and no such
 * copy exists, the partition is dead until revived.
 */
public final class ScRebalance {
    private ScRebalance() {}

    /** Whether a sub-cluster serves a partition. */
    public enum Availability {
        /** Served in the new regime. */
        AVAILABLE,
        /** Not served: the rules are not met; it comes back when the missing nodes do. */
        UNAVAILABLE,
        /** Not served although every roster node is present: no copy is known to hold every write. */
        DEAD
    }

    /**
     * What one present member brought to the exchange.
     *
     * @param versions its {@link PartitionVersion} per partition; for strong consistency the lineage
     *     is the regime in which the copy was last full
     * @param state what it knows of the namespace's regimes
     */
    public record Member(long[] versions, ScState state) {}

    /**
     * The outcome.
     *
     * @param regime the regime of the partitions served from now on
     * @param lineage the lineage copies full in that regime carry ({@link ScState#lineage})
     * @param table the roster's partition table, or null when the roster is empty
     * @param plans per partition, the plan when available, else null
     * @param availability per partition
     */
    public record Result(
            int regime,
            long lineage,
            @Nullable PartitionTable table,
            @Nullable PartitionPlan @Nullable [] plans,
            Availability[] availability) {
        /** How many partitions have {@code a}. */
        public int count(Availability a) {
            int n = 0;
            for (Availability x : availability) {
                if (x == a) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Plans every partition for the sub-cluster of {@code present} (the view's members that have the
     * namespace) under {@code roster} with {@code replicationFactor}, in the view with {@code clusterKey}.
     */
    public static Result plan(
            Roster roster, int replicationFactor, boolean uniform, Map<Long, Member> present, long clusterKey) {
        int n = PartitionBalance.PARTITIONS;
        int regime = 1;
        boolean revive = false;
        for (Member m : present.values()) {
            regime = Math.max(regime, m.state().regime() + 1);
            revive |= m.state().reviveRequested();
        }
        @Nullable PartitionPlan[] plans = new PartitionPlan[n];
        Availability[] availability = new Availability[n];
        List<Long> rosterIds = roster.ids();
        int presentOnRoster = 0;
        for (long id : rosterIds) {
            if (present.containsKey(id)) {
                presentOnRoster++;
            }
        }
        if (rosterIds.isEmpty() || presentOnRoster == 0) {
            java.util.Arrays.fill(availability, Availability.UNAVAILABLE);
            return new Result(regime, ScState.lineage(regime, clusterKey), null, null, availability);
        }
        Map<Long, Integer> racks = new HashMap<>();
        for (Roster.Entry e : roster.nodes()) {
            racks.put(e.nodeId(), e.rackId());
        }
        int rf = Math.min(replicationFactor, rosterIds.size());
        PartitionTable table = PartitionBalance.compute(rosterIds, racks, rf, uniform);
        Quorum quorum = new Quorum(rosterIds.size(), presentOnRoster);
        long lineage = ScState.lineage(regime, clusterKey);
        for (int pid = 0; pid < n; pid++) {
            if (!rulesMet(table, quorum, present, pid)) {
                availability[pid] = Availability.UNAVAILABLE;
                continue;
            }
            PartitionPlan p = planOne(table, quorum, present, pid, lineage, revive);
            plans[pid] = p;
            if (p != null) {
                availability[pid] = Availability.AVAILABLE;
            } else {
                availability[pid] = quorum.all() ? Availability.DEAD : Availability.UNAVAILABLE;
            }
        }
        return new Result(regime, lineage, table, plans, availability);
    }

    /** The roster's size and how many of its nodes are present. */
    private record Quorum(int roster, int present) {
        boolean all() {
            return present == roster;
        }
    }

    /** Aerospike's availability rules for partition {@code pid}. */
    static boolean rulesMet(PartitionTable table, Quorum q, Map<Long, Member> present, int pid) {
        int rf = table.replicationFactor();
        boolean allReplicas = true;
        boolean anyReplica = false;
        for (int i = 0; i < rf; i++) {
            boolean here = present.containsKey(table.nodeAt(pid, i));
            allReplicas &= here;
            anyReplica |= here;
        }
        if (allReplicas) {
            return true;
        }
        if (2 * q.present() > q.roster()) {
            return anyReplica;
        }
        return 2 * q.present() == q.roster() && present.containsKey(table.master(pid));
    }

    /**
     * Of the lineages present members know partition {@code pid} by in regime {@code regime}, the
     * one that may have served; {@link PartitionVersion#NONE} when that is not clear.
     *
     * <p>A node records a regime before it serves, and a regime serves only once every member of
     * its view has recorded it. A member records at most one lineage per regime number (its next
     * view takes a higher number). So when a node that was a replica in one lineage's plan has
     * recorded another lineage of the same number, the first never served: its members never all
     * took it up.
     */
    static long servedLineage(Map<Long, Member> present, int pid, int regime) {
        Map<Long, long[]> claims = new HashMap<>();
        Map<Long, Long> claimedBy = new HashMap<>();
        for (Map.Entry<Long, Member> e : present.entrySet()) {
            ScState s = e.getValue().state();
            if (s.knownRegime(pid) == regime) {
                claims.putIfAbsent(s.knownLineage(pid), s.knownReplicas(pid));
                claimedBy.put(e.getKey(), s.knownLineage(pid));
            }
        }
        long served = PartitionVersion.NONE;
        for (Map.Entry<Long, long[]> c : claims.entrySet()) {
            boolean refuted = false;
            for (long replica : c.getValue()) {
                Long other = claimedBy.get(replica);
                refuted |= other != null && other.longValue() != c.getKey();
            }
            if (!refuted) {
                if (served != PartitionVersion.NONE) {
                    return PartitionVersion.NONE;
                }
                served = c.getKey();
            }
        }
        return served;
    }

    private static @Nullable PartitionPlan planOne(
            PartitionTable table, Quorum q, Map<Long, Member> present, int pid, long lineage, boolean revive) {
        // The newest regime any present node knows, and the copies full in it.
        int newest = 0;
        for (Member m : present.values()) {
            newest = Math.max(newest, m.state().knownRegime(pid));
        }
        long newestLineage = newest == 0 ? PartitionVersion.NONE : servedLineage(present, pid, newest);
        if (newest > 0 && newestLineage == PartitionVersion.NONE) {
            // Two views claim the regime and nothing shows which one served: serve neither.
            return null;
        }
        // A regime whose working master never took it up never served: every write of a regime
        // goes through that master (or, after it handed off, through a final master that needed it),
        // so copies as complete as the master's copy when the regime began are complete still.
        long earlierLineage = PartitionVersion.NONE;
        if (newest > 0) {
            long master = 0;
            for (Member m : present.values()) {
                if (m.state().knownLineage(pid) == newestLineage) {
                    master = m.state().knownMaster(pid);
                    break;
                }
            }
            Member w = present.get(master);
            long wv = w == null ? PartitionVersion.NONE : w.versions()[pid];
            if (PartitionVersion.isFull(wv) && PartitionVersion.lineage(wv) != newestLineage) {
                earlierLineage = PartitionVersion.lineage(wv);
            }
        }
        List<Long> succession = new ArrayList<>();
        for (int i = 0; i < table.nodes().length; i++) {
            long node = table.nodeAt(pid, i);
            if (present.containsKey(node)) {
                succession.add(node);
            }
        }
        List<Long> full = new ArrayList<>();
        long bestOther = PartitionVersion.NONE;
        long bestOtherNode = 0;
        for (long node : succession) {
            long v = java.util.Objects.requireNonNull(present.get(node)).versions()[pid];
            if (v == PartitionVersion.NONE) {
                continue;
            }
            long copyLineage = PartitionVersion.lineage(v);
            if (newest > 0
                    && PartitionVersion.isFull(v)
                    && (copyLineage == newestLineage
                            || (earlierLineage != PartitionVersion.NONE && copyLineage == earlierLineage))) {
                full.add(node);
            } else if (Long.compareUnsigned(PartitionVersion.lineage(v), PartitionVersion.lineage(bestOther)) > 0) {
                bestOther = v;
                bestOtherNode = node;
            }
        }
        boolean fresh = false;
        if (full.isEmpty()) {
            if (newest == 0 && bestOther == PartitionVersion.NONE) {
                fresh = true;
            } else if (newest == 0 || (revive && q.all())) {
                // No regime ever served it (copies from before a roster existed), or the operator
                // revived it accepting that acknowledged writes may be missing: the best copy serves.
                if (bestOther != PartitionVersion.NONE) {
                    full.add(bestOtherNode);
                } else {
                    fresh = true;
                }
            } else {
                return null;
            }
        }
        int rf = Math.min(table.replicationFactor(), succession.size());
        long finalMaster = succession.get(0);
        long[] replicas = new long[rf - 1];
        for (int i = 1; i < rf; i++) {
            replicas[i - 1] = succession.get(i);
        }
        if (fresh) {
            return new PartitionPlan(finalMaster, finalMaster, replicas, new long[0], new long[0], lineage, true);
        }
        // A dirty copy (writes in doubt) may serve as master, re-replicating them, but is never a
        // replica in step: it is filled again.
        List<Long> clean = new ArrayList<>();
        for (long node : full) {
            if (!PartitionVersion.isDirty(
                    java.util.Objects.requireNonNull(present.get(node)).versions()[pid])) {
                clean.add(node);
            }
        }
        long workingMaster = full.contains(finalMaster) ? finalMaster : clean.isEmpty() ? full.get(0) : clean.get(0);
        long[] sources = workingMaster == finalMaster ? new long[0] : new long[] {workingMaster};
        List<Long> fills = new ArrayList<>();
        for (long r : replicas) {
            // The working master keeps its copy: it is the one the others take theirs from.
            if (!clean.contains(r) && r != workingMaster) {
                fills.add(r);
            }
        }
        return new PartitionPlan(
                workingMaster,
                finalMaster,
                replicas,
                sources,
                fills.stream().mapToLong(Long::longValue).toArray(),
                lineage,
                false);
    }
}
