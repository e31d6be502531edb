package io.aerie.cluster;

import io.aerie.namespace.Namespace;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * One namespace's partitions as this node sees them between rebalances: the plan of the current
 * view, this node's version of each copy, who serves each partition now, and the migrations
 * still owed. Changed only on the cluster thread; the transaction path reads it lock-free.
 */
public final class PartitionStates {
    private static final int N = PartitionBalance.PARTITIONS;
    /** No node: shared, never written (callers only read the arrays these methods return). */
    private static final long[] NO_NODES = new long[0];

    private final Namespace namespace;
    private final long self;
    private volatile @Nullable PartitionPlan @Nullable [] plans;
    private volatile long clusterKey;
    private volatile int effectiveReplicationFactor = 1;
    private final AtomicLongArray versions = new AtomicLongArray(N);
    /** Per partition, the node that serves it now as this node knows; 0 before the first rebalance. */
    private final AtomicLongArray acting = new AtomicLongArray(N);
    /** Final master's work: sources not yet in, fills not yet done (cluster thread only). */
    @SuppressWarnings("unchecked")
    private final Set<Long>[] pendingSources = new Set[N];

    @SuppressWarnings("unchecked")
    private final Set<Long>[] pendingFills = new Set[N];
    /** Nodes outside the replica set that held data at the exchange: told to drop it once all replicas are full. */
    private final long[][] witnesses = new long[N][];

    /** Strong consistency: what this node knows of the regimes; null for an AP namespace. */
    private final @Nullable ScState sc;
    /** Strong consistency: who serves each partition once every member has taken the new regime. */
    private final long[] adopted = new long[N];

    private final Unreplicated unreplicated = new Unreplicated();
    private final java.util.Map<Integer, java.util.Map<Digest, long[]>> deletesWhileFilling =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int unavailable;
    private volatile int dead;

    private final AtomicInteger txRemaining = new AtomicInteger();
    private final AtomicInteger rxRemaining = new AtomicInteger();

    /** The states of {@code namespace} on node {@code self}; copies found at start are subsets of a lineage of their own. */
    PartitionStates(Namespace namespace, long self, long bootLineage, @Nullable ScState sc) {
        this.namespace = namespace;
        this.self = self;
        this.sc = sc;
        for (int pid = 0; pid < N; pid++) {
            if (namespace.partitionSize(pid) > 0) {
                versions.set(pid, bootLineage | PartitionVersion.SUBSET);
            }
        }
    }

    public Namespace namespace() {
        return namespace;
    }

    /** Strong consistency: partitions not served here because the rules are not met ({@code unavailable_partitions}). */
    public int unavailablePartitions() {
        return unavailable;
    }

    /** Strong consistency: partitions no present copy is known to hold in full ({@code dead_partitions}). */
    public int deadPartitions() {
        return dead;
    }

    void availability(int unavailable, int dead) {
        this.unavailable = unavailable;
        this.dead = dead;
    }

    /**
     * Strong consistency: a replicated delete reached this copy while it fills. The fill may still
     * bring an older version of the record (read before the delete, or a resent batch), which
     * must not come back: kept until the fill completes.
     */
    void deletedWhileFilling(Digest d, int generation, long lastUpdateTime) {
        int pid = d.partitionId();
        if (sc != null && PartitionVersion.isSubset(versions.get(pid))) {
            deletesWhileFilling
                    .computeIfAbsent(pid, k -> new java.util.concurrent.ConcurrentHashMap<>())
                    .merge(d, new long[] {generation, lastUpdateTime}, (a, b) -> b[1] >= a[1] ? b : a);
        }
    }

    /** Whether a migrated {@code record} is a version a delete seen during the fill already removed. */
    boolean deletedSince(byte[] record) {
        java.util.Map<Digest, long[]> deletes = deletesWhileFilling.get(Digest.partitionId(record, 0));
        long[] del = deletes == null ? null : deletes.get(Record.digest(record));
        return del != null && Record.generation(record) <= del[0] && Record.lastUpdateTime(record) <= del[1];
    }

