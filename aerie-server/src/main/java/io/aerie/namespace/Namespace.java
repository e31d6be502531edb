package io.aerie.namespace;

import io.aerie.config.DeviceStorageConfig;
import io.aerie.config.MemoryStorageConfig;
import io.aerie.config.NamespaceConfig;
import io.aerie.storage.Digest;
import io.aerie.storage.EntryArena;
import io.aerie.storage.IndexTables;
import io.aerie.storage.Partition;
import io.aerie.storage.Record;
import io.aerie.storage.device.CommitWait;
import io.aerie.storage.device.DeviceStore;
import io.aerie.util.CitrusleafEpoch;
import io.aerie.util.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A namespace on this node: its 4096 partitions, sets, bin names, statistics, memory accounting
 * and truncation points. Records that have expired or were truncated stay in the index until nsup
 * or the truncation sweep removes them, but {@link #isLive} hides them from every transaction at
 * once.
 */
public final class Namespace {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Namespace.class);
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
    private final LongAdder tombstones = new LongAdder();
    /** Tombstones per partition, for the master and replica counts; changed under each partition's lock. */
    private final java.util.concurrent.atomic.AtomicIntegerArray partitionTombstones =
            new java.util.concurrent.atomic.AtomicIntegerArray(Partition.COUNT);

    private volatile NamespaceConfig config;
    /** Records last updated at or before this (ms since 2010) are truncated; 0 = never. */
    private volatile long truncateLut;

    private volatile long evictVoidTime;
    /** The storage files every change is also written to; null for a namespace held in memory only. */
    private volatile @Nullable DeviceStore store;
    /** Whether the tomb raider may reap now; see {@link #reapTombstonesWhen}. */
    private volatile BooleanSupplier tombRaidAllowed = () -> true;

    /**
     * The device engine: the index holds stubs and the records live only on storage. Otherwise
     * records live in memory (with or without storage files behind them).
     */
    private final boolean recordsOnDevice;
    /** The device engine's off-heap index entries; null for memory namespaces. */
    private final @Nullable EntryArena arena;
    /** Open snapshots; while any is open, record arrays are never rewritten in place. */
    private final java.util.concurrent.atomic.AtomicInteger openSnapshots =
            new java.util.concurrent.atomic.AtomicInteger();

    private static final byte[] NO_SET = new byte[0];

    public Namespace(NamespaceConfig config, Clock clock) {
        this.name = config.name();
        this.config = config;
        this.clock = clock;
        this.recordsOnDevice = config.storage() instanceof DeviceStorageConfig;
        this.arena = recordsOnDevice ? new EntryArena() : null;
        for (int i = 0; i < Partition.COUNT; i++) {
            partitions[i] = new Partition(i, tables, arena);
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

    /** Live and not-yet-reaped records in the index, tombstones not counted. */
    public long objects() {
        return objects.sum();
    }

    /** Tombstones of durable deletes in the index, not yet reaped. */
    public long tombstones() {
        return tombstones.sum();
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
        int pct = config.stopWritesUsedPct();
        return pct > 0 && usedPct() >= pct;
    }

    /**
     * Data used as a percentage: of data-size for a memory namespace, of the files' space for the
     * device engine (live bytes, as Aerospike's {@code data_used_pct}).
     */
    public int usedPct() {
        DeviceStore s = store;
        if (recordsOnDevice) {
            return s == null ? 0 : s.usedPct();
        }
        long limit = dataSizeBytes();
        return (int) Math.min(100, usedBytes.sum() * 100 / Math.max(1, limit));
    }

    /** Share of the records with a TTL that one eviction round removes: Aerospike's evict-tenths-pct 5, in tenths of a percent. */
    private static final int EVICT_TENTHS_PCT = 5;
    /** Buckets of the void-time histogram eviction cuts at (Aerospike's evict-hist-buckets). */
    private static final int EVICT_HIST_BUCKETS = 10_000;

    /**
     * One round of eviction, as nsup runs it: when data use has reached {@code evict-used-pct},
     * removes the records nearest to expiry, about 0.5% of those with a TTL, cutting at a bucket of
     * a void-time histogram. Records without a TTL are never evicted. Like expiry, eviction
     * writes no tombstone. Returns the number of records evicted.
     */
    public long evict() {
        int pct = config.evictUsedPct();
        if (pct == 0 || usedPct() < pct) {
            return 0;
        }
        int now = nowSeconds();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long withTtl = 0;
        for (Partition p : partitions) {
            for (byte[] r : p.records()) {
                if (Record.voidTime(r) != 0 && isLive(r, now)) {
                    long v = Integer.toUnsignedLong(Record.voidTime(r));
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    withTtl++;
                }
            }
        }
        if (withTtl == 0) {
            return 0;
        }
        long width = Math.max(1, (max - min + EVICT_HIST_BUCKETS) / EVICT_HIST_BUCKETS);
        long[] histogram = new long[(int) ((max - min) / width) + 1];
        for (Partition p : partitions) {
            for (byte[] r : p.records()) {
                if (Record.voidTime(r) != 0 && isLive(r, now)) {
                    histogram[(int) ((Integer.toUnsignedLong(Record.voidTime(r)) - min) / width)]++;
                }
            }
        }
        long target = Math.max(1, withTtl * EVICT_TENTHS_PCT / 1000);
        long sum = 0;
        int bucket = 0;
        while (bucket < histogram.length - 1 && sum + histogram[bucket] < target) {
            sum += histogram[bucket++];
        }
        long cutoff = min + (bucket + 1) * width - 1;
        evictVoidTime = Math.max(evictVoidTime, cutoff);
        savePoints();
        return removeEvicted(cutoff);
    }

    /** Removes the records with a TTL that expire at or before {@code cutoff}; counts them as evicted. */
    private long removeEvicted(long cutoff) {
        long[] evicted = new long[1];
        for (Partition p : partitions) {
            p.removeIf(r -> Record.voidTime(r) != 0 && Integer.toUnsignedLong(Record.voidTime(r)) <= cutoff, r -> {
                evicted[0]++;
                accountSwap(r, null);
                DeviceStore s = store;
                if (s != null) {
                    s.forget(r, setNameBytes(r));
                }
            });
        }
        stats.add(Counter.EVICTED_OBJECTS, evicted[0]);
        return evicted[0];
    }

    /** The void-time at or before which the last eviction round removed records; 0 if none ran. */
    public long evictVoidTime() {
        return evictVoidTime;
    }

    /** Seconds since 2010, now. */
    public int nowSeconds() {
        return CitrusleafEpoch.seconds(clock.currentTimeMillis());
    }

    /** Milliseconds since 2010, now. */
    public long nowMillis() {
        return CitrusleafEpoch.millis(clock.currentTimeMillis());
    }

    /**
     * Attaches storage files: restores the truncation points they hold and replays their records
     * into the index (cold start). From then on every change to a record is also written to them.
     * Returns the number of entries read.
     */
    public long attachStore(DeviceStore s) {
        if (store != null) {
            throw new IllegalStateException("namespace " + name + " already has storage");
        }
        truncateLut = Math.max(truncateLut, s.truncateLut());
        for (Map.Entry<String, Long> e : s.setTruncates().entrySet()) {
            SetInfo set = sets.getOrCreate(e.getKey());
            if (set != null) {
                set.truncateAt(e.getValue());
            }
        }
        long entries = s.load(storageIndex());
        store = s;
        sweep();
        long evictedAt = s.evictVoidTime();
        if (evictedAt > 0) {
            // Records an eviction removed before the restart stay removed, as with Aerospike's evict void-time.
            evictVoidTime = evictedAt;
            removeEvicted(evictedAt);
        }
        return entries;
    }

    /** The storage files, or null for a namespace held in memory only. */
    public @Nullable DeviceStore store() {
        return store;
    }

    /** The index as storage sees it: for cold start and defragmentation. */
    public DeviceStore.Index storageIndex() {
        return new StorageIndex(this);
    }

    /** Why storage refuses writes now: one of {@link DeviceStore.Refusal}'s values. */
    public int storageRefusal() {
        DeviceStore s = store;
        return s == null ? DeviceStore.Refusal.NONE : s.refusal();
    }

    /**
     * Takes a consistent point-in-time snapshot of the namespace, or of one set: every partition is
     * locked at once for the instant it takes to copy its record references, so the snapshot holds
     * each record as the last write before that instant left it. Until it is closed, writes build
     * new record arrays instead of rewriting them in place and storage frees no block, so what it
     * refers to stays as it was.
     */
    public Snapshot snapshot(@Nullable String setName) {
        SetInfo set = setName == null ? null : sets.get(setName);
        openSnapshots.incrementAndGet();
        DeviceStore s = store;
        if (s != null) {
            s.pauseDefrag();
        }
        @SuppressWarnings("unchecked")
        java.util.List<byte[]>[] parts = new java.util.List[Partition.COUNT];
        long instant;
        long nsTruncate;
        Map<Integer, Long> setTruncates = new HashMap<>();
        for (Partition p : partitions) {
            p.lock();
        }
        try {
            instant = nowMillis();
            nsTruncate = truncateLut;
            for (SetInfo si : sets.all()) {
                setTruncates.put(si.id(), si.truncateLut());
            }
            for (int i = 0; i < Partition.COUNT; i++) {
                parts[i] = partitions[i].records();
            }
        } finally {
            for (int i = Partition.COUNT - 1; i >= 0; i--) {
                partitions[i].unlock();
            }
        }
        boolean emptySet = setName != null && set == null;
        return new Snapshot(this, set == null ? -1 : set.id(), emptySet, instant, nsTruncate, setTruncates, parts);
    }

    /** Called by {@link Snapshot#close()}. */
    void snapshotClosed() {
        DeviceStore s = store;
        if (s != null) {
            s.resumeDefrag();
        }
        openSnapshots.decrementAndGet();
    }

    /**
     * Whether a write may rewrite a record array in place: only in a namespace without storage files
     * (the device engine's reads hand out private copies and its index needs the stored length of
     * the version replaced; with files, the new version must be on storage before it is in the
     * index), and not while a snapshot is open.
     */
    public boolean inPlaceWritesAllowed() {
        return store == null && openSnapshots.get() == 0;
    }

    /**
     * Stores a record's new version, a new array, in the index and on the storage files, and
     * accounts for it; returns the entry it replaced. The caller holds the partition lock. On the
     * device engine the index takes the record's stub once the record is on storage.
     */
    public byte @Nullable [] install(Partition p, byte[] now, @Nullable CommitWait wait) {
        DeviceStore s = store;
        byte[] old;
        if (recordsOnDevice) {
            if (s == null) {
                throw new IllegalStateException("namespace " + name + " has no storage files attached");
            }
            old = p.get(Record.digest(now));
            int stored = s.write(old, old == null ? NO_SET : setNameBytes(old), now, setNameBytes(now), wait);
            p.put(Record.stub(now, Record.deviceAddress(now), stored));
        } else {
            if (s != null) {
                // On storage first: if the files are full, the index keeps the old version.
                old = p.get(Record.digest(now));
                s.write(old, old == null ? NO_SET : setNameBytes(old), now, setNameBytes(now), wait);
            }
            old = p.put(now);
        }
        accountSwap(old, now);
        return old;
    }

    /**
     * The largest record (in {@link Record}'s layout) the namespace's storage can hold in one write
     * block whatever its set, or {@link Integer#MAX_VALUE} without storage files.
     */
    public int maxStoredRecordLength() {
        DeviceStore s = store;
        return s == null ? Integer.MAX_VALUE : s.maxRecordLength(SetTable.MAX_NAME_LENGTH);
    }

    /** Whether the index holds stubs and records are read from storage (the device engine). */
    public boolean recordsOnDevice() {
        return recordsOnDevice;
    }

    /**
     * The record an index entry stands for: the entry itself, or for a stub the record read from
     * storage. Null when the record is gone (deleted meanwhile) or unreadable. Takes no lock: a
     * stub whose copy moved under the read is looked up again.
     */
    public byte @Nullable [] resolve(int partitionId, Digest d, byte @Nullable [] entry) {
        byte[] current = entry;
        int sameCopy = 0;
        for (int attempt = 0; current != null && Record.isStub(current); attempt++) {
            DeviceStore s = store;
            if (s == null || attempt >= MAX_RESOLVE_ATTEMPTS) {
                // Writers keep moving the record: give up rather than hold the thread.
                return null;
            }
            byte[] r = s.read(current, setNameBytes(current).length);
            if (r != null) {
                return r;
            }
            byte[] again = entry(partitionId, d);
            sameCopy = again != null && sameVersion(again, current) ? sameCopy + 1 : 0;
            if (sameCopy >= 3) {
                // The index still points at the copy after three reads: it is damaged on storage.
                stats.increment(Counter.CLIENT_READ_ERROR);
                LOG.warn(
                        "namespace {}: record {} is unreadable at storage address {}",
                        name,
                        d,
                        Long.toHexString(Record.deviceAddress(current)));
                return null;
            }
            current = again;
        }
        return current;
    }

    private static final int MAX_RESOLVE_ATTEMPTS = 100;

    /** Whether two stubs stand for the same stored version: same address, generation and last-update time. */
    private static boolean sameVersion(byte[] a, byte[] b) {
        return Record.deviceAddress(a) == Record.deviceAddress(b)
                && Record.generation(a) == Record.generation(b)
                && Record.lastUpdateTime(a) == Record.lastUpdateTime(b);
    }

    /** Writes a tombstone for a record just removed by a delete. The caller holds the partition lock. */
    public void persistDelete(byte[] removed, @Nullable CommitWait wait) {
        DeviceStore s = store;
        if (s != null) {
            s.delete(removed, setNameBytes(removed), nowMillis(), wait);
        }
    }

    /** The UTF-8 name of a record's set, empty for none. */
    public byte[] setNameBytes(byte[] r) {
        SetInfo s = sets.get(Record.setId(r));
        return s == null ? NO_SET : s.nameBytes();
    }

    /** Whether a stored record is visible to clients: current and not a tombstone. */
    public boolean isLive(byte[] r, int nowSeconds) {
        return !Record.isTombstone(r) && isCurrent(r, nowSeconds);
    }

    /**
     * Whether a stored version still counts: not expired, not truncated. A current tombstone hides
     * the record from clients but still takes part in replication, migration and conflict
     * resolution, so an older copy elsewhere cannot bring the record back.
     */
    public boolean isCurrent(byte[] r, int nowSeconds) {
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
        byte[] r = entry(partitionId, d);
        return r != null && Record.isStub(r) ? resolve(partitionId, d, r) : r;
    }

    /**
     * Starts loading what a write of the digest touches first, the partition's lock word and the
     * index entry, before the caller takes the lock. Taking it is an atomic update, which waits for
     * every load before it: loads issued here overlap with its cache miss instead of following it.
     * Returns a value of no meaning (whether an entry was found or the lock held), which the
     * caller may ignore: it only keeps the loads from being optimised away.
     */
    public boolean prefetch(Partition p, Digest d) {
        boolean locked = p.isLocked();
        return entry(p.id(), d) != null || locked;
    }

    /**
     * The record in the home slot of the digest's index table, which is most often the digest's
     * own, or null; null always on the device engine, whose index is off the heap. For looking
     * ahead only: it is not checked against the digest.
     */
    public byte @Nullable [] homeEntry(int partitionId, long mid, int lo) {
        return recordsOnDevice ? null : tables.homeEntry(partitionId, mid, lo);
    }

    /** The index entry under a digest: a record, or on the device engine a stub. */
    private byte @Nullable [] entry(int partitionId, Digest d) {
        return recordsOnDevice ? partitions[partitionId].get(d) : tables.lookup(partitionId, d.hi(), d.mid(), d.lo());
    }

    /** The device engine's off-heap index memory: entries in use and bytes reserved; null for memory namespaces. */
    public @Nullable EntryArena indexArena() {
        return arena;
    }

    /** The live record for a digest in partition {@code partitionId}, or null; touches no partition object. */
    public byte @Nullable [] getLive(int partitionId, Digest d, int nowSeconds) {
        byte[] e = entry(partitionId, d);
        if (e == null || Record.isTombstone(e)) {
            // A tombstone's stub says so itself: no need to read it from storage.
            return null;
        }
        byte[] r = Record.isStub(e) ? resolve(partitionId, d, e) : e;
        return r != null && isLive(r, nowSeconds) ? r : null;
    }

    /**
     * The generation of the current tombstone under a digest, or 0 when there is none: a record
     * created over a tombstone continues its generation, so that it wins against the copies the
     * durable delete outdated wherever generations decide.
     */
    public int tombstoneGeneration(int partitionId, Digest d, int nowSeconds) {
        byte[] e = entry(partitionId, d);
        return e != null && Record.isTombstone(e) && isCurrent(e, nowSeconds) ? Record.generation(e) : 0;
    }

    /** Accounts for a record replacing another (either may be null) in the index. */
    public void accountSwap(byte @Nullable [] old, byte @Nullable [] now) {
        long oldSize = old == null ? 0 : Record.memorySize(old);
        long newSize = now == null ? 0 : Record.memorySize(now);
        if (newSize != oldSize) {
            usedBytes.add(newSize - oldSize);
        }
        int oldObjects = old == null || Record.isTombstone(old) ? 0 : 1;
        int newObjects = now == null || Record.isTombstone(now) ? 0 : 1;
        if (newObjects != oldObjects) {
            objects.add(newObjects - oldObjects);
        }
        int tombstoneDelta =
                (now != null && Record.isTombstone(now) ? 1 : 0) - (old != null && Record.isTombstone(old) ? 1 : 0);
        if (tombstoneDelta != 0) {
            tombstones.add(tombstoneDelta);
            byte[] r = now != null ? now : java.util.Objects.requireNonNull(old);
            partitionTombstones.addAndGet(Digest.partitionId(r, 0), tombstoneDelta);
        }
        if (old != null && now != null && Record.setId(old) == Record.setId(now)) {
            SetInfo s = sets.get(Record.setId(now));
            if (s != null) {
                s.adjust(newObjects - oldObjects, newSize - oldSize);
            }
            return;
        }
        if (old != null) {
            SetInfo s = sets.get(Record.setId(old));
            if (s != null) {
                s.adjust(-oldObjects, -oldSize);
            }
        }
        if (now != null) {
            SetInfo s = sets.get(Record.setId(now));
            if (s != null) {
                s.adjust(newObjects, newSize);
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
        } else {
            SetInfo set = sets.getOrCreate(setName);
            if (set != null) {
                set.truncateAt(lutMillis);
            }
        }
        savePoints();
    }

    /** Persists the truncation and eviction points, so truncated and evicted records stay gone after a cold start. */
    private synchronized void savePoints() {
        DeviceStore s = store;
        if (s == null) {
            return;
        }
        Map<String, Long> setPoints = new HashMap<>();
        for (SetInfo set : sets.all()) {
            if (set.truncateLut() > 0) {
                setPoints.put(set.name(), set.truncateLut());
            }
        }
        s.savePoints(truncateLut, setPoints, evictVoidTime);
    }

    /** Namespace-wide truncation point (ms since 2010), 0 if never truncated. */
    public long truncateLut() {
        return truncateLut;
    }

    /**
     * Lets the tomb raider reap only while {@code allowed} holds; a node in a cluster passes "no
     * migrations pending", as Aerospike's tomb raider waits out migrations: a copy still to arrive
     * from a node that missed the durable delete would otherwise find no tombstone to lose to, and
     * the deleted record would come back.
     */
    public void reapTombstonesWhen(BooleanSupplier allowed) {
        this.tombRaidAllowed = allowed;
    }

    /**
     * Removes expired and truncated records, and tombstones {@code tomb-raider-eligible-age} old
     * (while no migrations are pending, see {@link #reapTombstonesWhen}),
     * from every partition. Called by nsup and after a truncate; returns the number removed.
     */
    public long sweep() {
        int now = nowSeconds();
        long nowMillis = nowMillis();
        long reapBefore = nowMillis - config.tombRaiderEligibleAgeSeconds() * 1000L;
        boolean reapTombstones = tombRaidAllowed.getAsBoolean();
        long[] expired = new long[1];
        long[] truncated = new long[1];
        long[] reaped = new long[1];
        for (Partition p : partitions) {
            p.removeIf(
                    r -> !isCurrent(r, now)
                            || (reapTombstones && Record.isTombstone(r) && Record.lastUpdateTime(r) <= reapBefore),
                    r -> {
                        DeviceStore s = store;
                        if (!isCurrent(r, now)) {
                            if (Record.isExpired(r, now)) {
                                expired[0]++;
                            } else {
                                truncated[0]++;
                            }
                            if (s != null) {
                                s.forget(r, setNameBytes(r));
                            }
                        } else {
                            // A tombstone past tomb-raider-eligible-age. Storage keeps a plain delete's
                            // tombstone in its place, so older copies on the files stay dead after a cold start.
                            reaped[0]++;
                            if (s != null) {
                                s.delete(r, setNameBytes(r), nowMillis, null);
                            }
                        }
                        accountSwap(r, null);
                    });
        }
        stats.add(Counter.EXPIRED_OBJECTS, expired[0]);
        stats.add(Counter.TRUNCATED_RECORDS, truncated[0]);
        return expired[0] + truncated[0] + reaped[0];
    }

    /**
     * A private copy of the current version under {@code d} (a record or a durable delete's
     * tombstone), to ship to another node (replication, migration), or null when there is none.
     * Copied under the partition lock, so an in-place write cannot tear it.
     */
    public byte @Nullable [] copyOf(int partitionId, Digest d) {
        byte[] r = lookup(partitionId, d);
        if (r == null || !isCurrent(r, nowSeconds())) {
            return null;
        }
        if (recordsOnDevice) {
            // Read from storage into a new array: already private.
            return r;
        }
        Partition p = partitions[partitionId];
        p.lock();
        try {
            byte[] now = p.get(d);
            return now == null ? null : now.clone();
        } finally {
            p.unlock();
        }
    }

    /**
     * Stores a version of a record that another node sent (a replica write or a migrated record)
     * when it wins conflict resolution against the local copy; returns whether it was stored.
     * {@code setName} is its set's UTF-8 name (empty for none); the array is taken over.
     */
    public boolean mergeIn(byte[] setName, byte[] incoming, @Nullable CommitWait wait) {
        if (Record.isExpired(incoming, nowSeconds())) {
            return false;
        }
        int setId = 0;
        if (setName.length > 0) {
            SetInfo set = sets.getOrCreate(new String(setName, java.nio.charset.StandardCharsets.UTF_8));
            if (set == null) {
                return false;
            }
            setId = set.id();
        }
        Record.setSetId(incoming, setId);
        Record.setDeviceAddress(incoming, 0);
        Digest d = Record.digest(incoming);
        Partition p = partitions[Digest.partitionId(incoming, 0)];
        p.lock();
        try {
            byte[] existing = p.get(d);
            if (existing != null
                    && isCurrent(existing, nowSeconds())
                    && !ConflictResolution.incomingWins(
                            config.conflictResolutionPolicy(), config.strongConsistency(), existing, incoming)) {
                return false;
            }
            install(p, incoming, wait);
            return true;
        } finally {
            p.unlock();
        }
    }

    /**
     * Removes a record that its master deleted, unless the local copy is newer than the one the
     * master removed (a replayed delete must not take a later write with it).
     */
    public boolean mergeDelete(Digest d, int generation, long lastUpdateTime, @Nullable CommitWait wait) {
        Partition p = partitions[d.partitionId()];
        p.lock();
        try {
            byte[] existing = p.get(d);
            if (existing == null) {
                return false;
            }
            if (Record.generation(existing) > generation || Record.lastUpdateTime(existing) > lastUpdateTime) {
                return false;
            }
            persistDelete(existing, wait);
            accountSwap(p.remove(d), null);
            return true;
        } finally {
            p.unlock();
        }
    }

    /** Drops every record of a partition this node no longer holds a copy of; returns how many. */
    public long dropPartition(int partitionId) {
        long[] dropped = new long[1];
        partitions[partitionId].removeIf(r -> true, r -> {
            dropped[0]++;
            accountSwap(r, null);
            DeviceStore s = store;
            if (s != null) {
                s.forget(r, setNameBytes(r));
            }
        });
        return dropped[0];
    }

    /** The digests of a partition's records, in digest order: what a migration walks. */
    public java.util.List<Digest> digests(int partitionId) {
        java.util.List<byte[]> rs = partitions[partitionId].recordsAfter(null);
        java.util.List<Digest> out = new java.util.ArrayList<>(rs.size());
        for (byte[] r : rs) {
            out.add(Record.digest(r));
        }
        return out;
    }

    /** Records in a partition's index, live or not yet reaped, tombstones included. */
    public int partitionSize(int partitionId) {
        return partitions[partitionId].size();
    }

    /** Tombstones in a partition's index. */
    public int partitionTombstones(int partitionId) {
        return partitionTombstones.get(partitionId);
    }
}
