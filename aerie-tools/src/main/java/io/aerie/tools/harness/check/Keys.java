package io.aerie.tools.harness.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Splits a history by key and tells which workload each key belongs to, from the kinds of op it saw. */
final class Keys {
    /** The workload a key's mutating ops put it in; keys that were only read belong to none. */
    enum Family {
        REGISTER,
        COUNTER,
        SET,
        NONE
    }

    private Keys() {}

    /** The indices of each key's ops, keys in sorted order, indices ascending. */
    static Map<String, List<Integer>> byKey(List<Op> history) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (int i = 0; i < history.size(); i++) {
            out.computeIfAbsent(history.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /** The family of one key's ops; mixing families on a key is a harness bug, so it throws. */
    static Family family(List<Op> history, String key, List<Integer> indices) {
        Family family = Family.NONE;
        for (int i : indices) {
            Family f = switch (history.get(i).kind()) {
                case READ -> Family.NONE;
                case WRITE, CAS -> Family.REGISTER;
                case ADD -> Family.COUNTER;
                case APPEND -> Family.SET;
            };
            if (f == Family.NONE || f == family) {
                continue;
            }
            if (family != Family.NONE) {
                throw new IllegalArgumentException("key " + key + " mixes " + family + " and " + f + " ops");
            }
            family = f;
        }
        return family;
    }

    /** The ops of every key in {@code family}, by key. */
    static Map<String, List<Integer>> ofFamily(List<Op> history, Family family) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (Map.Entry<String, List<Integer>> e : byKey(history).entrySet()) {
            if (family(history, e.getKey(), e.getValue()) == family) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
