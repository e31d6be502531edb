package io.aerie.namespace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/** The sets of one namespace, by name and by the small id stored in each record. */
public final class SetTable {
    /** Aerospike's limit on sets per namespace. */
    public static final int MAX_SETS = 4095;
    /** Longest set name, in bytes (Aerospike: 63). */
    public static final int MAX_NAME_LENGTH = 63;

    private final ConcurrentHashMap<String, SetInfo> byName = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<@Nullable SetInfo> byId = new AtomicReferenceArray<>(MAX_SETS + 1);
    private int nextId = 1;

    /** The set's info, created on first use; null when the namespace has no room for another set. */
    public @Nullable SetInfo getOrCreate(String name) {
        SetInfo info = byName.get(name);
        if (info != null) {
            return info;
        }
        synchronized (this) {
            info = byName.get(name);
            if (info != null) {
                return info;
            }
            if (nextId > MAX_SETS) {
                return null;
            }
            info = new SetInfo(name, nextId);
            byId.set(nextId, info);
            nextId++;
            byName.put(name, info);
            return info;
        }
    }

    public @Nullable SetInfo get(String name) {
        return byName.get(name);
    }

    /** The set with that id; null for id 0 (no set). */
    public @Nullable SetInfo get(int id) {
        return id <= 0 || id > MAX_SETS ? null : byId.get(id);
    }

    /** All sets in creation order. */
    public List<SetInfo> all() {
        List<SetInfo> out = new ArrayList<>();
        for (int i = 1; i <= MAX_SETS; i++) {
            SetInfo s = byId.get(i);
            if (s == null) {
                break;
            }
            out.add(s);
        }
        return out;
    }
}