    /** Strong consistency: records whose last change may not be on every replica yet. */
    public Unreplicated unreplicated() {
        return unreplicated;
    }

    /** What this node knows of the namespace's regimes; null for an AP namespace. */
    public @Nullable ScState sc() {
        return sc;
    }

    /** This node's versions, for the exchange. */
    long[] versions() {
        long[] v = new long[N];
        for (int i = 0; i < N; i++) {
            v[i] = versions.get(i);
        }
        if (sc != null) {
            for (int pid : unreplicated.partitions()) {
                if (v[pid] != PartitionVersion.NONE) {
                    v[pid] |= PartitionVersion.DIRTY;
                }
            }
        }
        return v;
    }

    /** The cluster key of the rebalance in force here: the regime's, for strong consistency. */
    public long clusterKey() {
        return clusterKey;
    }

    /** The plan of partition {@code pid} in the current view, or null before the first rebalance. */
    public @Nullable PartitionPlan plan(int pid) {
        @Nullable PartitionPlan[] p = plans;
        return p == null ? null : p[pid];
    }

    /** Copies per partition now: replication-factor, at most the cluster size. */
    public int replicationFactor() {
        return effectiveReplicationFactor;
    }

    /** The node that serves partition {@code pid} now; 0 when none is known yet. */
    public long actingMaster(int pid) {
        return acting.get(pid);
    }

    /** Whether this node serves the partition's writes and reads now. */
    public boolean isMaster(int pid) {
        return acting.get(pid) == self;
    }

    /**
     * Whether this node may answer a read of the partition: it serves it, or it is one of its
     * replicas with a full copy (not still filling).
     */
    public boolean canRead(int pid) {
        if (isMaster(pid)) {
            return true;
        }
        PartitionPlan p = plan(pid);
        return p != null && p.inReplicaSet(self) && PartitionVersion.isFull(versions.get(pid));
    }

