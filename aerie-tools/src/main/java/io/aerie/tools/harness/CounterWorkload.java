package io.aerie.tools.harness;

import io.aerie.tools.harness.check.Outcome;
import java.util.List;
import java.util.Random;

/** Increments of 1 and reads on a couple of counter keys; three ops in four are increments. */
final class CounterWorkload implements Workload {
    /** Counter keys. */
    static final int KEYS = 2;

    private final List<String> keys;
    private final ClientOps ops;

    /** Counter ops on keys named {@code prefix} + {@code c0}, {@code c1}. */
    CounterWorkload(String prefix, ClientOps ops) {
        this.keys = java.util.stream.IntStream.range(0, KEYS)
                .mapToObj(i -> prefix + "c" + i)
                .toList();
        this.ops = ops;
    }

    @Override
    public WorkloadType type() {
        return WorkloadType.COUNTER;
    }

    @Override
    public Outcome step(int process, Random random) {
        String key = keys.get(random.nextInt(keys.size()));
        return random.nextInt(4) == 0 ? ops.read(process, key) : ops.add(process, key, 1);
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public Outcome finalRead(int process, String key) {
        return ops.read(process, key);
    }
}
