package io.aerie.txn;

import io.aerie.namespace.Namespace;
import io.aerie.storage.Record;
import org.jspecify.annotations.Nullable;

/**
 * Read-touch (Aerospike 7.1+): a read that comes within the last N percent of a record's TTL resets
 * the TTL to what the last write set, so a namespace can serve as a read-LRU cache. N comes from
 * the read's record-ttl slot: 0 = the namespace's default-read-touch-ttl-pct, -1 = never, 1..100.
 */
final class ReadTouch {
    private ReadTouch() {}

    /** The percent that applies to a read, or 0 when the read must not touch. */
    static int effectivePercent(int requestValue, Namespace ns) {
        int pct = requestValue == 0 ? ns.config().defaultReadTouchTtlPct() : requestValue;
        return pct >= 1 && pct <= 100 ? pct : 0;
    }

    /** The TTL the last write gave the record, in seconds; 0 if it never expires. */
    static long writtenTtl(byte[] r) {
        int voidTime = Record.voidTime(r);
        if (voidTime == 0) {
            return 0;
        }
        long lutSeconds = Record.lastUpdateTime(r) / 1000L;
        return Math.max(0, (voidTime & 0xFFFF_FFFFL) - lutSeconds);
    }

    /** Whether a read at {@code nowSeconds} falls in the touch window. */
    static boolean due(byte[] r, int pct, int nowSeconds) {
        long ttl = writtenTtl(r);
        if (pct == 0 || ttl == 0) {
            return false;
        }
        long windowStart = (Record.voidTime(r) & 0xFFFF_FFFFL) - ttl * pct / 100;
        return nowSeconds >= windowStart;
    }

    /**
     * Touches the record under its partition's lock if it is still the same version and still due;
     * returns the record now stored (touched or not), or null if it vanished.
     */
    static byte @Nullable [] touch(TxnContext ctx, byte[] seen, int pct) {
        Namespace ns = ctx.ns();
        ctx.partition().lock();
        try {
            // A touch is a write: its times come from one reading under the lock, as any write's.
            ctx.readClock();
            byte[] current = ns.getLive(ctx.partition(), ctx.digest(), ctx.nowSeconds());
            if (current == null
                    || Record.generation(current) != Record.generation(seen)
                    || !due(current, pct, ctx.nowSeconds())) {
                return current;
            }
            long ttl = writtenTtl(current);
            byte[] touched = Record.touched(
                    current,
                    Record.nextGeneration(Record.generation(current)),
                    (int) (ctx.nowSeconds() + ttl),
                    ctx.nowMillis());
            ns.install(ctx.partition(), touched, ctx.commitWait());
            ReplicaWrites.written(ctx, touched);
            return touched;
        } finally {
            ctx.partition().unlock();
        }
    }
}
