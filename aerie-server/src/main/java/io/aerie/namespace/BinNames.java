package io.aerie.namespace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/** The bin names a namespace has seen, for the {@code bins} info command. */
public final class BinNames {
    /** Aerospike's bin-name quota per namespace. */
    public static final int QUOTA = 65535;

    private static final int CACHE_SLOTS = 1024;

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    /** Names already noted, by hash slot: lets the write path skip building a String. */
    private final AtomicReferenceArray<byte @Nullable []> seen = new AtomicReferenceArray<>(CACHE_SLOTS);

    /** Records a bin name given as UTF-8 bytes. */
    public void note(byte[] buf, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
        byte[] cached = seen.get(slot);
        if (cached != null && Arrays.equals(cached, 0, cached.length, buf, off, off + len)) {
            return;
        }
        if (names.size() < QUOTA) {
            names.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }
        seen.set(slot, Arrays.copyOfRange(buf, off, off + len));
    }

    public int size() {
        return names.size();
    }

    public List<String> all() {
        List<String> out = new ArrayList<>(names);
        out.sort(null);
        return out;
    }
}
