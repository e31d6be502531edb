package io.aerie.backup;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One record as a backup file holds it.
 *
 * @param namespace the namespace it was backed up from
 * @param set its set, or null
 * @param digest the 20-byte digest
 * @param key the stored user key ({@link Long}, {@link Double}, {@link String} or {@code byte[]}), or null
 * @param generation its generation
 * @param voidTime absolute expiry in seconds since 2010-01-01; 0 = never
 * @param bins its bins, in order
 */
public record AsbRecord(
        String namespace,
        @Nullable String set,
        byte[] digest,
        @Nullable Object key,
        int generation,
        long voidTime,
        List<Bin> bins) {

    /**
     * A bin: its name, the format's type letter and the value: {@link Long} (I), {@link Double}
     * (D), {@link Boolean} (Z), {@link String} (S, G), {@code byte[]} (B and the other bytes
     * types: J C P R H E Y, and L, M holding msgpack), or null (N).
     */
    public record Bin(String name, char type, @Nullable Object value) {}
}
