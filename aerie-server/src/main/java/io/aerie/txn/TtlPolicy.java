package io.aerie.txn;

import io.aerie.config.NamespaceConfig;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Record;
import org.jspecify.annotations.Nullable;

/** Turns a write's record-ttl into a void-time, with Aerospike's special values and limits. */
final class TtlPolicy {
    /** TTL meaning "never expire". */
    static final int NEVER_EXPIRE = -1;
    /** TTL meaning "keep the record's current expiry". */
    static final int DONT_UPDATE = -2;
    /** Aerospike refuses TTLs over ten years. */
    static final long MAX_TTL_SECONDS = 315_360_000L;

    private TtlPolicy() {}

    /**
     * The void-time for a write, or a negative result code negated (e.g. {@code
     * -PARAMETER_ERROR}) when the TTL is refused.
     */
    static long voidTime(int requestTtl, byte @Nullable [] existing, NamespaceConfig cfg, int nowSeconds) {
        long ttl;
        if (requestTtl == NEVER_EXPIRE) {
            return 0;
        } else if (requestTtl == DONT_UPDATE) {
            if (existing != null) {
                return Record.voidTime(existing) & 0xFFFF_FFFFL;
            }
            ttl = cfg.defaultTtlSeconds();
        } else if (requestTtl == 0) {
            ttl = cfg.defaultTtlSeconds();
        } else if (requestTtl < 0 || requestTtl > MAX_TTL_SECONDS) {
            return -ResultCode.PARAMETER_ERROR;
        } else {
            ttl = requestTtl;
        }
        if (ttl == 0) {
            return 0;
        }
        if (cfg.nsupPeriodSeconds() == 0 && !cfg.allowTtlWithoutNsup()) {
            // Records that could expire without nsup would never be removed.
            return -ResultCode.FAIL_FORBIDDEN;
        }
        return nowSeconds + ttl;
    }
}
