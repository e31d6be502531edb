package io.aerie.tools.backup;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import com.aerospike.client.util.Unpacker;
import io.aerie.backup.AsbReader;
import io.aerie.backup.AsbRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Writes the records of a backup file through the official client, as {@code asrestore} does:
 * by default create-or-update with the backed-up generation expected to be greater than the
 * stored one (a newer record on the node wins and is counted as fresher); {@code --unique} creates
 * only, {@code --replace} replaces whole records, {@code --no-generation} skips the check. A record
 * whose void-time has passed is skipped as expired.
 */
final class Restore {
    /** How records are written. */
    enum Mode {
        /** asrestore's default: update, generation must be greater. */
        DEFAULT,
        /** {@code --unique}: create only. */
        UNIQUE,
        /** {@code --replace}: replace whole records. */
        REPLACE
    }

    /** Counts of a restore. */
    static final class Counts {
        final AtomicLong restored = new AtomicLong();
        final AtomicLong expired = new AtomicLong();
        final AtomicLong existed = new AtomicLong();
        final AtomicLong fresher = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile String firstError = "";
    }

    private static final AsbRecord END = new AsbRecord("", null, new byte[20], null, 0, 0, List.of());
    private static final long EPOCH_2010_SECONDS = 1_262_304_000L;

    private Restore() {}

    /**
     * Restores every record {@code reader} yields with {@code threads} writers. {@code nowSeconds}
     * gives the time (seconds since 1970) that expiry is judged against.
     */
    static Counts run(
            AerospikeClient client,
            AsbReader reader,
            Mode mode,
            boolean checkGeneration,
            int threads,
            LongSupplier nowSeconds,
            Runnable onRecord)
            throws InterruptedException {
        Counts counts = new Counts();
        BlockingQueue<AsbRecord> queue = new ArrayBlockingQueue<>(threads * 64);
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            writers[t] = new Thread(
                    () -> {
                        try {
                            for (AsbRecord r = queue.take(); r != END; r = queue.take()) {
                                write(client, r, mode, checkGeneration, nowSeconds, counts);
                                onRecord.run();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "aerie-restore-" + t);
            writers[t].start();
        }
        try {
            for (AsbRecord r = reader.next(); r != null; r = reader.next()) {
                queue.put(r);
            }
        } finally {
            for (int t = 0; t < threads; t++) {
                if (!queue.offer(END, 1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("restore writers stopped taking records");
                }
            }
            for (Thread w : writers) {
                w.join();
            }
        }
        return counts;
    }

    private static void write(
            AerospikeClient client,
            AsbRecord r,
            Mode mode,
            boolean checkGeneration,
            LongSupplier nowSeconds,
            Counts counts) {
        WritePolicy p = new WritePolicy();
        p.totalTimeout = 10_000;
        p.maxRetries = 2;
        p.recordExistsAction = switch (mode) {
            case DEFAULT -> RecordExistsAction.UPDATE;
            case UNIQUE -> RecordExistsAction.CREATE_ONLY;
            case REPLACE -> RecordExistsAction.REPLACE;
        };
        if (checkGeneration && mode != Mode.UNIQUE) {
            p.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
            p.generation = r.generation();
        }
        if (r.voidTime() == 0) {
            p.expiration = -1;
        } else {
            long left = r.voidTime() + EPOCH_2010_SECONDS - nowSeconds.getAsLong();
            if (left <= 0) {
                counts.expired.incrementAndGet();
                return;
            }
            p.expiration = (int) Math.min(Integer.MAX_VALUE, left);
        }
        Object k = r.key();
        p.sendKey = k != null;
        Key key = new Key(r.namespace(), r.digest(), r.set(), k == null ? null : keyValue(k));
        try {
            client.put(p, key, bins(r));
            counts.restored.incrementAndGet();
        } catch (AerospikeException e) {
            switch (e.getResultCode()) {
                case ResultCode.GENERATION_ERROR -> counts.fresher.incrementAndGet();
                case ResultCode.KEY_EXISTS_ERROR -> counts.existed.incrementAndGet();
                default -> {
                    if (counts.failed.incrementAndGet() == 1) {
                        counts.firstError = String.valueOf(e.getMessage());
                    }
                }
            }
        }
    }

    private static Value keyValue(Object k) {
        return switch (k) {
            case Long l -> Value.get(l);
            case Double d -> Value.get(d);
            case String s -> Value.get(s);
            case byte[] b -> Value.get(b);
            default -> throw new IllegalArgumentException("key of type " + k.getClass());
        };
    }

    private static Bin[] bins(AsbRecord r) {
        Bin[] bins = new Bin[r.bins().size()];
        for (int i = 0; i < bins.length; i++) {
            AsbRecord.Bin b = r.bins().get(i);
            bins[i] = new Bin(b.name(), value(b));
        }
        return bins;
    }

    /** The client value that writes a bin back with the particle type it was backed up with. */
    static Value value(AsbRecord.Bin b) {
        Object v = b.value();
        if (v == null) {
            return Value.getAsNull();
        }
        return switch (b.type()) {
            case 'I' -> Value.get((long) (Long) v);
            case 'D' -> Value.get((double) (Double) v);
            case 'Z' -> Value.get((boolean) (Boolean) v);
            case 'S', 'X' -> Value.get((String) v);
            case 'G' -> Value.getAsGeoJSON((String) v);
            case 'L' -> Value.get((List<?>) Unpacker.unpackObjectList((byte[]) v, 0, ((byte[]) v).length));
            case 'M' -> Value.get((Map<?, ?>) Unpacker.unpackObjectMap((byte[]) v, 0, ((byte[]) v).length));
            case 'Y' -> new Value.HLLValue((byte[]) v);
            case 'J' -> new Value.BytesValue((byte[]) v, 7);
            case 'C' -> new Value.BytesValue((byte[]) v, 8);
            case 'P' -> new Value.BytesValue((byte[]) v, 9);
            case 'R' -> new Value.BytesValue((byte[]) v, 10);
            case 'H' -> new Value.BytesValue((byte[]) v, 11);
            case 'E' -> new Value.BytesValue((byte[]) v, 12);
            default -> Value.get((byte[]) v);
        };
    }
}
