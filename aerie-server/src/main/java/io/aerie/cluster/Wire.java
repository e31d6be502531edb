package io.aerie.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for the cluster's fabric payloads: length-prefixed strings and byte arrays. */
final class Wire {
    private Wire() {}

    static void putBytes(ByteBuffer b, byte[] v) {
        b.putInt(v.length).put(v);
    }

    static byte[] getBytes(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("field of " + len + " bytes with " + b.remaining() + " left");
        }
        byte[] v = new byte[len];
        b.get(v);
        return v;
    }

    static void putString(ByteBuffer b, String s) {
        putBytes(b, s.getBytes(StandardCharsets.UTF_8));
    }

    static String getString(ByteBuffer b) {
        return new String(getBytes(b), StandardCharsets.UTF_8);
    }

    static int stringSize(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    static void putRoster(ByteBuffer b, Roster r) {
        b.putLong(r.generation()).putShort((short) r.nodes().size());
        for (Roster.Entry e : r.nodes()) {
            b.putLong(e.nodeId()).putInt(e.rackId());
        }
    }

    static Roster getRoster(ByteBuffer b) {
        long generation = b.getLong();
        int n = b.getShort() & 0xFFFF;
        if (n > Roster.MAX_NODES) {
            throw new IllegalArgumentException("roster of " + n + " nodes");
        }
        List<Roster.Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new Roster.Entry(b.getLong(), b.getInt()));
        }
        return new Roster(generation, entries);
    }
}
