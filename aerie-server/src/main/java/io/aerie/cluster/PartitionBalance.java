package io.aerie.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aerospike's partition balance: for every partition, the order in which the cluster's nodes hold
 * it. Position 0 is the master, positions 1 to replication-factor - 1 the replicas, the rest the
 * order in which nodes step in when one leaves. Every node computes the same table from the same
 * nodes, with no coordinator.
 *
 * <p>The order is rendezvous (highest random weight) hashing as Aerospike computes it: each node id
 * and each partition id is hashed once with 64-bit FNV-1a over its little-endian bytes; the pair
 * of hashes is hashed with Jenkins' one-at-a-time hash; the low 8 bits of that weight are replaced
 * by the node's index in the succession list (node ids in descending order), a tie-break that also
 * keeps weights distinct; each row sorts by weight, highest first. When a node leaves, every row
 * just loses it, so only the partitions it held move. With rack ids, each row is then rearranged
 * so that its first replication-factor nodes sit on different racks where there are enough racks.
 */
public final class PartitionBalance {
    /** Partitions per namespace. */
    public static final int PARTITIONS = 4096;
    /** Nodes a cluster may have: the low bits of a weight hold the node's index. */
    public static final int MAX_NODES = 256;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long INDEX_MASK = MAX_NODES - 1;

    private PartitionBalance() {}

    /**
     * The table for {@code nodes} (any order; duplicates are an error) with {@code rackIds} per node
     * (nodes without one are on rack 0) and {@code replicationFactor} copies (at most the node count).
     */
    public static PartitionTable compute(List<Long> nodes, Map<Long, Integer> rackIds, int replicationFactor) {
        return compute(nodes, rackIds, replicationFactor, false);
    }

    /**
     * As {@link #compute(List, Map, int)}; with {@code uniform} ({@code prefer-uniform-balance}) the
     * rows are then adjusted so that no node masters, or holds a replica column of, more than its
     * share of the partitions (rounded up) where the rest of the row allows it, at the price of a
     * few more partitions moving when nodes come and go.
     */
    public static PartitionTable compute(
            List<Long> nodes, Map<Long, Integer> rackIds, int replicationFactor, boolean uniform) {
        long[] succession = succession(nodes);
        int n = succession.length;
        int rf = Math.min(replicationFactor, n);
        if (rf < 1) {
            throw new IllegalArgumentException("replication factor " + replicationFactor);
        }
        long[] nodeHash = new long[n];
        for (int i = 0; i < n; i++) {
            nodeHash[i] = fnv1a(succession[i], 8);
        }
        int[] racks = new int[n];
        Set<Integer> distinctRacks = new HashSet<>();
        for (int i = 0; i < n; i++) {
            racks[i] = rackIds.getOrDefault(succession[i], 0);
            distinctRacks.add(racks[i]);
        }
        int[][] rows = new int[PARTITIONS][];
        long[] weights = new long[n];
        for (int pid = 0; pid < PARTITIONS; pid++) {
            long pidHash = fnv1a(pid & 0xFFFF_FFFFL, 4);
            for (int i = 0; i < n; i++) {
                weights[i] = (jenkins(nodeHash[i], pidHash) & ~INDEX_MASK) | i;
            }
            long[] sorted = weights.clone();
            // Descending by unsigned weight: flip the sign bit and sort signed ascending, then reverse.
            for (int i = 0; i < n; i++) {
                sorted[i] ^= Long.MIN_VALUE;
            }
            Arrays.sort(sorted);
            int[] row = new int[n];
            for (int i = 0; i < n; i++) {
                row[i] = (int) ((sorted[n - 1 - i] ^ Long.MIN_VALUE) & INDEX_MASK);
            }
            if (distinctRacks.size() > 1) {
                spreadRacks(row, racks, Math.min(rf, distinctRacks.size()));
            }
            rows[pid] = row;
        }
        if (uniform && n > 1) {
            balanceColumns(rows, racks, rf, distinctRacks.size() > 1);
        }
        return new PartitionTable(succession, rows, rf);
    }

