package io.aerie.tools.harness;

import io.aerie.tools.harness.check.Outcome;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Appends of unique longs to a couple of list keys, and now and then a read of a whole list (one op in 20). */
final class SetWorkload implements Workload {
    /** Set keys. */
    static final int KEYS = 2;

    private static final int READ_ONE_IN = 20;

    private final List<String> keys;
    private final ClientOps ops;
    private final AtomicLong next = new AtomicLong();

    /** Set ops on keys named {@code prefix} + {@code s0}, {@code s1}. */
    SetWorkload(String prefix, ClientOps ops) {
        this.keys = java.util.stream.IntStream.range(0, KEYS)
                .mapToObj(i -> prefix + "s" + i)
                .toList();
        this.ops = ops;
    }

    @Override
    public WorkloadType type() {
        return WorkloadType.SET;
    }

    @Override
    public Outcome step(int process, Random random) {
        String key = keys.get(random.nextInt(keys.size()));
        return random.nextInt(READ_ONE_IN) == 0
                ? ops.readSet(process, key)
                : ops.append(process, key, next.getAndIncrement());
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public Outcome finalRead(int process, String key) {
        return ops.readSet(process, key);
    }
}
