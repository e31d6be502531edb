package io.aerie.cluster;

import io.aerie.fabric.Fabric;
import io.aerie.fabric.FabricMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Linearizable reads in strong consistency (Aerospike's replica "ping"): before answering, the
 * master asks every other copy of the partition whether it still serves the master's regime. A
 * master deposed on the minority side of a split keeps its old view for a while; the copies that
 * moved on to a newer regime say no, so it cannot answer with a value newer writes have replaced.
 */
public final class RegimeChecks {
    private static final long TICK_MILLIS = 20;
    private static final byte SAME = 0;
    private static final byte OTHER = 1;

    private final Fabric fabric;
    private final Function<String, @Nullable PartitionStates> namespaces;
    private final FanoutRequests requests;

    RegimeChecks(
            Fabric fabric,
            ScheduledExecutorService timer,
            LongSupplier nanoTime,
            long timeoutMillis,
            Function<String, @Nullable PartitionStates> namespaces) {
        this.fabric = fabric;
        this.namespaces = namespaces;
        this.requests = new FanoutRequests(
                fabric, MessageType.REGIME_CHECK, timer, nanoTime, TICK_MILLIS, TICK_MILLIS * 5, timeoutMillis);
        fabric.register(MessageType.REGIME_CHECK, this::onCheck);
        fabric.register(MessageType.REGIME_ANSWER, this::onAnswer);
    }

    /**
     * Completes with true once every copy of partition {@code pid} said it serves the regime of
     * {@code clusterKey}, in which this node must still serve it; false when one has moved on,
     * left or stayed silent.
     */
    public CompletableFuture<Boolean> confirm(String ns, int pid, long clusterKey) {
        PartitionStates states = namespaces.apply(ns);
        if (states == null || !states.isMaster(pid) || states.clusterKey() != clusterKey) {
            return CompletableFuture.completedFuture(false);
        }
        long[] copies = states.replicationTargets(pid);
        long id = requests.nextId();
        ByteBuffer b = ByteBuffer.allocate(8 + Wire.stringSize(ns) + 4);
        b.putLong(id);
        Wire.putString(b, ns);
        b.putInt(pid);
        List<Long> targets = new ArrayList<>(copies.length);
        for (long c : copies) {
            targets.add(c);
        }
        return requests.send(id, targets, clusterKey, b.array(), true);
    }

    /** A view change: a copy that left fails the checks waiting for it. */
    void newView(java.util.Set<Long> members) {
        requests.retain(members);
    }

    private void onCheck(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        String ns = Wire.getString(b);
        int pid = b.getInt();
        PartitionStates states = namespaces.apply(ns);
        PartitionPlan plan = states == null ? null : states.plan(pid);
        // The same cluster key means the same plans: this copy has not moved on to a newer regime.
        boolean same = states != null
                && plan != null
                && states.clusterKey() == m.clusterKey()
                && (plan.workingMaster() == m.source() || plan.finalMaster() == m.source());
        ByteBuffer out = ByteBuffer.allocate(9).putLong(id).put(same ? SAME : OTHER);
        fabric.send(m.source(), MessageType.REGIME_ANSWER, m.clusterKey(), out.array());
    }

    private void onAnswer(FabricMessage m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload());
        long id = b.getLong();
        if (b.get() == SAME) {
            requests.answered(id, m.source());
        } else {
            requests.refused(id, m.source());
        }
    }
}
