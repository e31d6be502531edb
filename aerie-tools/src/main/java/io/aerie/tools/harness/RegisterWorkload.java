package io.aerie.tools.harness;

import io.aerie.tools.harness.check.Outcome;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads, writes, compare-and-sets and durable deletes of small values on a few keys at a time.
 *
 * <p>Values come from a small range so that compare-and-sets succeed often; keys are replaced by fresh ones every
 * so many ops, since the cost of checking a key for linearizability grows quickly with its ops in doubt.
 */
final class RegisterWorkload implements Workload {
    /** Keys in use at once. */
    static final int KEYS = 5;

    /** Distinct values written and expected. */
    static final int VALUES = 5;

    private final String prefix;
    private final ClientOps ops;
    private final long opsPerKey;
    private final AtomicLong count = new AtomicLong();
    private final ConcurrentSkipListSet<String> used = new ConcurrentSkipListSet<>();

    /** Register ops on keys named {@code prefix} + number, each key retired after about {@code opsPerKey} ops. */
    RegisterWorkload(String prefix, ClientOps ops, long opsPerKey) {
        if (opsPerKey < 1) {
            throw new IllegalArgumentException("ops per key must be positive");
        }
        this.prefix = prefix;
        this.ops = ops;
        this.opsPerKey = opsPerKey;
    }

    @Override
    public WorkloadType type() {
        return WorkloadType.REGISTER;
    }

    @Override
    public Outcome step(int process, Random random) {
        long generation = count.getAndIncrement() / (KEYS * opsPerKey);
        String key = prefix + "r" + (generation * KEYS + random.nextInt(KEYS));
        used.add(key);
        // Reads, writes and compare-and-sets in equal parts, and now and then a durable delete.
        int pick = random.nextInt(10);
        if (pick == 9) {
            return ops.delete(process, key);
        }
        return switch (pick % 3) {
            case 0 -> ops.read(process, key);
            case 1 -> ops.write(process, key, random.nextInt(VALUES));
            default -> ops.cas(process, key, random.nextInt(VALUES), random.nextInt(VALUES));
        };
    }

    @Override
    public List<String> keys() {
        return List.copyOf(used);
    }

    @Override
    public Outcome finalRead(int process, String key) {
        return ops.read(process, key);
    }
}
