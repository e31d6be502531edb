package io.aerie.storage.device;

import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace's storage files: every record write appends the record's new version to the file its
 * partition maps to, every delete appends a tombstone, and a cold start replays the files into the
 * index, the newest copy of each record winning. Records stay in memory as well (Aerospike 7's
 * memory engine with storage files); reads never touch the files.
 *
 * <p>"Newest" is the write order itself: the stamp of the block use an entry was written in, then
 * its offset in the block. A record maps to one file, so its copies are ordered by that file's
 * stamps, which only grow. That is exact where generation and last-update-time are not (a
 * generation wraps; a recreated record starts again at 1).
 *
 * <p>Defragmentation rewrites the live entries of blocks under {@code defrag-lwm-pct} through the
 * write stream and frees the blocks once the copies are durable. A tombstone moves with them while
 * some older block in use could still hold a copy of its record; after that it is dropped.
 */
public final class DeviceStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceStore.class);

    private final String namespace;
    private final List<DeviceWriter> writers;
    private final List<DeviceHeader> headers;
    private final int blockSize;
    private final long defragSleepNanos;
    private final Compression compression;
    private final int stopWritesAvailPct;
    private final long tombRaidPeriodNanos;
    private final int compressionLevel;
    private final java.util.concurrent.atomic.LongAdder plainBytes = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder storedBytes = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch defragStopped = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean started;
    private volatile @Nullable Index startedIndex;
    private volatile boolean warm;
    private final long fileSize;
    private volatile long defragReads;
    private final java.util.concurrent.atomic.LongAdder deviceReads = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder tombstonesDropped = new java.util.concurrent.atomic.LongAdder();
    /** Held while a block is defragmented, so a pause can wait for the one under way. */
    private final java.util.concurrent.locks.ReentrantLock defragLock = new java.util.concurrent.locks.ReentrantLock();
    /** Open snapshots: while any is open no block is freed, so every copy they refer to stays readable. */
    private final java.util.concurrent.atomic.AtomicInteger defragPauses =
            new java.util.concurrent.atomic.AtomicInteger();

    private volatile long coldStartMillis;

    /** What the store needs from the namespace's index. */
    public interface Index {
        /** The record stored under a digest, live or not (cold start: no concurrent writes). */
        byte @Nullable [] get(Digest digest);

        /**
         * Stores a record found on storage, whose set is {@code setName} ("" for none) and whose
         * stored form there takes {@code storedLength} bytes.
         */
        void put(byte[] record, String setName, int storedLength);

        /** Removes the record under a digest, if any. */
        void remove(Digest digest);

        /** Runs {@code action} under the digest's partition lock with the record stored (or null). */
        void withRecord(Digest digest, Consumer<byte @Nullable []> action);

        /** The UTF-8 set name of a stored record (empty for none). */
        byte[] setName(byte[] record);

        /** Calls {@code action} with every record in the index. */
        void forEach(Consumer<byte[]> action);

        /** Whether the index holds stubs (the device engine), which a warm restart can save and restore. */
        boolean holdsStubs();

        /** Warm restart: stores a saved stub whose set is {@code setName} ("" for none). */
        void putStub(byte[] stub, String setName);

        /**
         * Defragmentation moved {@code record}'s copy to {@code address}; the caller holds the
         * partition lock (inside {@link #withRecord}).
         */
        void relocated(byte[] record, long address);
    }

    /**
     * Storage settings, whichever storage-engine stanza gave them.
     *
     * @param files paths, in the namespace's file order
     * @param fileSize bytes per file; 0 for raw devices (their own size)
     * @param blockSize write-block size
     */
    public record Settings(
            List<String> files,
            long fileSize,
            int blockSize,
            int flushSize,
            int flushMaxMs,
            boolean commitToDevice,
            int defragLwmPct,
            int defragSleepUs,
            long maxWriteCache,
            long postWriteCache,
            Compression compression,
            int compressionLevel,
            int stopWritesAvailPct,
            long tombRaiderPeriodSeconds) {}

    private DeviceStore(String namespace, List<DeviceWriter> writers, List<DeviceHeader> headers, Settings s) {
        this.namespace = namespace;
        this.writers = writers;
        this.headers = headers;
        this.blockSize = s.blockSize();
        this.defragSleepNanos = TimeUnit.MICROSECONDS.toNanos(s.defragSleepUs());
        this.fileSize = s.fileSize();
        this.compression = s.compression();
        this.stopWritesAvailPct = s.stopWritesAvailPct();
        this.tombRaidPeriodNanos = TimeUnit.SECONDS.toNanos(s.tombRaiderPeriodSeconds());
        this.compressionLevel = s.compressionLevel();
    }

    /**
     * Opens (formatting new files) a namespace's storage files. Files that belong to another
     * namespace, another file order or another block size are refused with a message that says so.
     */
    public static DeviceStore open(String namespace, Settings s) {
        if (s.files().size() > DeviceAddress.MAX_FILES) {
            throw new IllegalArgumentException("namespace " + namespace + " has "
                    + s.files().size() + " storage files; at most " + DeviceAddress.MAX_FILES + " are allowed");
        }
        List<DeviceFile> files = new ArrayList<>();
        List<DeviceWriter> writers = new ArrayList<>();
        List<DeviceHeader> headers = new ArrayList<>();
        DeviceWriter.Settings ws = new DeviceWriter.Settings(
                Math.min(s.flushSize(), s.blockSize()),
                TimeUnit.MILLISECONDS.toNanos(s.flushMaxMs()),
                s.commitToDevice(),
                s.defragLwmPct(),
                s.maxWriteCache(),
                s.postWriteCache());
        try {
            for (int i = 0; i < s.files().size(); i++) {
                DeviceFile f = DeviceFile.open(Path.of(s.files().get(i)), s.fileSize(), s.blockSize());
                files.add(f);
                headers.add(header(namespace, f, i, s));
                writers.add(new DeviceWriter(i, f, ws));
            }
        } catch (RuntimeException e) {
            files.forEach(DeviceFile::close);
            throw e;
        }
        return new DeviceStore(namespace, writers, headers, s);
    }

    private static DeviceHeader header(String namespace, DeviceFile f, int index, Settings s) {
        DeviceHeader h = f.readHeader();
        if (h == null) {
            h = new DeviceHeader(namespace, index, s.files().size(), s.blockSize(), 1, 0, Map.of(), 0, 0);
            f.writeHeader(h);
            return h;
        }
        String where = "storage file " + f.path();
        if (!h.namespace().equals(namespace)) {
            throw new IllegalArgumentException(where + " belongs to namespace " + h.namespace() + ", not " + namespace);
        }
        if (h.fileIndex() != index || h.fileCount() != s.files().size()) {
            throw new IllegalArgumentException(where + " was file " + (h.fileIndex() + 1) + " of " + h.fileCount()
                    + " of namespace " + namespace + "; it is now configured as file " + (index + 1) + " of "
                    + s.files().size() + ", and Aerie cannot move records between files");
        }
        if (h.blockSize() != s.blockSize()) {
            throw new IllegalArgumentException(where + " was written with write blocks of " + h.blockSize()
                    + " bytes; the configuration now says " + s.blockSize());
        }
        return h;
    }

    public String namespace() {
        return namespace;
    }

    /** The namespace truncation point the files hold (ms since 2010). */
    public long truncateLut() {
        return newestHeader().truncateLut();
    }

    /** The set truncation points the files hold, by set name (ms since 2010). */
    public Map<String, Long> setTruncates() {
        return newestHeader().setTruncates();
    }

    private DeviceHeader newestHeader() {
        DeviceHeader best = headers.get(0);
        for (DeviceHeader h : headers) {
            if (h.version() > best.version()) {
                best = h;
            }
        }
        return best;
    }

    /** The eviction point the files hold: records expiring at or before it (seconds since 2010) were evicted. */
    public long evictVoidTime() {
        return newestHeader().evictVoidTime();
    }

    /** Persists the truncation and eviction points in every file's header, durably, before returning. */
    public synchronized void savePoints(long truncateLut, Map<String, Long> setTruncates, long evictVoidTime) {
        writeHeaders(truncateLut, setTruncates, evictVoidTime, 0);
    }

    /** Writes every file's header with a higher version, durably. */
    private synchronized void writeHeaders(
            long truncateLut, Map<String, Long> setTruncates, long evictVoidTime, long cleanToken) {
        DeviceHeader newest = newestHeader();
        for (int i = 0; i < headers.size(); i++) {
            DeviceHeader h = headers.get(i);
            DeviceHeader next = new DeviceHeader(
                    h.namespace(),
                    h.fileIndex(),
                    h.fileCount(),
                    h.blockSize(),
                    newest.version() + 1,
                    truncateLut,
                    setTruncates,
                    evictVoidTime,
                    cleanToken);
            writers.get(i).file().writeHeader(next);
            headers.set(i, next);
        }
    }

    // ---- cold start

    /**
     * Replays every file into {@code index}: the newest entry of each digest wins, tombstones keep
     * older copies out. Damaged entries are skipped and logged with their file, block and offset.
     * Returns the number of entries read. Call once, before the store takes writes.
     */
    public long load(Index index) {
        long start = System.nanoTime();
        if (warmStart(index)) {
            coldStartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return 0;
        }
        Map<Digest, long[]> tombstones = new HashMap<>();
        long entries = 0;
        byte[] buf = new byte[blockSize];
        for (DeviceWriter w : writers) {
            DeviceFile f = w.file();
            w.loadTable(f.readBlockTable());
            for (long b = f.firstBlock(); b < f.endBlock(); b++) {
                long stamp = w.stamp(b);
                if (stamp == 0) {
                    continue;
                }
                f.readBlock(b, buf);
                entries += BlockScan.scan(buf, buf.length, stamp, new Replay(w, b, index, tombstones));
            }
        }
        index.forEach(r -> {
            long a = Record.deviceAddress(r);
            writer(DeviceAddress.file(a))
                    .addLive(
                            DeviceAddress.block(a),
                            DeviceRecord.entrySize(index.setName(r).length, Record.storedLength(r)));
        });
        for (DeviceWriter w : writers) {
            w.startWriting();
        }
        coldStartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        LOG.info(
                "namespace {}: cold start read {} entries from {} storage files in {} ms ({} tombstones)",
                namespace,
                entries,
                writers.size(),
                coldStartMillis,
                tombstones.size());
        return entries;
    }

    /**
     * Takes the index image a clean shutdown saved, if the headers vouch for it: the index, live
     * bytes and dropped tombstones come from it instead of a read of every block. The headers'
     * token is cleared (durably) before the store takes writes, so the image is never used again.
     */
    private boolean warmStart(Index index) {
        DeviceHeader newest = newestHeader();
        long token = newest.cleanToken();
        Path image = IndexImage.pathFor(writers.get(0).file().path());
        IndexImage.Content c = null;
        boolean sameToken = headers.stream().allMatch(h -> h.cleanToken() == token);
        if (token != 0 && sameToken && index.holdsStubs()) {
            c = IndexImage.read(image, token);
        }
        if (c == null || c.live().length != writers.size()) {
            if (token != 0) {
                writeHeaders(newest.truncateLut(), newest.setTruncates(), newest.evictVoidTime(), 0);
            }
            IndexImage.delete(image);
            return false;
        }
        writeHeaders(newest.truncateLut(), newest.setTruncates(), newest.evictVoidTime(), 0);
        IndexImage.delete(image);
        for (int i = 0; i < writers.size(); i++) {
            DeviceWriter w = writers.get(i);
            w.loadTable(w.file().readBlockTable());
            w.loadLive(c.live()[i], c.dropped()[i]);
        }
        for (int i = 0; i < c.stubs().size(); i++) {
            int set = c.stubSets().get(i);
            index.putStub(c.stubs().get(i), set < 0 ? "" : c.setNames().get(set));
        }
        for (DeviceWriter w : writers) {
            w.startWriting();
        }
        warm = true;
        LOG.info(
                "namespace {}: warm restart took {} index entries from {}",
                namespace,
                c.stubs().size(),
                image);
        return true;
    }

    /** Saves the index image and marks the headers with its token: the next start may take it. */
    private void saveImage(Index index) {
        long token = new java.security.SecureRandom().nextLong() | 1;
        IndexImage.SetNames sets = new IndexImage.SetNames();
        List<byte[]> stubs = new ArrayList<>();
        index.forEach(stubs::add);
        int[][] live = new int[writers.size()][];
        long[][] dropped = new long[writers.size()][];
        for (int i = 0; i < writers.size(); i++) {
            live[i] = writers.get(i).liveSnapshot();
            dropped[i] = writers.get(i).droppedSnapshot();
        }
        Path image = IndexImage.pathFor(writers.get(0).file().path());
        try {
            List<Integer> setIds = new ArrayList<>(stubs.size());
            for (byte[] s : stubs) {
                setIds.add(sets.idOf(new String(index.setName(s), java.nio.charset.StandardCharsets.UTF_8)));
            }
            int[] next = {0};
            IndexImage.write(image, token, sets.names, live, dropped, stubs, s -> setIds.get(next[0]++));
        } catch (java.io.IOException e) {
            LOG.warn(
                    "namespace {}: index image not saved ({}); the next start is a cold start",
                    namespace,
                    e.toString());
            return;
        }
        DeviceHeader newest = newestHeader();
        writeHeaders(newest.truncateLut(), newest.setTruncates(), newest.evictVoidTime(), token);
        LOG.info("namespace {}: index of {} entries saved for a warm restart", namespace, stubs.size());
    }

    /** Applies one block's entries during cold start. */
    private final class Replay implements BlockScan.Visitor {
        private final DeviceWriter writer;
        private final long block;
        private final Index index;
        private final Map<Digest, long[]> tombstones;

        Replay(DeviceWriter writer, long block, Index index, Map<Digest, long[]> tombstones) {
            this.writer = writer;
            this.block = block;
            this.index = index;
            this.tombstones = tombstones;
        }

        @Override
        public void entry(byte[] buf, DeviceRecord.Entry e) {
            Digest d = Digest.of(buf, e.recordOffset());
            long address = DeviceAddress.of(writer.fileIndex(), block, e.position());
            if (e.tombstone()) {
                // Every tombstone counts as live until defragmentation looks at it, winner or not, as at run time.
                writer.addLive(block, e.size());
            }
            byte[] stored = index.get(d);
            long[] tomb = tombstones.get(d);
            long incumbent =
                    stored != null ? Record.deviceAddress(stored) : tomb != null ? tomb[0] : DeviceAddress.NONE;
            if (incumbent != DeviceAddress.NONE && !newer(address, incumbent)) {
                return;
            }
            if (e.tombstone()) {
                if (stored != null) {
                    index.remove(d);
                }
                tombstones.put(d, new long[] {address, e.size()});
                return;
            }
            byte[] r;
            try {
                r = e.codec().expand(buf, e.recordOffset(), e.recordLength());
            } catch (RuntimeException ex) {
                LOG.warn(
                        "namespace {}: {} block {} offset {}: record does not expand ({}); skipped",
                        namespace,
                        writer.file().path(),
                        block,
                        e.position(),
                        ex.toString());
                return;
            }
            if (r.length < Record.HEADER || Record.binsOffset(r) > r.length) {
                LOG.warn(
                        "namespace {}: {} block {} offset {}: record of {} bytes is malformed; skipped",
                        namespace,
                        writer.file().path(),
                        block,
                        e.position(),
                        r.length);
                return;
            }
            Record.setDeviceAddress(r, address);
            String set = new String(buf, e.setNameOffset(), e.setNameLength(), StandardCharsets.UTF_8);
            index.put(r, set, e.recordLength());
            if (tomb != null) {
                tombstones.remove(d);
            }
        }

        @Override
        public void damaged(int from, int to) {
            LOG.warn(
                    "namespace {}: {} block {} bytes {}..{} are damaged (checksum or framing); the records there are skipped",
                    namespace,
                    writer.file().path(),
                    block,
                    from,
                    to);
        }

        @Override
        public void trailing(int from) {
            LOG.info(
                    "namespace {}: {} block {}: unreadable bytes from offset {} on (a write torn by a crash, or leftovers); ignored",
                    namespace,
                    writer.file().path(),
                    block,
                    from);
        }
    }

    /** Whether the entry at {@code a} was written after the one at {@code b} (same file). */
    private boolean newer(long a, long b) {
        DeviceWriter w = writer(DeviceAddress.file(a));
        long sa = w.stamp(DeviceAddress.block(a));
        long sb = w.stamp(DeviceAddress.block(b));
        return sa != sb ? sa > sb : DeviceAddress.offset(a) > DeviceAddress.offset(b);
    }

    // ---- writes

    private DeviceWriter writer(int fileIndex) {
        return writers.get(fileIndex);
    }

    private DeviceWriter writerFor(byte[] record) {
        return writers.get(Digest.partitionId(record, 0) % writers.size());
    }

    /**
     * Appends {@code now}, the new version of a record whose previous index entry was {@code old}
     * (null if none; a stub or the record) in set {@code oldSet}; the old copy becomes dead and
     * {@code now} records its new address. The caller holds the partition lock. Returns the length
     * of the form stored (the record compressed, when that made it smaller).
     */
    public int write(byte @Nullable [] old, byte[] oldSet, byte[] now, byte[] set, @Nullable CommitWait wait) {
        long oldAddress = old == null ? DeviceAddress.NONE : Record.deviceAddress(old);
        int deadSize = oldAddress == DeviceAddress.NONE
                ? 0
                : DeviceRecord.entrySize(oldSet.length, Record.storedLength(Objects.requireNonNull(old)));
        DeviceWriter w = writerFor(now);
        if (oldAddress != DeviceAddress.NONE && DeviceAddress.file(oldAddress) != w.fileIndex()) {
            writer(DeviceAddress.file(oldAddress)).forget(oldAddress, deadSize);
            oldAddress = DeviceAddress.NONE;
        }
        byte[] stored = compression.compress(now, compressionLevel);
        int flags = DeviceRecord.codecFlag(compression.storedCodec(now, stored));
        long address = w.append(set, stored, flags, oldAddress, deadSize, wait, false);
        Record.setDeviceAddress(now, address);
        plainBytes.add(now.length);
        storedBytes.add(stored.length);
        return stored.length;
    }

    /**
     * Appends a tombstone for {@code old}, a record just removed from the index, so that no older copy
     * comes back at cold start. The caller holds the partition lock.
     */
    public void delete(byte[] old, byte[] set, long lastUpdateTime, @Nullable CommitWait wait) {
        byte[] tomb = Record.allocate(
                Record.digest(old), Record.nextGeneration(Record.generation(old)), 0, lastUpdateTime, 0, 0, 0, 0);
        long oldAddress = Record.deviceAddress(old);
        int deadSize =
                oldAddress == DeviceAddress.NONE ? 0 : DeviceRecord.entrySize(set.length, Record.storedLength(old));
        writerFor(old).append(set, tomb, DeviceRecord.TOMBSTONE, oldAddress, deadSize, wait, false);
    }

    /**
     * Reads the record a stub stands for from the post-write cache or the file; null when the copy
     * there is no longer that version (it moved or was replaced: look the stub up again) or fails
     * its checksum. {@code setNameLength} is the UTF-8 length of the record's set name.
     */
    public byte @Nullable [] read(byte[] stub, int setNameLength) {
        long a = Record.deviceAddress(stub);
        if (a == DeviceAddress.NONE) {
            return null;
        }
        int length = Record.storedLength(stub);
        int size = DeviceRecord.entrySize(setNameLength, length);
        DeviceWriter w = writer(DeviceAddress.file(a));
        long block = DeviceAddress.block(a);
        int offset = DeviceAddress.offset(a);
        if (offset + size > blockSize) {
            return null;
        }
        byte[] buf = new byte[size];
        if (!w.readCached(block, offset, buf, size)) {
            w.file().read(block, offset, buf, size);
            deviceReads.increment();
        }
        DeviceRecord.Entry e = new DeviceRecord.Entry();
        if (DeviceRecord.read(buf, 0, size, e) != DeviceRecord.Status.OK
                || e.tombstone()
                || e.recordLength() != length) {
            return null;
        }
        byte[] r;
        try {
            r = e.codec().expand(buf, e.recordOffset(), length);
        } catch (RuntimeException ex) {
            return null;
        }
        if (!Record.hasDigest(r, Record.digestHi(stub), Record.digestMid(stub), Record.digestLo(stub))
                || Record.generation(r) != Record.generation(stub)
                || Record.lastUpdateTime(r) != Record.lastUpdateTime(stub)) {
            return null;
        }
        Record.setSetId(r, Record.setId(stub));
        Record.setDeviceAddress(r, a);
        return r;
    }

    /** Marks a removed record's copy dead without a tombstone (expiry, truncation: cold start skips those anyway). */
    public void forget(byte[] old, byte[] set) {
        long a = Record.deviceAddress(old);
        if (a != DeviceAddress.NONE) {
            writer(DeviceAddress.file(a)).forget(a, DeviceRecord.entrySize(set.length, Record.storedLength(old)));
        }
    }

    /** Live bytes on the files as a percentage of their data blocks (Aerospike's {@code data_used_pct}). */
    public int usedPct() {
        long total = 0;
        long used = 0;
        for (DeviceWriter w : writers) {
            total += w.file().dataBlocks() * blockSize;
            used += w.usedBytes();
        }
        return total == 0 ? 0 : (int) (used * 100 / total);
    }

    /**
     * The largest record (in {@link Record}'s layout, before compression) that fits one write
     * block with a set name of {@code setNameLength} bytes.
     */
    public int maxRecordLength(int setNameLength) {
        return blockSize - DeviceRecord.SET_NAME - setNameLength - DeviceRecord.ALIGN;
    }

    /** Whether writes should be refused: a file is close to having no free block, or its write queue is full. */
    public int refusal() {
        for (DeviceWriter w : writers) {
            if (w.overloaded()) {
                return Refusal.OVERLOADED;
            }
            if (w.freeBlocks() < reserveBlocks(w, stopWritesAvailPct)) {
                return Refusal.FULL;
            }
        }
        return Refusal.NONE;
    }

    /** Why {@link #refusal()} refuses writes. */
    public static final class Refusal {
        public static final int NONE = 0;
        /** The write queue is over max-write-cache. */
        public static final int OVERLOADED = 1;
        /** Too few free blocks are left (stop-writes-avail-pct). */
        public static final int FULL = 2;

        private Refusal() {}
    }

    /** Free blocks kept back from client writes for defragmentation: stop-writes-avail-pct of the file's, at least 2. */
    private static long reserveBlocks(DeviceWriter w, int pct) {
        return Math.max(2, w.file().dataBlocks() * pct / 100);
    }

    // ---- background work

    /**
     * Starts the flushers and the defragmenter on {@code executor} (one long-running task each); the
     * defragmenter moves live records through {@code index}.
     */
    public void start(Executor executor, Index index) {
        startedIndex = index;
        for (DeviceWriter w : writers) {
            executor.execute(w::flushLoop);
        }
        started = true;
        executor.execute(() -> {
            try {
                defragLoop(index);
            } finally {
                defragStopped.countDown();
            }
        });
    }

    private void defragLoop(Index index) {
        byte[] buf = new byte[blockSize];
        long lastRaid = System.nanoTime();
        while (!closed) {
            boolean did = false;
            for (DeviceWriter w : writers) {
                defragLock.lock();
                try {
                    if (defragPauses.get() > 0 || closed) {
                        break;
                    }
                    Long b = w.pollDefrag();
                    if (b != null) {
                        did = true;
                        try {
                            defragBlock(w, b, index, buf);
                        } catch (RuntimeException e) {
                            // Out of free blocks, or the file failed: the block stays as it is; try later.
                            w.abandonDefrag();
                            LOG.warn(
                                    "namespace {}: defragmentation of block {} of {} stopped: {}",
                                    namespace,
                                    b,
                                    w.file().path(),
                                    e.toString());
                            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                        }
                    }
                } finally {
                    defragLock.unlock();
                }
                if (did && defragSleepNanos > 0) {
                    LockSupport.parkNanos(defragSleepNanos);
                }
            }
            if (!did) {
                if (System.nanoTime() - lastRaid > tombRaidPeriodNanos && !closed) {
                    lastRaid = System.nanoTime();
                    try {
                        raidTombstones();
                    } catch (RuntimeException e) {
                        LOG.warn("namespace {}: tomb raid stopped: {}", namespace, e.toString());
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    /**
     * Aerospike's tomb raider: drops the tombstones that hide nothing any more, so delete-heavy
     * loads do not fill the files with them. A tombstone hides nothing when a newer tombstone or
     * record of its digest exists, or when no older record copy of its digest is left in a block in
     * use (freed blocks are never read again). Reads every written block twice; returns the number
     * dropped. Runs beside writes; defragmentation waits for its last step.
     */
    public long raidTombstones() {
        long dropped = 0;
        for (DeviceWriter w : writers) {
            dropped += TombRaid.raid(w, blockSize, defragLock);
        }
        tombstonesDropped.add(dropped);
        return dropped;
    }

    /** Stops freeing blocks until {@link #resumeDefrag()}: a snapshot's stubs must stay readable. */
    public void pauseDefrag() {
        defragPauses.incrementAndGet();
        // Wait out a block being defragmented now: it may free blocks the snapshot's stubs point into.
        defragLock.lock();
        defragLock.unlock();
    }

    /** Ends one {@link #pauseDefrag()}. */
    public void resumeDefrag() {
        if (defragPauses.decrementAndGet() < 0) {
            throw new IllegalStateException("defragmentation resumed more often than paused");
        }
    }

    /** Moves a block's live entries to the write stream, waits until they are durable, frees it. */
    private boolean defragBlock(DeviceWriter w, long block, Index index, byte[] buf) {
        w.file().readBlock(block, buf);
        defragReads++;
        long stamp = w.stamp(block);
        CommitWait batch = new CommitWait();
        BlockScan.scan(buf, buf.length, stamp, new BlockScan.Visitor() {
            @Override
            public void entry(byte[] b, DeviceRecord.Entry e) {
                Digest d = Digest.of(b, e.recordOffset());
                long address = DeviceAddress.of(w.fileIndex(), block, e.position());
                int size = e.size();
                if (e.tombstone()) {
                    byte[] tomb =
                            java.util.Arrays.copyOfRange(b, e.recordOffset(), e.recordOffset() + e.recordLength());
                    byte[] set =
                            java.util.Arrays.copyOfRange(b, e.setNameOffset(), e.setNameOffset() + e.setNameLength());
                    index.withRecord(d, r -> {
                        if (w.takeDropped(address)) {
                            // The tomb raider dropped it: already dead, nothing to carry.
                            return;
                        }
                        if (r == null && !w.olderThanAnyOther(stamp, block)) {
                            w.append(set, tomb, e.flags(), address, size, batch, true);
                        } else {
                            w.forget(address, size);
                        }
                    });
                    return;
                }
                index.withRecord(d, r -> {
                    if (r != null && Record.deviceAddress(r) == address) {
                        // The entry is the record's current version: move its bytes as they are.
                        byte[] copy =
                                java.util.Arrays.copyOfRange(b, e.recordOffset(), e.recordOffset() + e.recordLength());
                        long moved = w.append(index.setName(r), copy, e.flags(), address, size, batch, true);
                        index.relocated(r, moved);
                    }
                });
            }

            @Override
            public void damaged(int from, int to) {}
        });
        batch.clear();
        w.sync();
        try {
            w.freeBlock(block);
            return true;
        } catch (IllegalStateException e) {
            LOG.error("namespace {}: {}; the block stays in use", namespace, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (started) {
            try {
                // The defragmenter waits on the flushers; let it finish its block before they stop.
                defragStopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (DeviceWriter w : writers) {
            w.close();
        }
        Index index = startedIndex;
        boolean healthy = writers.stream().allMatch(w -> w.failure() == null);
        if (index != null && index.holdsStubs() && healthy && fileSize > 0) {
            saveImage(index);
        }
        for (DeviceWriter w : writers) {
            w.file().close();
        }
    }

    // ---- statistics

    /** Statistics under Aerospike's names, for {@code namespace/NAME}. */
    public Map<String, Object> statistics() {
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        long total = 0;
        long used = 0;
        long free = 0;
        long writeQ = 0;
        long defragQ = 0;
        long user = 0;
        long defrag = 0;
        long blocksWritten = 0;
        long forces = 0;
        for (DeviceWriter w : writers) {
            total += w.file().dataBlocks() * blockSize;
            used += w.usedBytes();
            free += w.freeBlocks();
            writeQ += w.writeQueueBytes() / blockSize;
            defragQ += w.defragQueueSize();
            long[] c = w.counters();
            user += c[0];
            defrag += c[1];
            blocksWritten += c[2];
            forces += c[3];
        }
        s.put("data_total_bytes", total);
        s.put("data_used_bytes", used);
        s.put("data_used_pct", total == 0 ? 0 : used * 100 / total);
        s.put("data_avail_pct", total == 0 ? 0 : free * blockSize * 100 / total);
        s.put("free_wblocks", free);
        s.put("write_q", writeQ);
        s.put("defrag_q", defragQ);
        s.put("defrag_reads", defragReads);
        s.put("defrag_writes", defrag / Math.max(1, blockSize));
        s.put("writes", blocksWritten);
        s.put(
                "device_write_amplification",
                user == 0 ? "1.00" : String.format(java.util.Locale.ROOT, "%.2f", (double) (user + defrag) / user));
        long plain = plainBytes.sum();
        s.put(
                "data_compression_ratio",
                plain == 0
                        ? "1.000"
                        : String.format(java.util.Locale.ROOT, "%.3f", (double) storedBytes.sum() / plain));
        s.put("device_forces", forces);
        // Aerospike 7 reports these per device as well.
        for (DeviceWriter w : writers) {
            String p = "storage-engine.file[" + w.fileIndex() + "].";
            long[] c = w.counters();
            s.put(p + "used_bytes", w.usedBytes());
            s.put(p + "free_wblocks", w.freeBlocks());
            s.put(p + "write_q", w.writeQueueBytes() / blockSize);
            s.put(p + "defrag_q", w.defragQueueSize());
            s.put(p + "writes", c[2]);
        }
        s.put("device_reads", deviceReads.sum());
        s.put("tombstones_dropped", tombstonesDropped.sum());
        s.put("cold_start_ms", coldStartMillis);
        s.put("warm_restart", warm);
        return s;
    }
}
