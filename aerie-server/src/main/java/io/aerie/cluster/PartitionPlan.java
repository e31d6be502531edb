package io.aerie.cluster;

/**
 * What a rebalance decided for one partition, the same on every node of the view.
 *
 * @param workingMaster the node that serves the partition's writes until the final master holds
 *     everything (the final master itself when it already does)
 * @param finalMaster position 0 of the partition's row
 * @param replicas the nodes at positions 1 to replication-factor - 1
 * @param sources nodes the final master must take records from before it serves: the working
 *     master when it is another node, then every duplicate (a copy of another lineage)
 * @param fills replicas that take a full copy from the final master once it holds everything
 * @param finalLineage the lineage (see {@link PartitionVersion}) the copies of the replica set take
 *     in this view: new in every view
 * @param fresh no node held data: the replicas begin empty, with nothing to move
 */
public record PartitionPlan(
        long workingMaster,
        long finalMaster,
        long[] replicas,
        long[] sources,
        long[] fills,
        long finalLineage,
        boolean fresh) {
    /** Whether {@code node} is at positions 0 to replication-factor - 1 of the row. */
    public boolean inReplicaSet(long node) {
        if (node == finalMaster) {
            return true;
        }
        for (long r : replicas) {
            if (r == node) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code node} is one of the nodes the final master immigrates from. */
    public boolean isSource(long node) {
        return contains(sources, node);
    }

    /** Whether {@code node} is a replica that must be filled. */
    public boolean isFill(long node) {
        return contains(fills, node);
    }

    private static boolean contains(long[] nodes, long node) {
        for (long n : nodes) {
            if (n == node) {
                return true;
            }
        }
        return false;
    }
}
