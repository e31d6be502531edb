package io.aerie.txn;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
import io.aerie.protocol.MsgFlags;
import io.aerie.storage.Record;
import io.aerie.storage.device.CommitWait;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a master's change of a record to the partition's other copies, under the partition lock
 * the write holds, and makes the client's reply wait for their acknowledgements unless the
 * client asked for {@code COMMIT_MASTER} (Aerospike's write-commit-level).
 */
final class ReplicaWrites {
    private ReplicaWrites() {}

    /** The record's new version {@code record} was stored. */
    static void written(TxnContext ctx, byte[] record) {
        long[] targets = targets(ctx);
        if (targets.length == 0) {
            return;
        }
        ClusterService c = java.util.Objects.requireNonNull(ctx.cluster());
        byte[] set = ctx.ns().setNameBytes(record);
        await(ctx, c, c.replication().write(ctx.ns().name(), targets, set, record.clone()));
    }

    /** The record whose stored version was {@code removed} was deleted. */
    static void deleted(TxnContext ctx, byte[] removed) {
        long[] targets = targets(ctx);
        if (targets.length == 0) {
            return;
        }
        ClusterService c = java.util.Objects.requireNonNull(ctx.cluster());
        await(
                ctx,
                c,
                c.replication()
                        .delete(
                                ctx.ns().name(),
                                targets,
                                ctx.digest(),
                                Record.generation(removed),
                                Record.lastUpdateTime(removed)));
    }

    private static final long[] NONE = new long[0];

    /**
     * Whether this node may apply a write to the request's partition now: always in AP (a write
     * proxied or run on a stale map is resolved by conflict resolution), and in strong consistency
     * only while it masters the partition in the regime in force. Checked under the partition lock.
     */
    static boolean mastersHere(TxnContext ctx) {
        ClusterService c = ctx.cluster();
        if (c == null || !ctx.ns().config().strongConsistency()) {
            // Decided by the config, not the states map: a map lookup per write showed in profiles.
            return true;
        }
        PartitionStates states = c.states(ctx.ns().name());
        return states == null || states.sc() == null || states.isMaster(ctx.partitionId());
    }

    private static long[] targets(TxnContext ctx) {
        ClusterService c = ctx.cluster();
        if (c == null || c.alone()) {
            return NONE;
        }
        PartitionStates states = c.states(ctx.ns().name());
        return states == null ? NONE : states.replicationTargets(ctx.partitionId());
    }

    private static void await(TxnContext ctx, ClusterService c, CompletableFuture<Boolean> acked) {
        PartitionStates states = c.states(ctx.ns().name());
        if (states != null && states.sc() != null) {
            states.unreplicated().track(ctx.digest(), acked);
        }
        CommitWait wait = ctx.commitWait();
        // Strong consistency always commits to every replica, whatever the client asks.
        boolean all = ctx.ns().config().strongConsistency() || !ctx.msg().hasInfo3(MsgFlags.INFO3_COMMIT_MASTER);
        if (wait != null && all) {
            wait.require(acked);
        }
    }
}
