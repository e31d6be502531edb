package io.aerie.storage.device;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The write side of one storage file: the current write block, the blocks sealed but not yet
 * written, the free blocks, each block's stamp and live bytes, and the flusher that writes blocks
 * to the file and, for {@code commit-to-device}, forces them to stable storage and releases the
 * replies waiting on them.
 *
 * <p>Writers append under one lock. The flusher copies nothing: bytes below a block's used mark
 * never change, so it writes them outside the lock. Positions in the write stream ("tickets") are
 * counted in appended bytes; a ticket is durable once every byte appended before it is forced.
 * One force covers every append made while the previous one ran, which is the group commit.
 */
final class DeviceWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceWriter.class);

    private final int fileIndex;
    private final DeviceFile file;
    private final Settings settings;
    private final int blockSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    /** Per block index: stamp of its current use, 0 when free. */
    private final long[] stamps;
    /** Per block index: bytes of entries in it that are still the newest copy of something. */
    private final int[] live;

    private final ArrayDeque<Long> free = new ArrayDeque<>();
    /**
     * Sizes of {@link #free} and {@link #sealed} and the sum of {@link #live}, kept as they change
     * (under the lock) so that the check every client write makes reads them without the lock.
     */
    private volatile int freeCount;

    private volatile int sealedCount;
    private volatile long liveTotal;
    private final ArrayDeque<WriteBlock> sealed = new ArrayDeque<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final LinkedHashSet<Long> defragQueue = new LinkedHashSet<>();
    /** Blocks in use by stamp, oldest first: tells at once whether a block older than a tombstone is still in use. */
    private final java.util.TreeMap<Long, Long> inUse = new java.util.TreeMap<>();
    /** Addresses of tombstones the tomb raider dropped, until defragmentation reaches their blocks. */
    private final java.util.HashSet<Long> droppedTombstones = new java.util.HashSet<>();

    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
    /**
     * The post-write cache: buffers of the current block, of blocks waiting to be written and of
     * the most recently written ones, by block index. Readers copy from them without a lock; a
     * buffer recycled under a reader yields bytes that fail the reader's checks, and it reads again.
     */
    private final java.util.concurrent.ConcurrentHashMap<Long, byte[]> cached =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Written blocks still in the cache, oldest first. */
    private final ArrayDeque<Long> cachedWritten = new ArrayDeque<>();

    private final int postWriteBlocks;

    private @Nullable WriteBlock current;
    /** A free block the flusher made ready to be the next current one (its stamp in the table); -1 if none. */
    private long prepared = -1;
    /** Whether the flusher is syncing a prepared block's table entry now. */
    private boolean preparing;
    /** A block was opened while {@link #preparing}: the block being prepared has a stamp that is now too low. */
    private boolean preparedObsolete;
    /** The block being defragmented, -1 when none: it must not be queued again meanwhile. */
    private long defragging = -1;

    private long nextStamp = 1;
    private long appended;
    private volatile long durable;
    /** nanoTime of the oldest append to the current block not yet written; -1 when none. */
    private long pendingSince = -1;

    private long syncTarget;
    private boolean closed;
    private volatile @Nullable RuntimeException failure;
    private boolean loopRunning;
    private boolean loopEnded;

    private long userBytes;
    private long defragBytes;
    private long blocksWritten;
    private long forces;

    /** How the writer behaves; see {@code DeviceStorageConfig} for each parameter's meaning. */
    record Settings(
            int flushSize,
            long flushMaxNanos,
            boolean commitToDevice,
            int defragLwmPct,
            long maxWriteCache,
            long postWriteCache) {}

    DeviceWriter(int fileIndex, DeviceFile file, Settings settings) {
        this.fileIndex = fileIndex;
        this.file = file;
        this.settings = settings;
        this.blockSize = file.blockSize();
        this.stamps = new long[Math.toIntExact(file.endBlock())];
        this.live = new int[stamps.length];
        this.postWriteBlocks = (int) Math.min(stamps.length, settings.postWriteCache() / blockSize);
    }

    /**
     * Copies {@code len} bytes at {@code offset} of block {@code block} from the post-write cache
     * into {@code dst}; false when the block is not cached (read the file).
     */
    boolean readCached(long block, int offset, byte[] dst, int len) {
        byte[] buf = cached.get(block);
        if (buf == null || offset + len > buf.length) {
            return false;
        }
        System.arraycopy(buf, offset, dst, 0, len);
        return true;
    }

    int fileIndex() {
        return fileIndex;
    }

    DeviceFile file() {
        return file;
    }

    // ---- cold start

    /**
     * Cold start: takes the file's block table. Blocks with a positive stamp are in use; new stamps
     * start above every stamp the table records, freed blocks' included.
     */
    void loadTable(long[] table) {
        for (int b = (int) file.firstBlock(); b < stamps.length; b++) {
            stamps[b] = Math.max(0, table[b]);
            if (stamps[b] > 0) {
                inUse.put(stamps[b], (long) b);
            }
            nextStamp = Math.max(nextStamp, Math.abs(table[b]) + 1);
        }
    }

    /** The stamp of block {@code block}'s current use; 0 when free. */
    long stamp(long block) {
        return stamps[(int) block];
    }

    /** Cold start: an entry of {@code bytes} in {@code block} is the newest copy of its record. */
    void addLive(long block, int bytes) {
        live[(int) block] += bytes;
        liveTotal += bytes;
    }

    /** Cold start done: blocks without entries are free, thin ones go to defrag; opens a write block. */
    void startWriting() {
        lock.lock();
        try {
            for (long b = file.firstBlock(); b < file.endBlock(); b++) {
                if (stamps[(int) b] == 0) {
                    free.add(b);
                    freeCount = free.size();
                } else if (belowLowWater(b)) {
                    defragQueue.add(b);
                }
            }
            current = openBlock();
        } finally {
            lock.unlock();
        }
    }

    // ---- writes

    /**
     * Appends an entry for {@code record}, marks the copy at {@code deadAddress} (of {@code
     * deadSize} bytes; {@link DeviceAddress#NONE} for none) as dead, and returns the new entry's
     * address. Under {@code commit-to-device}, {@code wait} is told what to wait for; with no wait,
     * the call itself waits until the entry is durable.
     */
    long append(
            byte[] set,
            byte[] record,
            int flags,
            long deadAddress,
            int deadSize,
            @Nullable CommitWait wait,
            boolean relocation) {
        int size = DeviceRecord.entrySize(set.length, record.length);
        long ticket;
        long address;
        lock.lock();
        try {
            if (closed) {
                RuntimeException f = failure;
                throw f != null
                        ? new DeviceFullException("storage file " + file.path() + " failed: " + f)
                        : new IllegalStateException("storage file " + file.path() + " is closed");
            }
            if (size > blockSize) {
                throw new IllegalArgumentException(
                        "entry of " + size + " bytes is larger than a write block of " + blockSize);
            }
            WriteBlock block = current();
            int at = block.append(set, record, 0, record.length, flags);
            if (at < 0) {
                // Open the next block first: with none free, the current one stays open and nothing changes.
                WriteBlock next = openBlock();
                block.seal();
                sealed.add(block);
                sealedCount = sealed.size();
                block = next;
                current = next;
                at = block.append(set, record, 0, record.length, flags);
                assert at == 0 : "an entry that fits a block did not fit an empty one";
                work.signal();
            }
            // Only now that the new copy is appended is the old one dead.
            release(deadAddress, deadSize);
            if (pendingSince < 0) {
                pendingSince = System.nanoTime();
            }
            if (block.used() - block.flushedTo() >= settings.flushSize()) {
                work.signal();
            }
            live[(int) block.id()] += size;
            liveTotal += size;
            appended += size;
            ticket = appended;
            if (relocation) {
                defragBytes += size;
            } else {
                userBytes += size;
            }
            address = DeviceAddress.of(fileIndex, block.id(), at);
        } finally {
            lock.unlock();
        }
        if (settings.commitToDevice()) {
            if (wait != null) {
                wait.require(this, ticket);
            } else {
                awaitDurable(ticket);
            }
        }
        return address;
    }

    /** Marks the entry of {@code size} bytes at {@code address} dead (none for {@link DeviceAddress#NONE}). */
    void forget(long address, int size) {
        lock.lock();
        try {
            release(address, size);
        } finally {
            lock.unlock();
        }
    }

    private void release(long address, int size) {
        if (address == DeviceAddress.NONE) {
            return;
        }
        assert DeviceAddress.file(address) == fileIndex : "address of file " + DeviceAddress.file(address);
        int b = (int) DeviceAddress.block(address);
        live[b] -= size;
        liveTotal -= size;
        assert live[b] >= 0 : "block " + b + " of " + file.path() + " has " + live[b] + " live bytes";
        if (b != defragging && isWritten(b) && belowLowWater(b)) {
            defragQueue.add((long) b);
        }
    }

    private boolean belowLowWater(long block) {
        return (long) live[(int) block] * 100 < (long) settings.defragLwmPct() * blockSize;
    }

    /** Whether a block in use is wholly on the file: neither the current block nor waiting to be written. */
    private boolean isWritten(long block) {
        if (stamps[(int) block] == 0 || (current != null && current.id() == block)) {
            return false;
        }
        for (WriteBlock s : sealed) {
            if (s.id() == block) {
                return false;
            }
        }
        return true;
    }

    private WriteBlock current() {
        WriteBlock c = current;
        if (c == null) {
            throw new IllegalStateException("storage file " + file.path() + " is not open for writes");
        }
        return c;
    }

    /**
     * The next current block. The flusher prepares one ahead (its table entry written and synced
     * outside the lock), so a writer that fills a block rarely waits for a sync. Stamps must rise in
     * the order blocks become current: a block opened here while a preparation is still syncing
     * gets a higher stamp, so that preparation is discarded when it ends.
     */
    private WriteBlock openBlock() {
        if (preparing) {
            preparedObsolete = true;
        }
        long b;
        long stamp;
        if (prepared >= 0) {
            b = prepared;
            stamp = stamps[(int) b];
            prepared = -1;
            work.signal();
        } else {
            Long f = free.poll();
            freeCount = free.size();
            if (f == null) {
                throw new DeviceFullException("storage file " + file.path() + " has no free write block");
            }
            b = f;
            stamp = nextStamp++;
            // The table names the block's use before any of its entries can be acknowledged.
            file.writeBlockStamp(b, stamp);
            stamps[(int) b] = stamp;
            inUse.put(stamp, b);
        }
        byte[] buf = spare.poll();
        WriteBlock block = buf == null ? new WriteBlock(b, stamp, blockSize) : new WriteBlock(b, stamp, buf);
        cached.put(b, block.bytes());
        return block;
    }

    /** Takes a free block, gives it the next stamp and syncs that to the block table, outside the lock. */
    private void prepareNext() {
        long b;
        long stamp;
        lock.lock();
        try {
            Long f = prepared < 0 && !closed ? free.poll() : null;
            freeCount = free.size();
            if (f == null) {
                return;
            }
            b = f;
            stamp = nextStamp++;
            stamps[(int) b] = stamp;
            inUse.put(stamp, b);
            preparing = true;
        } finally {
            lock.unlock();
        }
        try {
            file.writeBlockStamp(b, stamp);
        } finally {
            lock.lock();
            try {
                preparing = false;
                if (preparedObsolete) {
                    // Its table entry names a use that never began; it is rewritten before the block's next use.
                    preparedObsolete = false;
                    inUse.remove(stamp);
                    stamps[(int) b] = 0;
                    free.add(b);
                    freeCount = free.size();
                } else {
                    prepared = b;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- durability

    /**
     * Calls {@code done} once the write stream is durable up to {@code ticket} (with true), or once
     * the file has failed and it never will be (with false).
     */
    void whenDurable(long ticket, CommitWait.Callback done) {
        if (durable >= ticket) {
            done.done(true);
            return;
        }
        boolean ok;
        lock.lock();
        try {
            if (durable < ticket && !loopEnded) {
                waiters.add(new Waiter(ticket, done));
                work.signal();
                return;
            }
            ok = failure == null && durable >= ticket;
        } finally {
            lock.unlock();
        }
        done.done(ok);
    }

    /** Blocks until the write stream is durable up to {@code ticket}; throws if the file failed first. */
    void awaitDurable(long ticket) {
        CountDownLatch latch = new CountDownLatch(1);
        boolean[] ok = new boolean[1];
        whenDurable(ticket, durableNow -> {
            ok[0] = durableNow;
            latch.countDown();
        });
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for storage", e);
        }
        if (!ok[0]) {
            throw new DeviceFullException("storage file " + file.path() + " failed: " + failure);
        }
    }

    /** The error that stopped the flusher, or null while the file works. */
    @Nullable
    RuntimeException failure() {
        return failure;
    }

    /**
     * The flusher met an I/O error: no more appends are taken and every waiter is told its writes
     * will not become durable (their replies are not sent), instead of waiting for ever.
     */
    private void fail(RuntimeException e) {
        List<Waiter> abandoned;
        lock.lock();
        try {
            failure = e;
            closed = true;
            loopEnded = true;
            abandoned = new ArrayList<>(waiters);
            waiters.clear();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.error("storage file {} failed; it takes no more writes", file.path(), e);
        for (Waiter w : abandoned) {
            notify(w.done, false);
        }
    }

    private static void notify(CommitWait.Callback callback, boolean durable) {
        try {
            callback.done(durable);
        } catch (RuntimeException e) {
            // A waiter that cannot take the news (its connection's event loop stopped) must not stop the flusher.
            LOG.warn("a durability callback failed: {}", e.toString());
        }
    }

    /** Writes and forces everything appended so far; returns once it is durable. */
    void sync() {
        long target;
        lock.lock();
        try {
            target = appended;
            syncTarget = Math.max(syncTarget, target);
            work.signal();
        } finally {
            lock.unlock();
        }
        awaitDurable(target);
    }

    /**
     * The flusher: writes sealed blocks, whole flush-size steps of the current block, and the rest
     * of it when {@code flush-max-ms} has passed or someone waits for durability; forces when
     * someone waits. Returns after {@link #close()}, once everything is written.
     */
    void flushLoop() {
        lock.lock();
        try {
            loopRunning = true;
        } finally {
            lock.unlock();
        }
        while (true) {
            Plan plan;
            lock.lock();
            try {
                plan = plan();
                while (plan == null) {
                    if (closed) {
                        loopEnded = true;
                        progress.signalAll();
                        return;
                    }
                    if (prepared < 0 && !free.isEmpty() && current != null) {
                        break;
                    }
                    long waitNanos = pendingSince < 0
                            ? TimeUnit.MILLISECONDS.toNanos(100)
                            : Math.max(1, pendingSince + settings.flushMaxNanos() - System.nanoTime());
                    work.awaitNanos(waitNanos);
                    plan = plan();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (plan == null) {
                try {
                    prepareNext();
                } catch (RuntimeException e) {
                    fail(e);
                    return;
                }
                continue;
            }
            try {
                for (Range r : plan.ranges) {
                    file.write(r.block.id(), r.from, r.block.bytes(), r.from, r.to);
                }
                if (plan.force) {
                    file.force();
                }
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            for (CommitWait.Callback r : finish(plan)) {
                notify(r, true);
            }
        }
    }

    private record Range(WriteBlock block, int from, int to) {}

    private record Plan(List<Range> ranges, long target, boolean force) {}

    private @Nullable Plan plan() {
        List<Range> ranges = new ArrayList<>();
        for (WriteBlock s : sealed) {
            ranges.add(new Range(s, s.flushedTo(), s.used()));
        }
        WriteBlock c = current;
        boolean wantDurable = !waiters.isEmpty() || syncTarget > durable;
        boolean due = pendingSince >= 0 && System.nanoTime() - pendingSince >= settings.flushMaxNanos();
        long target = appended;
        if (c != null) {
            int limit = c.flushLimit(settings.flushSize(), wantDurable || due || closed);
            if (limit > c.flushedTo()) {
                ranges.add(new Range(c, c.flushedTo(), limit));
            }
            target -= c.used() - limit;
        }
        boolean force = wantDurable && target > durable;
        if (ranges.isEmpty() && !force) {
            return null;
        }
        return new Plan(ranges, target, force);
    }

    private List<CommitWait.Callback> finish(Plan plan) {
        List<CommitWait.Callback> ready = new ArrayList<>();
        lock.lock();
        try {
            for (Range r : plan.ranges) {
                r.block.markFlushed(r.to);
                if (r.block.sealed() && r.to == r.block.used()) {
                    sealed.remove(r.block);
                    sealedCount = sealed.size();
                    blocksWritten++;
                    cachedWritten.add(r.block.id());
                    while (cachedWritten.size() > postWriteBlocks) {
                        byte[] evicted = cached.remove(cachedWritten.poll());
                        if (evicted != null && spare.size() < 2) {
                            spare.add(evicted);
                        }
                    }
                    if (belowLowWater(r.block.id())) {
                        defragQueue.add(r.block.id());
                    }
                }
            }
            WriteBlock c = current;
            if (c != null && c.flushedTo() == c.used()) {
                pendingSince = -1;
            }
            if (plan.force) {
                forces++;
                durable = Math.max(durable, plan.target);
                while (!waiters.isEmpty() && waiters.peek().ticket <= durable) {
                    ready.add(waiters.poll().done);
                }
            }
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        return ready;
    }

    private record Waiter(long ticket, CommitWait.Callback done) implements Comparable<Waiter> {
        @Override
        public int compareTo(Waiter o) {
            return Long.compare(ticket, o.ticket);
        }
    }

    // ---- defragmentation

    /** The next block to defragment, or null if none is queued. */
    @Nullable
    Long pollDefrag() {
        lock.lock();
        try {
            var it = defragQueue.iterator();
            while (it.hasNext()) {
                Long b = it.next();
                it.remove();
                if (isWritten(b) && belowLowWater(b)) {
                    defragging = b;
                    return b;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Every block's live bytes, for the index image of a clean shutdown. */
    int[] liveSnapshot() {
        lock.lock();
        try {
            return live.clone();
        } finally {
            lock.unlock();
        }
    }

    /** The addresses of tombstones the tomb raider dropped, for the index image. */
    long[] droppedSnapshot() {
        lock.lock();
        try {
            return droppedTombstones.stream().mapToLong(Long::longValue).toArray();
        } finally {
            lock.unlock();
        }
    }

    /** Warm restart: live bytes and dropped tombstones as the index image saved them. */
    void loadLive(int[] savedLive, long[] dropped) {
        lock.lock();
        try {
            System.arraycopy(savedLive, 0, live, 0, Math.min(savedLive.length, live.length));
            long total = 0;
            for (int v : live) {
                total += v;
            }
            liveTotal = total;
            for (long a : dropped) {
                droppedTombstones.add(a);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Written blocks in use (neither current nor waiting to be written), with their stamps: [block, stamp] pairs. */
    List<long[]> writtenBlocks() {
        lock.lock();
        try {
            List<long[]> out = new ArrayList<>();
            for (var e : inUse.entrySet()) {
                if (isWritten(e.getValue())) {
                    out.add(new long[] {e.getValue(), e.getKey()});
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops a tombstone found to hide nothing: its bytes stop counting as live, and defragmentation
     * will not carry it forward. Ignored if its block is no longer the use stamped {@code stamp}.
     */
    boolean dropTombstone(long address, int size, long stamp) {
        lock.lock();
        try {
            long block = DeviceAddress.block(address);
            if (stamps[(int) block] != stamp || !droppedTombstones.add(address)) {
                return false;
            }
            release(address, size);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the tombstone at {@code address} was dropped; defragmentation then forgets it without releasing it again. */
    boolean takeDropped(long address) {
        lock.lock();
        try {
            return droppedTombstones.remove(address);
        } finally {
            lock.unlock();
        }
    }

    /** The block taken for defragmentation was not freed; it may be queued again. */
    void abandonDefrag() {
        lock.lock();
        try {
            defragging = -1;
        } finally {
            lock.unlock();
        }
    }

    /** Live bytes left in a block. */
    int liveBytes(long block) {
        lock.lock();
        try {
            return live[(int) block];
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a tombstone stamped {@code stamp} in block {@code block} still guards against an
     * older copy: some other block in use was written before it.
     */
    boolean olderThanAnyOther(long stamp, long block) {
        lock.lock();
        try {
            // The two oldest blocks in use: one of them is not {@code block}.
            for (var e : inUse.entrySet()) {
                if (e.getValue() != block) {
                    return e.getKey() > stamp;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frees a defragmented block: its live copies are already rewritten and durable. The block
     * table marks it free on the file first, so a cold start never reads its stale entries again.
     */
    void freeBlock(long block) {
        int left = liveBytes(block);
        if (left != 0) {
            lock.lock();
            try {
                defragging = -1;
            } finally {
                lock.unlock();
            }
            throw new IllegalStateException("block " + block + " of " + file.path() + " still has " + left
                    + " live bytes after defragmentation");
        }
        file.writeBlockStamp(block, -stamp(block));
        lock.lock();
        try {
            assert !free.contains(block) : "block " + block + " freed twice";
            inUse.remove(stamps[(int) block]);
            stamps[(int) block] = 0;
            free.add(block);
            freeCount = free.size();
            defragging = -1;
            if (cachedWritten.remove(block)) {
                cached.remove(block);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- state

    /** Free blocks, not counting the current one. */
    int freeBlocks() {
        return freeCount;
    }

    /** Bytes of sealed blocks waiting to be written. */
    long writeQueueBytes() {
        return (long) sealedCount * blockSize;
    }

    /** Whether writes should be refused: the write queue is over {@code max-write-cache}, or the file failed. */
    boolean overloaded() {
        return failure != null || writeQueueBytes() > settings.maxWriteCache();
    }

    int defragQueueSize() {
        lock.lock();
        try {
            return defragQueue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of live entries in every block. */
    long usedBytes() {
        return liveTotal;
    }

    /** Counters: user bytes, defrag bytes, blocks written, forces. */
    long[] counters() {
        lock.lock();
        try {
            return new long[] {userBytes, defragBytes, blocksWritten, forces};
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking appends, writes and forces what is buffered, and waits for the flusher to end. */
    void close() {
        boolean running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            syncTarget = Math.max(syncTarget, appended);
            closed = true;
            running = loopRunning;
            work.signal();
        } finally {
            lock.unlock();
        }
        if (!running) {
            // No flusher was ever started: write what is buffered from here.
            flushLoop();
            return;
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!loopEnded && System.nanoTime() < deadline) {
                progress.awaitNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
