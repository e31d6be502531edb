package io.aerie.tools.load;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Drives an Aerospike-protocol node through the official client, in the spirit of Aerospike's own
 * benchmark tool (same option letters where they exist), and prints throughput and latency
 * percentiles every interval and at the end.
 *
 * <pre>{@code bin/aerie-load -k 100000 -o 1024 -w RU,50 -z 16 -d 30}</pre>
 */
@Command(name = "aerie-load", description = "Load generator for Aerie and Aerospike nodes.")
public final class LoadTool implements Callable<Integer> {
    /** Only the long form: {@code -h} names the host, as in Aerospike's tools. */
    @Option(names = "--help", usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(
            names = {"-h", "--hosts"},
            description = "seed host (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(
            names = {"-p", "--port"},
            description = "seed port (default ${DEFAULT-VALUE})")
    int port = 3000;

    @Option(
            names = {"-S", "--start-key"},
            description = "first key (default ${DEFAULT-VALUE})")
    long startKey;

    @Option(
            names = {"-d", "--duration"},
            description = "measured seconds, RU only (default ${DEFAULT-VALUE})")
    int duration = 30;

    @Option(names = "--warmup", description = "seconds before measuring starts (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = {"-g", "--throughput"},
            description = "target total tps; 0 = unlimited (default ${DEFAULT-VALUE})")
    long targetTps;

    @Option(names = "--report-interval", description = "seconds between progress lines (default ${DEFAULT-VALUE})")
    int reportInterval = 1;

    @Mixin
    LoadShape shape = new LoadShape();

    @Option(names = "--json", paramLabel = "FILE", description = "also write the final summary as JSON")
    @Nullable
    Path json;

    private final PrintStream out;

    public LoadTool() {
        this(System.out);
    }

    LoadTool(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTool()).execute(args));
    }

    /** The validated plan the options describe. */
    LoadPlan plan() {
        return shape.plan(host, port, startKey, duration, warmup, targetTps, reportInterval);
    }

    @Override
    public Integer call() throws Exception {
        LoadPlan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            System.err.println("aerie-load: " + e.getMessage());
            return 2;
        }
        ClientPolicy cp = plan.clientPolicy();
        try (AerospikeClient client = new AerospikeClient(cp, plan.host(), plan.port())) {
            out.printf(
                    "aerie-load: %s:%d namespace=%s set=%s workload=%s keys=%d object-size=%d bins=%d threads=%d%n",
                    plan.host(),
                    plan.port(),
                    plan.namespace(),
                    plan.set(),
                    plan.workload(),
                    plan.keys(),
                    plan.objectSize(),
                    plan.bins(),
                    plan.threads());
            return new Run(plan, client, out).execute(json);
        }
    }

    /** One run: worker threads plus this thread reporting. */
    static final class Run {
        private final LoadPlan plan;
        private final AerospikeClient client;
        private final PrintStream out;
        private final OpStats writes = new OpStats("write");
        private final OpStats reads = new OpStats("read");
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong issued = new AtomicLong();
        private final long startNanos = System.nanoTime();

        Run(LoadPlan plan, AerospikeClient client, PrintStream out) {
            this.plan = plan;
            this.client = client;
            this.out = out;
        }

        int execute(@Nullable Path json) throws Exception {
            Thread[] workers = new Thread[plan.threads()];
            for (int t = 0; t < workers.length; t++) {
                int id = t;
                workers[t] = Thread.ofPlatform().name("load-" + t).start(() -> work(id));
            }
            boolean insert = plan.workload().insert();
            long warmupEnd = startNanos + TimeUnit.SECONDS.toNanos(plan.warmupSeconds());
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(plan.durationSeconds());
            long measureStart = insert ? startNanos : warmupEnd;
            long last = System.nanoTime();
            while (true) {
                long next = last + TimeUnit.SECONDS.toNanos(plan.reportIntervalSeconds());
                boolean done = waitUntil(next, workers, insert);
                long now = System.nanoTime();
                boolean measured = insert || last >= warmupEnd;
                writes.roll(measured);
                reads.roll(measured);
                out.println(Report.intervalLine(LocalTime.now(), (now - last) / 1e9, writes, reads)
                        + (measured ? "" : "  (warmup)"));
                last = now;
                if (done || (!insert && now >= end)) {
                    break;
                }
            }
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            writes.roll(true);
            reads.roll(true);
            double seconds = (System.nanoTime() - measureStart) / 1e9;
            out.println("summary over " + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " s:");
            out.println("  " + Report.summary(writes, seconds));
            out.println("  " + Report.summary(reads, seconds));
            long total = writes.total().getTotalCount() + reads.total().getTotalCount();
            out.println("  total  tps=" + Math.round(total / seconds));
            if (json != null) {
                Files.writeString(json, Report.json(plan, seconds, writes, reads) + "\n", StandardCharsets.UTF_8);
            }
            return writes.errors() + reads.errors() > 0 ? 1 : 0;
        }

        /** Sleeps until {@code deadline}; returns early (true) when insert workers have all finished. */
        private static boolean waitUntil(long deadline, Thread[] workers, boolean insert) throws InterruptedException {
            while (System.nanoTime() < deadline) {
                if (insert && allDone(workers)) {
                    return true;
                }
                Thread.sleep(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
            }
            return insert && allDone(workers);
        }

        private static boolean allDone(Thread[] workers) {
            for (Thread w : workers) {
                if (w.isAlive()) {
                    return false;
                }
            }
            return true;
        }

        private void work(int id) {
            SplittableRandom random = new SplittableRandom(0x5EEDL * (id + 1) ^ System.nanoTime());
            Bin[] record = plan.record(random);
            WritePolicy wp = plan.writePolicy();
            Policy rp = plan.readPolicy();
            if (plan.workload().insert()) {
                long[] slice = plan.insertSlice(id);
                for (long k = slice[0]; k < slice[1] && !stop.get(); k++) {
                    pace();
                    write(wp, new Key(plan.namespace(), plan.set(), k), record);
                }
                return;
            }
            while (!stop.get()) {
                pace();
                Key key = new Key(plan.namespace(), plan.set(), plan.keyFor(random.nextLong(plan.keys())));
                if (plan.workload().isRead(random.nextInt(100))) {
                    read(rp, key);
                } else {
                    write(wp, key, record);
                }
            }
        }

        private void write(WritePolicy wp, Key key, Bin[] record) {
            long t0 = System.nanoTime();
            try {
                client.put(wp, key, record);
                writes.success((System.nanoTime() - t0) / 1000);
            } catch (AerospikeException e) {
                fail(writes, e);
            }
        }

        private void read(Policy rp, Key key) {
            long t0 = System.nanoTime();
            try {
                client.get(rp, key);
                reads.success((System.nanoTime() - t0) / 1000);
            } catch (AerospikeException e) {
                fail(reads, e);
            }
        }

        private static void fail(OpStats stats, AerospikeException e) {
            if (e.getResultCode() == ResultCode.TIMEOUT || e instanceof AerospikeException.Timeout) {
                stats.timeout();
            } else {
                stats.error(e.getResultCode());
            }
        }

        /** Holds each operation to its slot when a throughput target is set. */
        private void pace() {
            if (plan.targetTps() <= 0) {
                return;
            }
            long n = issued.getAndIncrement();
            long due = startNanos + n * 1_000_000_000L / plan.targetTps();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
