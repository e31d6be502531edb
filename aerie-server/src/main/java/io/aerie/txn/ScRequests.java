package io.aerie.txn;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.MessageWriter;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Digest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The strong-consistency steps around a single-record request this node may serve: a record whose
 * last change may not be on every replica is settled first (see
 * {@link io.aerie.cluster.Unreplicated}); a linearizable read ({@code ReadModeSC.LINEARIZE})
 * answers only once every copy confirms this master's regime still stands; and a read that allows
 * unavailable partitions is served from whatever copy this node holds.
 */
final class ScRequests {
    private ScRequests() {}

    /**
     * The reply to come when the request needs one of those steps; null to run it as usual (or,
     * when this node may not serve it, to refuse it).
     */
    static @Nullable CompletableFuture<byte @Nullable []> prepare(
            ClusterService c, String ns, int pid, boolean write, AsMessage m, TransactionService txn) {
        PartitionStates states = c.states(ns);
        if (states == null) {
            return null;
        }
        if (write && c.clockSkewStopsWrites()) {
            // Past the skew limit, record versions and fencing can no longer be trusted (Aerospike's
            // clock_skew_stop_writes): refuse before anything is applied.
            return CompletableFuture.completedFuture(
                    Replies.bytes(32, out -> MessageWriter.writeResultFrame(out, ResultCode.FAIL_FORBIDDEN, 0, 0)));
        }
        if (m.hasInfo2(MsgFlags.INFO2_DELETE)
                && !m.hasInfo2(MsgFlags.INFO2_DURABLE_DELETE)
                && !states.namespace().config().strongConsistencyAllowExpunge()) {
            // A delete that leaves no tombstone could let an older copy come back: Aerospike refuses
            // it in strong consistency unless strong-consistency-allow-expunge says otherwise.
            return CompletableFuture.completedFuture(forbidden());
        }
        boolean type = m.hasInfo3(MsgFlags.INFO3_SC_READ_TYPE);
        boolean relax = m.hasInfo3(MsgFlags.INFO3_SC_READ_RELAX);
        if (!states.isMaster(pid)) {
            boolean allowUnavailable = !write && type && relax && states.actingMaster(pid) == 0;
            // ReadModeSC.ALLOW_UNAVAILABLE: whatever this node holds, possibly stale, as Aerospike.
            return allowUnavailable && states.namespace().partitionSize(pid) > 0 ? txn.executeCommitted(m) : null;
        }
        Digest d = Digest.of(m.buffer(), m.digestOffset());
        CompletableFuture<Boolean> settled = states.unreplicated().settle(d, () -> rereplicate(c, states, ns, pid, d));
        boolean linearize = !write && type && !relax;
        if (settled == null && !linearize) {
            return null;
        }
        CompletableFuture<Boolean> ready = settled == null ? CompletableFuture.completedFuture(true) : settled;
        return ready.thenCompose(ok -> {
            if (!ok) {
                return CompletableFuture.completedFuture(unavailable());
            }
            CompletableFuture<byte @Nullable []> reply = txn.executeCommitted(m);
            if (!linearize) {
                return reply;
            }
            return reply.thenCompose(bytes -> bytes == null
                    ? CompletableFuture.completedFuture(null)
                    : c.regimeChecks().confirm(ns, pid).thenApply(same -> same ? bytes : unavailable()));
        });
    }

    /** Sends record {@code d} as it is now (or its deletion) to every replica again. */
    private static CompletableFuture<Boolean> rereplicate(
            ClusterService c, PartitionStates states, String ns, int pid, Digest d) {
        long[] targets = states.replicationTargets(pid);
        byte[] record = states.namespace().copyOf(pid, d);
        if (record == null) {
            // Gone here: no copy may keep any version of it.
            return c.replication().delete(ns, targets, d, Integer.MAX_VALUE, Long.MAX_VALUE);
        }
        return c.replication().write(ns, targets, states.namespace().setNameBytes(record), record);
    }

    private static byte[] forbidden() {
        return Replies.bytes(32, out -> MessageWriter.writeResultFrame(out, ResultCode.FAIL_FORBIDDEN, 0, 0));
    }

    private static byte[] unavailable() {
        return Replies.unavailableFrame();
    }
}
