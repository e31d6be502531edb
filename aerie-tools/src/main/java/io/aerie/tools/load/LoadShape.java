package io.aerie.tools.load;

import picocli.CommandLine.Option;

/**
 * The options that shape a load, shared by the load tool and the side-by-side comparison (as a
 * picocli mixin): which records, how big, what mix, how many threads, how long a command may take.
 */
public final class LoadShape {
    @Option(
            names = {"-n", "--namespace"},
            description = "namespace (default ${DEFAULT-VALUE})")
    String namespace = "test";

    @Option(
            names = {"-s", "--set"},
            description = "set (default ${DEFAULT-VALUE})")
    String set = "testset";

    @Option(
            names = {"-k", "--keys"},
            description = "number of keys (default ${DEFAULT-VALUE})")
    long keys = 100_000;

    @Option(
            names = {"-o", "--object-size"},
            description = "bytes of data per record (default ${DEFAULT-VALUE})")
    int objectSize = 1024;

    @Option(
            names = {"-b", "--bins"},
            description = "blob bins sharing the object size (default ${DEFAULT-VALUE})")
    int bins = 1;

    @Option(
            names = {"-w", "--workload"},
            description = "I (insert each key once) or RU,<read%%> (default ${DEFAULT-VALUE})")
    String workload = "RU,50";

    @Option(
            names = {"-z", "--threads"},
            description = "client threads (default ${DEFAULT-VALUE})")
    int threads = 16;

    @Option(
            names = {"-T", "--timeout"},
            description = "total timeout per command in ms (default ${DEFAULT-VALUE})")
    int timeoutMs = 1000;

    /**
     * The validated plan of this shape against {@code host:port}, with the rest of a run's
     * settings; IllegalArgumentException names what is wrong.
     */
    public LoadPlan plan(
            String host,
            int port,
            long startKey,
            int durationSeconds,
            int warmupSeconds,
            long targetTps,
            int reportIntervalSeconds) {
        return new LoadPlan(
                host,
                port,
                namespace,
                set,
                keys,
                startKey,
                objectSize,
                bins,
                Workload.parse(workload),
                threads,
                durationSeconds,
                warmupSeconds,
                timeoutMs,
                targetTps,
                reportIntervalSeconds);
    }
}