    /**
     * Evens out each of the first {@code rf} columns, partition by partition in id order: a node
     * that already has its share of a column gives the position to the first node further down
     * the row that has not, keeping the copies on distinct racks when racks are in use. Every node
     * makes the same moves, so the table stays the same everywhere.
     */
    private static void balanceColumns(int[][] rows, int[] racks, int rf, boolean rackAware) {
        int n = rows[0].length;
        int target = (PARTITIONS + n - 1) / n;
        for (int col = 0; col < rf; col++) {
            int[] claims = new int[n];
            for (int[] row : rows) {
                if (claims[row[col]] >= target) {
                    for (int j = col + 1; j < n; j++) {
                        if (claims[row[j]] < target && (!rackAware || rackFits(row, racks, col, j, rf))) {
                            int t = row[col];
                            row[col] = row[j];
                            row[j] = t;
                            break;
                        }
                    }
                }
                claims[row[col]]++;
            }
        }
    }

    /** Whether swapping positions {@code col} and {@code j} leaves the first {@code rf} positions on as many racks as before. */
    private static boolean rackFits(int[] row, int[] racks, int col, int j, int rf) {
        int before = distinctRacks(row, racks, rf);
        int[] swapped = row.clone();
        swapped[col] = row[j];
        swapped[j] = row[col];
        return distinctRacks(swapped, racks, rf) >= before;
    }

    private static int distinctRacks(int[] row, int[] racks, int rf) {
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < rf; k++) {
            seen.add(racks[row[k]]);
        }
        return seen.size();
    }

    /** Node ids in descending order (compared unsigned, as Aerospike's 64-bit node ids): the succession list. */
    static long[] succession(List<Long> nodes) {
        if (nodes.isEmpty() || nodes.size() > MAX_NODES) {
            throw new IllegalArgumentException("a cluster has 1 to " + MAX_NODES + " nodes, not " + nodes.size());
        }
        List<Long> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> Long.compareUnsigned(b, a));
        long[] ids = new long[sorted.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = sorted.get(i);
            if (i > 0 && ids[i] == ids[i - 1]) {
                throw new IllegalArgumentException("node id " + Long.toHexString(ids[i]) + " appears twice");
            }
        }
        return ids;
    }

    /**
     * Moves nodes up so that positions 0 to {@code spread}-1 hold nodes of distinct racks: for each
     * position whose rack is already taken, the next node further down on an unused rack moves
     * into it, the nodes between shifting down one place.
     */
    private static void spreadRacks(int[] row, int[] racks, int spread) {
        Set<Integer> used = new HashSet<>();
        used.add(racks[row[0]]);
        for (int pos = 1; pos < spread; pos++) {
            if (!used.contains(racks[row[pos]])) {
                used.add(racks[row[pos]]);
                continue;
            }
            for (int j = pos + 1; j < row.length; j++) {
                if (!used.contains(racks[row[j]])) {
                    int moving = row[j];
                    System.arraycopy(row, pos, row, pos + 1, j - pos);
                    row[pos] = moving;
                    break;
                }
            }
            used.add(racks[row[pos]]);
        }
    }

    /** 64-bit FNV-1a over the low {@code bytes} bytes of {@code value}, little-endian. */
    static long fnv1a(long value, int bytes) {
        long h = FNV_OFFSET;
        for (int i = 0; i < bytes; i++) {
            h ^= (value >>> (8 * i)) & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    /** Jenkins' one-at-a-time hash, 64-bit, over the 16 little-endian bytes of {@code a} then {@code b}. */
    static long jenkins(long a, long b) {
        long h = 0;
        for (int i = 0; i < 16; i++) {
            long v = i < 8 ? a : b;
            h += (v >>> (8 * (i % 8))) & 0xFF;
            h += h << 10;
            h ^= h >>> 6;
        }
        h += h << 3;
        h ^= h >>> 11;
        h += h << 15;
        return h;
    }
}