    /**
     * Where the master sends its writes of partition {@code pid}: every other node of the replica
     * set, the final master included while it is still taking the partition in.
     */
    public long[] replicationTargets(int pid) {
        PartitionPlan p = plan(pid);
        if (p == null) {
            return NO_NODES;
        }
        long[] out = new long[p.replicas().length + 1];
        int n = 0;
        if (p.finalMaster() != self) {
            out[n++] = p.finalMaster();
        }
        for (long r : p.replicas()) {
            if (r != self) {
                out[n++] = r;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * The other copies that may hold newer versions of the partition's records than this node,
     * which serves it, while they are being merged after a change: the plan's sources, and the
     * final master when it is another node. Empty once this node serves the merged copy.
     */
    public long[] duplicateHolders(int pid) {
        PartitionPlan p = plan(pid);
        if (p == null || !isMaster(pid) || p.fresh()) {
            return NO_NODES;
        }
        if (p.finalMaster() == self) {
            return versions.get(pid) == (p.finalLineage() | PartitionVersion.MASTER)
                    ? NO_NODES
                    : p.sources().clone();
        }
        long[] out = new long[p.sources().length + 1];
        int n = 0;
        for (long s : p.sources()) {
            if (s != self) {
                out[n++] = s;
            }
        }
        out[n++] = p.finalMaster();
        return java.util.Arrays.copyOf(out, n);
    }

    /** Whether this node holds partition {@code pid} as a replica (not as master) in the current view. */
    public boolean isReplica(int pid, int column) {
        PartitionPlan p = plan(pid);
        return p != null && column >= 1 && column - 1 < p.replicas().length && p.replicas()[column - 1] == self;
    }

    public int txRemaining() {
        return txRemaining.get();
    }

    public int rxRemaining() {
        return rxRemaining.get();
    }

    /**
     * Takes a new view's plans: sets this node's versions, who serves each partition, and what
     * this node must send and receive. Returns the emigrations to start now.
     */
    java.util.List<Emigration> apply(
            long key, @Nullable PartitionPlan[] next, int rf, java.util.Map<Long, long[]> exchanged) {
        clusterKey = key;
        effectiveReplicationFactor = rf;
        deletesWhileFilling.clear();
        java.util.List<Emigration> out = new java.util.ArrayList<>();
        int tx = 0;
        int rx = 0;
        for (int pid = 0; pid < N; pid++) {
            PartitionPlan p = next[pid];
            long v = versions.get(pid);
            pendingSources[pid] = new HashSet<>();
            pendingFills[pid] = new HashSet<>();
            if (p == null) {
                // Strong consistency, not served here: the copy and its version stay as they are.
                witnesses[pid] = NO_NODES;
                acting.set(pid, 0);
                adopted[pid] = 0;
                continue;
            }
            witnesses[pid] = witnessesOf(p, exchanged, pid);
            if (sc != null) {
                // Nobody serves until every member has recorded the new regime (see confirm).
                acting.set(pid, 0);
                adopted[pid] = p.workingMaster();
                assert !(p.isFill(self) && p.workingMaster() == self)
                        : "partition " + pid + ": the working master is a fill";
                if (p.isFill(self) || (p.finalMaster() == self && p.sources().length > 0)) {
                    // A stale copy is replaced, not merged into: records deleted since would come back.
                    namespace.dropPartition(pid);
                    unreplicated.clearPartition(pid);
                    v = PartitionVersion.NONE;
                }
            } else {
                acting.set(pid, p.workingMaster());
            }
            if (p.fresh()) {
                versions.set(
                        pid,
                        p.inReplicaSet(self)
                                ? p.finalLineage() | (p.finalMaster() == self ? PartitionVersion.MASTER : 0)
                                : PartitionVersion.NONE);
                continue;
            }
            if (p.finalMaster() == self) {
                for (long s : p.sources()) {
                    pendingSources[pid].add(s);
                }
                for (long f : p.fills()) {
                    pendingFills[pid].add(f);
                }
                rx += p.sources().length;
                tx += p.fills().length;
                if (p.sources().length == 0) {
                    versions.set(pid, p.finalLineage() | PartitionVersion.MASTER);
                    for (long f : p.fills()) {
                        out.add(new Emigration(this, pid, f, key, true));
                    }
                } else if (p.workingMaster() == self) {
                    versions.set(pid, workingVersion(p, v));
                } else {
                    versions.set(pid, p.finalLineage() | PartitionVersion.SUBSET);
                }
                continue;
            }
            if (p.isSource(self)) {
                tx++;
                out.add(new Emigration(this, pid, p.finalMaster(), key, false));
            }
            if (p.workingMaster() == self) {
                versions.set(pid, workingVersion(p, v));
            } else if (p.isFill(self)) {
                rx++;
                versions.set(pid, p.finalLineage() | PartitionVersion.SUBSET);
            } else if (p.inReplicaSet(self)) {
                // In step with the working master: joins the view's lineage as it is.
                versions.set(pid, p.finalLineage());
            } else {
                versions.set(pid, v & ~PartitionVersion.MASTER);
            }
        }
        plans = next;
        txRemaining.set(tx);
        rxRemaining.set(rx);
        return out;
    }

    /**
     * The working master's version. In strong consistency it serves the new regime and is full in
     * it, so a view change before the handoff still finds every write on it; in AP it keeps its
     * lineage, which duplicate detection compares.
     */
    private long workingVersion(PartitionPlan p, long v) {
        return (sc != null ? p.finalLineage() : v) | PartitionVersion.MASTER;
    }

    /**
     * Strong consistency: a view change stops this node serving until the new view's regimes are
     * in force, so a master the new view deposes cannot go on writing meanwhile.
     */
    void suspend() {
        if (sc != null) {
            for (int pid = 0; pid < N; pid++) {
                acting.set(pid, 0);
            }
        }
    }

    /**
     * Strong consistency: every member has recorded the regime of cluster key {@code key}, so the
     * partitions' masters serve. False when a newer rebalance has come meanwhile.
     */
    boolean confirm(long key) {
        if (key != clusterKey || sc == null) {
            return false;
        }
        for (int pid = 0; pid < N; pid++) {
            acting.set(pid, adopted[pid]);
        }
        return true;
    }

    private long[] witnessesOf(PartitionPlan p, java.util.Map<Long, long[]> exchanged, int pid) {
        return exchanged.entrySet().stream()
                .filter(e -> e.getValue()[pid] != PartitionVersion.NONE && !p.inReplicaSet(e.getKey()))
                .mapToLong(java.util.Map.Entry::getKey)
                .toArray();
    }

    /** A source's records are all in (final master). Returns true when it was the last: this node now serves. */
    boolean sourceDone(int pid, long source) {
        if (!pendingSources[pid].remove(source)) {
            return false;
        }
        rxRemaining.decrementAndGet();
        if (!pendingSources[pid].isEmpty()) {
            return false;
        }
        PartitionPlan p = plan(pid);
        if (p == null) {
            return false;
        }
        versions.set(pid, p.finalLineage() | PartitionVersion.MASTER);
        deletesWhileFilling.remove(pid);
        acting.set(pid, self);
        return true;
    }

    /**
     * Strong consistency: this working master has sent the final master everything and is about
     * to say so. It stops serving first, under the partition lock, so every write it applied is
     * replicated to the final master before the word that the final master may serve: the two never
     * serve together. A copy outside the replica set receives no more writes, so it no longer
     * counts as full.
     */
    void stepDown(int pid) {
        PartitionPlan p = plan(pid);
        if (sc == null || p == null || p.workingMaster() != self || p.finalMaster() == self) {
            return;
        }
        io.aerie.storage.Partition partition = namespace.partition(pid);
        partition.lock();
        try {
            acting.set(pid, p.finalMaster());
            if (!p.inReplicaSet(self)) {
                versions.set(pid, PartitionVersion.lineage(versions.get(pid)) | PartitionVersion.SUBSET);
            }
        } finally {
            partition.unlock();
        }
    }

    /** The final master serves now: the old working master steps down, joining the view's lineage if it stays a replica. */
    void handedOff(int pid, long finalMaster) {
        acting.set(pid, finalMaster);
        PartitionPlan p = plan(pid);
        long v = versions.get(pid);
        if (p != null
                && p.inReplicaSet(self)
                && !p.isFill(self)
                && p.workingMaster() == self
                && PartitionVersion.isFull(v)) {
            versions.set(pid, p.finalLineage());
        } else {
            versions.set(pid, v & ~PartitionVersion.MASTER);
        }
    }

    /** The fills the final master owes once it serves. */
    long[] fills(int pid) {
        return pendingFills[pid].stream().mapToLong(Long::longValue).toArray();
    }

    /** A replica's fill is done (final master). Returns true when it was the last: witnesses may drop. */
    boolean fillDone(int pid, long replica) {
        if (!pendingFills[pid].remove(replica)) {
            return false;
        }
        txRemaining.decrementAndGet();
        return pendingFills[pid].isEmpty();
    }

    /** This node's emigration as a source is done. */
    void emigrationDone() {
        txRemaining.decrementAndGet();
    }

    /** This replica's fill from the final master is complete: its copy is full. */
    void filled(int pid) {
        PartitionPlan p = plan(pid);
        if (p != null && p.isFill(self) && PartitionVersion.isSubset(versions.get(pid))) {
            deletesWhileFilling.remove(pid);
            versions.set(pid, p.finalLineage());
            rxRemaining.decrementAndGet();
        }
    }

    long[] witnesses(int pid) {
        return witnesses[pid];
    }

    /** Drops this node's copy of a partition it no longer holds in the replica set. */
    void drop(int pid) {
        PartitionPlan p = plan(pid);
        if (p != null && !p.inReplicaSet(self)) {
            namespace.dropPartition(pid);
            versions.set(pid, PartitionVersion.NONE);
        }
    }
}
