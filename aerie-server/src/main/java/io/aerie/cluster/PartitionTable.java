package io.aerie.cluster;

/**
 * The outcome of a partition balance: the succession list (node ids, descending) and, for each of
 * the 4096 partitions, its row of node indices into that list, master first.
 *
 * @param replicationFactor copies per partition (the configured factor, at most the node count)
 */
public record PartitionTable(long[] nodes, int[][] rows, int replicationFactor) {
    /** The row of partition {@code pid}: indices into {@link #nodes()}, master first. */
    public int[] row(int pid) {
        return rows[pid];
    }

    /** The master's node id for partition {@code pid}. */
    public long master(int pid) {
        return nodes[rows[pid][0]];
    }

    /** The node id at {@code position} of partition {@code pid}'s row (0 = master, then replicas). */
    public long nodeAt(int pid, int position) {
        return nodes[rows[pid][position]];
    }

    /** Whether node {@code nodeId} holds a copy (master or replica) of partition {@code pid}. */
    public boolean holds(long nodeId, int pid) {
        for (int r = 0; r < replicationFactor; r++) {
            if (nodeAt(pid, r) == nodeId) {
                return true;
            }
        }
        return false;
    }

    /** Partitions each node masters, by index into {@link #nodes()}. */
    public int[] mastersPerNode() {
        int[] count = new int[nodes.length];
        for (int[] row : rows) {
            count[row[0]]++;
        }
        return count;
    }

    /** Replica copies (positions 1 to replication factor - 1) each node holds, by index into {@link #nodes()}. */
    public int[] replicasPerNode() {
        int[] count = new int[nodes.length];
        for (int[] row : rows) {
            for (int r = 1; r < replicationFactor; r++) {
                count[row[r]]++;
            }
        }
        return count;
    }
}
