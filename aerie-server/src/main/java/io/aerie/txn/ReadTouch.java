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
    static long writtenTtl(Record r) {
        if (r.voidTime() == 0) {
            return 0;
        }
        long lutSeconds = r.lastUpdateTime() / 1000L;
        return Math.max(0, (r.voidTime() & 0xFFFF_FFFFL) - lutSeconds);
    }

    /** Whether a read at {@code nowSeconds} falls in the touch window. */
    static boolean due(Record r, int pct, int nowSeconds) {
        long ttl = writtenTtl(r);
        if (pct == 0 || ttl == 0) {
            return false;
        }
        long windowStart = (r.voidTime() & 0xFFFF_FFFFL) - ttl * pct / 100;
        return nowSeconds >= windowStart;
    }

    /**
     * Touches the record under its partition's lock if it is still the same version and still due;
     * returns the record now stored (touched or not), or null if it vanished.
     */
    static @Nullable Record touch(TxnContext ctx, Record seen, int pct) {
        Namespace ns = ctx.ns();
        ctx.partition().lock();
        try {
            Record current = ns.getLive(ctx.partition(), ctx.digest(), ctx.nowSeconds());
            if (current == null || current.generation() != seen.generation() || !due(current, pct, ctx.nowSeconds())) {
                return current;
            }
            long ttl = writtenTtl(current);
            Record touched = current.touched(
                    Record.nextGeneration(current.generation()), (int) (ctx.nowSeconds() + ttl), ns.nowMillis());
            ns.accountSwap(ctx.partition().put(touched), touched);
            return touched;
        } finally {
            ctx.partition().unlock();
        }
    }
}
