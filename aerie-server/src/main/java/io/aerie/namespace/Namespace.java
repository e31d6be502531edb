package io.aerie.namespace;

import io.aerie.config.MemoryStorageConfig;
import io.aerie.config.NamespaceConfig;
import io.aerie.storage.Digest;
import io.aerie.storage.IndexTables;
import io.aerie.storage.Partition;
import io.aerie.storage.Record;
import io.aerie.util.CitrusleafEpoch;
import io.aerie.util.Clock;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A namespace on this node: its 4096 partitions, sets, bin names, statistics, memory accounting
 * and truncation points. Records that have expired or were truncated stay in the index until nsup
 * or the truncation sweep removes them, but {@link #isLive} hides them from every transaction at
 * once.
 */
public final class Namespace {
    private final String name;
    private final Clock clock;
    private final Partition[] partitions = new Partition[Partition.COUNT];
    private final IndexTables tables = new IndexTables();
    private final SetTable sets = new SetTable();
    private final BinNames bins = new BinNames();
    private final NamespaceStats stats = new NamespaceStats();
    // Striped: every write from every event loop updates these, and one contended cache line costs more than the write.
    private final LongAdder usedBytes = new LongAdder();
    private final LongAdder objects = new LongAdder();
    private volatile NamespaceConfig config;
    /** Records last updated at or before this (ms since 2010) are truncated; 0 = never. */
    private volatile long truncateLut;

    public Namespace(NamespaceConfig config, Clock clock) {
        this.name = config.name();
        this.config = config;
        this.clock = clock;
        for (int i = 0; i < Partition.COUNT; i++) {
            partitions[i] = new Partition(i, tables);
        }
    }

    public String name() {
        return name;
    }

    public NamespaceConfig config() {
        return config;
    }

    /** Replaces the config (set-config of a dynamic parameter); the name cannot change. */
    public void reconfigure(NamespaceConfig newConfig) {
        if (!newConfig.name().equals(name)) {
            throw new IllegalArgumentException("namespace " + name + " cannot be renamed to " + newConfig.name());
        }
        this.config = newConfig;
    }

    public Clock clock() {
        return clock;
    }

    public Partition partition(int id) {
        return partitions[id];
    }

    public SetTable sets() {
        return sets;
    }

    public BinNames bins() {
        return bins;
    }

    public NamespaceStats stats() {
        return stats;
    }

    /** Live and not-yet-reaped records in the index. */
    public long objects() {
        return objects.sum();
    }

    /** Bytes charged against data-size. */
    public long usedBytes() {
        return usedBytes.sum();
    }

    /** The configured data-size in bytes. */
    public long dataSizeBytes() {
        return config.storage() instanceof MemoryStorageConfig m ? m.dataSizeBytes() : Long.MAX_VALUE;
    }

    /** Whether writes are refused: used bytes reached stop-writes-used-pct of data-size. */
    public boolean stopWrites() {
        long limit = dataSizeBytes();
        int pct = config.stopWritesUsedPct();
        return pct > 0 && usedBytes.sum() * 100 >= limit * (long) pct;
    }

    /** Seconds since 2010, now. */
    public int nowSeconds() {
        return CitrusleafEpoch.seconds(clock.currentTimeMillis());
    }

    /** Milliseconds since 2010, now. */
    public long nowMillis() {
        return CitrusleafEpoch.millis(clock.currentTimeMillis());
    }

    /** Whether a stored record is visible: not expired, not truncated. */
    public boolean isLive(byte[] r, int nowSeconds) {
        if (Record.isExpired(r, nowSeconds)) {
            return false;
        }
        long lut = Record.lastUpdateTime(r);
        if (lut <= truncateLut) {
            return false;
        }
        int setId = Record.setId(r);
        if (setId != 0) {
            SetInfo set = sets.get(setId);
            return set == null || lut > set.truncateLut();
        }
        return true;
    }

    /** The live record for a digest, or null. */
    public byte @Nullable [] getLive(Partition p, Digest d, int nowSeconds) {
        return getLive(p.id(), d, nowSeconds);
    }

    /**
     * The record stored for a digest in partition {@code partitionId}, live or not, or null; touches
     * no partition object. Its fields may change under a lock-free reader: see {@link
     * Record#readBegin}.
     */
    public byte @Nullable [] lookup(int partitionId, Digest d) {
        return tables.lookup(partitionId, d.hi(), d.mid(), d.lo());
    }

    /** The live record for a digest in partition {@code partitionId}, or null; touches no partition object. */
    public byte @Nullable [] getLive(int partitionId, Digest d, int nowSeconds) {
        byte[] r = lookup(partitionId, d);
        return r != null && isLive(r, nowSeconds) ? r : null;
    }

    /** Accounts for a record replacing another (either may be null) in the index. */
    public void accountSwap(byte @Nullable [] old, byte @Nullable [] now) {
        long oldSize = old == null ? 0 : Record.memorySize(old);
        long newSize = now == null ? 0 : Record.memorySize(now);
        if (newSize != oldSize) {
            usedBytes.add(newSize - oldSize);
        }
        int objectDelta = (now == null ? 0 : 1) - (old == null ? 0 : 1);
        if (objectDelta != 0) {
            objects.add(objectDelta);
        }
        if (old != null && now != null && Record.setId(old) == Record.setId(now)) {
            SetInfo s = sets.get(Record.setId(now));
            if (s != null) {
                s.adjust(0, newSize - oldSize);
            }
            return;
        }
        if (old != null) {
            SetInfo s = sets.get(Record.setId(old));
            if (s != null) {
                s.adjust(-1, -oldSize);
            }
        }
        if (now != null) {
            SetInfo s = sets.get(Record.setId(now));
            if (s != null) {
                s.adjust(1, newSize);
            }
        }
    }

    /**
     * Truncates the whole namespace ({@code setName == null}) or one set: every record last updated
     * at or before {@code lutMillis} (ms since 2010) is gone from now on.
     */
    public void truncate(@Nullable String setName, long lutMillis) {
        if (setName == null) {
            synchronized (this) {
                if (lutMillis > truncateLut) {
                    truncateLut = lutMillis;
                }
            }
            return;
        }
        SetInfo set = sets.getOrCreate(setName);
        if (set != null) {
            set.truncateAt(lutMillis);
        }
    }

    /** Namespace-wide truncation point (ms since 2010), 0 if never truncated. */
    public long truncateLut() {
        return truncateLut;
    }

    /**
     * Removes expired and truncated records from every partition. Called by nsup and after a
     * truncate; returns the number removed.
     */
    public long sweep() {
        int now = nowSeconds();
        long[] expired = new long[1];
        long[] truncated = new long[1];
        for (Partition p : partitions) {
            p.removeIf(r -> !isLive(r, now), r -> {
                if (Record.isExpired(r, now)) {
                    expired[0]++;
                } else {
                    truncated[0]++;
                }
                accountSwap(r, null);
            });
        }
        stats.add(Counter.EXPIRED_OBJECTS, expired[0]);
        stats.add(Counter.TRUNCATED_RECORDS, truncated[0]);
        return expired[0] + truncated[0];
    }
}
