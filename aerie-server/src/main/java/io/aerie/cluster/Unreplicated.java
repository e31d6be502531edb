package io.aerie.cluster;

import io.aerie.storage.Digest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Strong consistency: the records of a namespace whose last change on this master may not have
 * reached every replica yet (Aerospike's "unreplicated" records). No transaction may see such a
 * change before it is on every replica: it would observe a write that a failover could still
 * lose. So a request first waits for the replication in flight, and when that failed, sends the
 * record again (re-replication) before it runs: the change ends up on every replica or the
 * request fails.
 */
public final class Unreplicated {
    private final Map<Digest, CompletableFuture<Boolean>> pending = new ConcurrentHashMap<>();

    /**
     * The change of record {@code d} now replicating; {@code acked} says whether every replica took
     * it. Changes of the same record in flight together are all waited for: a mark is never
     * replaced by a later one that might complete first.
     */
    public void track(Digest d, CompletableFuture<Boolean> acked) {
        CompletableFuture<Boolean> merged =
                pending.merge(d, acked, (prev, next) -> prev.thenCombine(next, (a, b) -> a && b));
        merged.thenAccept(ok -> {
            if (ok) {
                pending.remove(d, merged);
            }
        });
    }

    /**
     * Marks record {@code d} as changing before a write stores anything: reads wait until the
     * returned future completes (true: the change, if any, is on every replica).
     */
    public CompletableFuture<Boolean> gate(Digest d) {
        CompletableFuture<Boolean> g = new CompletableFuture<>();
        track(d, g);
        return g;
    }

    /**
     * Null when record {@code d}'s last change is on every replica; otherwise completes with true
     * once it is (after {@code rereplicate} if the first replication failed), false when it could
     * not be.
     */
    public @Nullable CompletableFuture<Boolean> settle(Digest d, Supplier<CompletableFuture<Boolean>> rereplicate) {
        CompletableFuture<Boolean> f = pending.get(d);
        if (f == null) {
            return null;
        }
        return f.thenCompose(ok -> {
            if (ok) {
                return CompletableFuture.completedFuture(true);
            }
            CompletableFuture<Boolean> again = rereplicate.get();
            return again.thenApply(done -> {
                if (done) {
                    pending.remove(d, f);
                }
                return done;
            });
        });
    }

    /** The partitions with a record waiting: their copies here may hold changes other copies lack. */
    public java.util.Set<Integer> partitions() {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (Digest d : pending.keySet()) {
            out.add(d.partitionId());
        }
        return out;
    }

    /** Forgets the records of a partition whose copy here was dropped. */
    public void clearPartition(int pid) {
        pending.keySet().removeIf(d -> d.partitionId() == pid);
    }

    /** Records waiting, for statistics ({@code unreplicated_records}). */
    public int size() {
        return pending.size();
    }
}
