package io.aerie.namespace;

import java.util.concurrent.atomic.LongAdder;

/** One set of a namespace: its id, record count, data size and truncation point. */
public final class SetInfo {
    private final String name;
    private final byte[] nameBytes;
    private final int id;
    private final LongAdder objects = new LongAdder();
    private final LongAdder dataBytes = new LongAdder();
    /** Records last updated at or before this (ms since 2010) are truncated; 0 = never truncated. */
    private volatile long truncateLut;

    SetInfo(String name, int id) {
        this.name = name;
        this.nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.id = id;
    }

    public String name() {
        return name;
    }

    /** The name in UTF-8, as storage writes it beside each record (do not modify). */
    byte[] nameBytes() {
        return nameBytes;
    }

    public int id() {
        return id;
    }

    public long objects() {
        return objects.sum();
    }

    public long dataBytes() {
        return dataBytes.sum();
    }

    public long truncateLut() {
        return truncateLut;
    }

    void truncateAt(long lut) {
        // A later truncate never moves the point back.
        synchronized (this) {
            if (lut > truncateLut) {
                truncateLut = lut;
            }
        }
    }

    void adjust(long objectDelta, long byteDelta) {
        if (objectDelta != 0) {
            objects.add(objectDelta);
        }
        if (byteDelta != 0) {
            dataBytes.add(byteDelta);
        }
    }
}
