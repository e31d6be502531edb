package io.aerie.cluster;

import java.util.List;

/**
 * One view of the cluster, as every member agrees on it: its members' node ids (the succession
 * list, descending), the cluster key that every migration and replication message of this view
 * carries, and the principal.
 *
 * @param clusterKey 48 bits, different for every view, the same on every member of it
 * @param nodes member node ids in descending order (compared unsigned)
 * @param principal the member that leads the view: the highest node id, as Aerospike picks it
 */
public record ClusterView(long clusterKey, List<Long> nodes, long principal) {
    public ClusterView {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a view has members");
        }
        if ((clusterKey & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("cluster key has more than 48 bits");
        }
    }

    public int size() {
        return nodes.size();
    }
}
