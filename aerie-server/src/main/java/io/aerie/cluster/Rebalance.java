package io.aerie.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AP rebalance: from the partition table of a new view and every member's partition versions,
 * decides per partition who serves now, who moves records to whom and which lineage the copies
 * end with. A pure function: every member computes the same plans from the same exchange.
 *
 * <p>The rules are Aerospike's ({@code balance_namespace_ap}) in reduced form:
 *
 * <ul>
 *   <li>The working master is a full copy that was master, else the first full copy in row order,
 *       else the first subset; it shifts to the final master when that holds the same full lineage.
 *   <li>Duplicates are the first holder of every other full lineage, and subsets of a lineage no
 *       full copy has: they may hold writes the working master lacks (a healed split), so the final
 *       master merges them in and every replica fills again.
 *   <li>Otherwise only replicas without a full copy of the working master's lineage fill.
 *   <li>Every view starts a new lineage (Aerospike gives versions the new cluster key), so the
 *       two sides of a split never share one and their copies are duplicates when they meet.
 * </ul>
 */
public final class Rebalance {
    private Rebalance() {}

    /**
     * The plans for all partitions. {@code versions} maps every node of {@code table} to its 4096
     * partition versions; {@code clusterKey} is the new view's.
     */
    public static PartitionPlan[] plan(PartitionTable table, Map<Long, long[]> versions, long clusterKey) {
        PartitionPlan[] plans = new PartitionPlan[PartitionBalance.PARTITIONS];
        long[] nodes = table.nodes();
        for (long n : nodes) {
            if (!versions.containsKey(n)) {
                throw new IllegalArgumentException("no partition versions from node " + Long.toHexString(n));
            }
        }
        for (int pid = 0; pid < PartitionBalance.PARTITIONS; pid++) {
            plans[pid] = planOne(table, versions, clusterKey, pid);
        }
        return plans;
    }

    private static PartitionPlan planOne(PartitionTable table, Map<Long, long[]> versions, long clusterKey, int pid) {
        int[] row = table.row(pid);
        long[] nodes = table.nodes();
        int rf = table.replicationFactor();
        long finalMaster = nodes[row[0]];
        long[] replicas = new long[rf - 1];
        for (int i = 1; i < rf; i++) {
            replicas[i - 1] = nodes[row[i]];
        }
        long[] inRowOrder = new long[row.length];
        long[] version = new long[row.length];
        for (int i = 0; i < row.length; i++) {
            inRowOrder[i] = nodes[row[i]];
            long[] v = versions.get(inRowOrder[i]);
            version[i] = v == null ? PartitionVersion.NONE : v[pid];
        }
        int wm = workingMaster(version);
        if (wm < 0) {
            return new PartitionPlan(
                    finalMaster,
                    finalMaster,
                    replicas,
                    new long[0],
                    new long[0],
                    PartitionVersion.fresh(clusterKey),
                    true);
        }
        long wmLineage = PartitionVersion.lineage(version[wm]);
        if (PartitionVersion.isFull(version[0]) && PartitionVersion.lineage(version[0]) == wmLineage) {
            wm = 0;
        }
        List<Long> sources = new ArrayList<>();
        if (wm != 0) {
            sources.add(inRowOrder[wm]);
        }
        boolean duplicates = false;
        // Lineages with a full copy: the working master's when its copy is full. Subsets of a lineage
        // no one holds in full are duplicates, each of them (the working master's included).
        List<Long> seen = new ArrayList<>();
        if (PartitionVersion.isFull(version[wm])) {
            seen.add(wmLineage);
        }
        for (int i = 0; i < row.length; i++) {
            long v = version[i];
            if (!PartitionVersion.isFull(v) || seen.contains(PartitionVersion.lineage(v))) {
                continue;
            }
            seen.add(PartitionVersion.lineage(v));
            duplicates = true;
            if (i != 0) {
                sources.add(inRowOrder[i]);
            }
        }
        for (int i = 0; i < row.length; i++) {
            long v = version[i];
            if (v != PartitionVersion.NONE
                    && PartitionVersion.isSubset(v)
                    && !seen.contains(PartitionVersion.lineage(v))) {
                // A subset with no full copy of its lineage anywhere: it may hold writes no one else has.
                duplicates = true;
                if (i != 0 && !sources.contains(inRowOrder[i])) {
                    sources.add(inRowOrder[i]);
                }
            }
        }
        // Every view begins a new lineage: copies that go on separately on two sides of a split
        // then differ, so the heal finds the duplicates. Replicas in step with the working master
        // join the new lineage without a fill.
        long finalLineage = PartitionVersion.fresh(clusterKey);
        List<Long> fills = new ArrayList<>();
        for (int i = 1; i < rf; i++) {
            long v = version[i];
            if (duplicates || !PartitionVersion.isFull(v) || PartitionVersion.lineage(v) != wmLineage) {
                fills.add(inRowOrder[i]);
            }
        }
        return new PartitionPlan(
                inRowOrder[wm], finalMaster, replicas, toArray(sources), toArray(fills), finalLineage, false);
    }

    /** Index (row order) of the copy that serves while records move, or -1 when no node has data. */
    private static int workingMaster(long[] version) {
        int firstFull = -1;
        int firstSubset = -1;
        for (int i = 0; i < version.length; i++) {
            long v = version[i];
            if (v == PartitionVersion.NONE) {
                continue;
            }
            if (PartitionVersion.isFull(v)) {
                if (PartitionVersion.isMaster(v)) {
                    return i;
                }
                if (firstFull < 0) {
                    firstFull = i;
                }
            } else if (firstSubset < 0) {
                firstSubset = i;
            }
        }
        return firstFull >= 0 ? firstFull : firstSubset;
    }

    private static long[] toArray(List<Long> list) {
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
