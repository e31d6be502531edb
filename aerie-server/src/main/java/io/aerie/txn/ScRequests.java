package io.aerie.txn;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
import io.aerie.cluster.Unreplicated;
import io.aerie.protocol.AsMessage;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Digest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The strong-consistency steps around a single-record request this node may serve: a record whose
 * last change may not be on every replica is settled first (see
 * {@link io.aerie.cluster.Unreplicated}); a linearizable read ({@code ReadModeSC.LINEARIZE})
 * answers only once every copy confirms this master's regime still stands; and a read that allows
 * unavailable partitions is served from whatever copy this node holds.
 */
final class ScRequests {
    /** A read racing writes of its record this many times in a row gives up. */
    private static final int MAX_READ_ATTEMPTS = 4;

    private ScRequests() {}

    /**
     * The reply to come when this node serves the request (or a refusal); null when this node may
     * not serve it, for the caller to forward or refuse.
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
            return CompletableFuture.completedFuture(Replies.resultFrame(ResultCode.FAIL_FORBIDDEN));
        }
        if (m.hasInfo2(MsgFlags.INFO2_DELETE)
                && !m.hasInfo2(MsgFlags.INFO2_DURABLE_DELETE)
                && !states.namespace().config().strongConsistencyAllowExpunge()) {
            // A delete that leaves no tombstone could let an older copy come back: Aerospike refuses
            // it in strong consistency unless strong-consistency-allow-expunge says otherwise.
            return CompletableFuture.completedFuture(Replies.resultFrame(ResultCode.FAIL_FORBIDDEN));
        }
        boolean type = m.hasInfo3(MsgFlags.INFO3_SC_READ_TYPE);
        boolean relax = m.hasInfo3(MsgFlags.INFO3_SC_READ_RELAX);
        if (!states.isMaster(pid)) {
            boolean allowUnavailable = !write && type && relax && states.actingMaster(pid) == 0;
            // ReadModeSC.ALLOW_UNAVAILABLE: whatever this node holds, possibly stale, as Aerospike.
            return allowUnavailable && states.namespace().partitionSize(pid) > 0 ? txn.executeCommitted(m) : null;
        }
        Digest d = Digest.of(m.buffer(), m.digestOffset());
        Supplier<CompletableFuture<Boolean>> rereplicate = () -> rereplicate(c, states, ns, pid, d);
        Unreplicated unreplicated = states.unreplicated();
        if (write) {
            CompletableFuture<Boolean> before = unreplicated.settle(d, rereplicate);
            // Marked before the write can store anything, so a read that sees the new version also
            // sees the mark and waits for the replicas.
            CompletableFuture<Boolean> gate = unreplicated.gate(d);
            CompletableFuture<Boolean> ready = before == null ? CompletableFuture.completedFuture(true) : before;
            return ready.thenCompose(ok -> {
                if (!ok) {
                    gate.complete(false);
                    return CompletableFuture.completedFuture(unavailable());
                }
                return txn.executeCommitted(m)
                        .whenComplete((reply, error) -> gate.complete(error == null && reply != null));
            });
        }
        boolean linearize = type && !relax;
        return read(new Read(c, ns, pid, d, m, txn, linearize, rereplicate), 0);
    }

    /** A read on the master, with what it needs to settle the record and confirm the regime. */
    private record Read(
            ClusterService cluster,
            String ns,
            int pid,
            Digest digest,
            AsMessage m,
            TransactionService txn,
            boolean linearize,
            Supplier<CompletableFuture<Boolean>> rereplicate) {}

    /**
     * Reads, then looks for a change of the record still replicating: the mark is set before a
     * write stores, so a read that saw an unreplicated version finds it, waits for the replicas
     * (re-replicating if they failed) and reads again. A linearizable read then confirms the regime.
     */
    private static CompletableFuture<byte @Nullable []> read(Read r, int attempt) {
        PartitionStates states = r.cluster().states(r.ns());
        if (states == null || !states.isMaster(r.pid())) {
            return CompletableFuture.completedFuture(unavailable());
        }
        // The read must run entirely while this node masters the partition in one regime: a
        // rebalance may empty the copy for a fill, and a handoff may make it a replica, while the
        // read is in flight. Same key and still master afterwards means neither happened.
        long key = states.clusterKey();
        return r.txn().executeCommitted(r.m()).thenCompose(bytes -> {
            if (states.clusterKey() != key || !states.isMaster(r.pid())) {
                return CompletableFuture.completedFuture(unavailable());
            }
            CompletableFuture<Boolean> pending = states.unreplicated().settle(r.digest(), r.rereplicate());
            if (pending == null) {
                if (bytes == null || !r.linearize()) {
                    return CompletableFuture.completedFuture(bytes);
                }
                return r.cluster()
                        .regimeChecks()
                        .confirm(r.ns(), r.pid(), key)
                        .thenApply(same -> same ? bytes : unavailable());
            }
            if (attempt >= MAX_READ_ATTEMPTS) {
                return CompletableFuture.completedFuture(unavailable());
            }
            return pending.thenCompose(
                    ok -> ok ? read(r, attempt + 1) : CompletableFuture.completedFuture(unavailable()));
        });
    }

    /** Sends record {@code d} as it is now (or its deletion) to every replica again. */
    private static CompletableFuture<Boolean> rereplicate(
            ClusterService c, PartitionStates states, String ns, int pid, Digest d) {
        // Runs when the first replication has failed, which may be long after the request came:
        // only a node that masters the partition now holds the copy to send. A copy emptied for a
        // fill meanwhile has no record, and sending that as a delete would erase the real one.
        if (!states.isMaster(pid)) {
            return CompletableFuture.completedFuture(false);
        }
        long[] targets = states.replicationTargets(pid);
        byte[] record = states.namespace().copyOf(pid, d);
        if (record == null) {
            // Gone here: no copy may keep any version of it.
            return c.replication().delete(ns, targets, d, Integer.MAX_VALUE, Long.MAX_VALUE);
        }
        return c.replication().write(ns, targets, states.namespace().setNameBytes(record), record);
    }

    private static byte[] unavailable() {
        return Replies.unavailableFrame();
    }
}
