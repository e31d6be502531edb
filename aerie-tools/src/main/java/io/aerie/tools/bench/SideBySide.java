package io.aerie.tools.bench;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.tools.load.LoadPlan;
import io.aerie.tools.load.LoadShape;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Compares two nodes under one client load, side by side: one client process, its threads all
 * driving the yardstick (the null node) or the subject (Aerie) and switching together every slice,
 * in the order yardstick-subject, subject-yardstick, ... so that each pair of slices sees the same
 * machine. Separate load-tool runs, each in a fresh JVM, swung 10% and more from one to the next
 * here; the ratio of a pair does not.
 *
 * <pre>{@code bin/aerie-compare --yardstick-port 3100 -p 3000 -k 100000 -o 1024 -w RU,50 -z 16}</pre>
 */
@Command(name = "aerie-compare", description = "Throughput of a node against a yardstick node, in alternating slices.")
public final class SideBySide implements Callable<Integer> {
    private static final int YARDSTICK = 0;
    private static final int SUBJECT = 1;

    @Option(names = "--help", usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = "--host", description = "host of both nodes (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--yardstick-port", description = "port of the yardstick node (default ${DEFAULT-VALUE})")
    int yardstickPort = 3100;

    @Option(
            names = {"-p", "--port"},
            description = "port of the node measured (default ${DEFAULT-VALUE})")
    int port = 3000;

    @Option(names = "--slice", description = "measured seconds per slice (default ${DEFAULT-VALUE})")
    double sliceSeconds = 3;

    @Option(names = "--settle-ms", description = "unmeasured ms after each switch (default ${DEFAULT-VALUE})")
    int settleMs = 300;

    @Option(names = "--pairs", description = "measured pairs of slices (default ${DEFAULT-VALUE})")
    int pairs = 20;

    @Option(
            names = "--warmup",
            description = "seconds of alternating, unmeasured load first (default ${DEFAULT-VALUE})")
    int warmupSeconds = 10;

    @Mixin
    LoadShape shape = new LoadShape();

    @Option(names = "--yardstick-pid", description = "the yardstick's process, to report its CPU per request")
    long yardstickPid;

    @Option(names = "--subject-pid", description = "the subject's process, to report its CPU per request")
    long subjectPid;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
    @Nullable
    Path json;

    private final PrintStream out;

    public SideBySide() {
        this(System.out);
    }

    SideBySide(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SideBySide()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadPlan plan;
        try {
            plan = shape.plan(host, port, 0, 1, warmupSeconds, 0, 1);
            if (plan.workload().insert()) {
                throw new IllegalArgumentException("only a read/update workload compares; load the keys first");
            }
            if (!(sliceSeconds > 0) || settleMs < 0 || pairs < 1 || warmupSeconds < 0) {
                throw new IllegalArgumentException("slice must be positive, pairs at least 1, settle and warmup >= 0");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("aerie-compare: " + e.getMessage());
            return 2;
        }
        ClientPolicy cp = plan.clientPolicy();
        try (AerospikeClient yardstick = new AerospikeClient(cp, host, yardstickPort);
                AerospikeClient subject = new AerospikeClient(cp, host, port)) {
            out.printf(
                    "aerie-compare: yardstick %s:%d, subject %s:%d, workload=%s keys=%d object-size=%d bins=%d"
                            + " threads=%d, %d pairs of %.1f s slices%n",
                    host,
                    yardstickPort,
                    host,
                    port,
                    plan.workload(),
                    plan.keys(),
                    plan.objectSize(),
                    plan.bins(),
                    plan.threads(),
                    pairs,
                    sliceSeconds);
            Drive drive = new Drive(plan, new AerospikeClient[] {yardstick, subject});
            try {
                PairedRatio result = drive.run(this);
                out.println(result.summary());
                out.println(drive.cpuSummary(this));
                if (json != null) {
                    Files.writeString(json, result.json() + "\n", StandardCharsets.UTF_8);
                }
                long errors = drive.errors.sum();
                if (errors > 0) {
                    out.println("errors or timeouts: " + errors);
                }
                return errors > 0 ? 1 : 0;
            } finally {
                drive.stop();
            }
        }
    }

    /** The worker threads and the switch they follow. */
    private static final class Drive {
        private final LoadPlan plan;
        private final AerospikeClient[] clients;
        private final LongAdder[] done = {new LongAdder(), new LongAdder()};
        private final LongAdder errors = new LongAdder();
        /** Per side, over the measured slices: requests, server user and system ticks, client ticks. */
        private final long[][] cpu = new long[2][4];

        private final Thread[] workers;
        private volatile int target = YARDSTICK;
        private volatile boolean stopped;

        Drive(LoadPlan plan, AerospikeClient[] clients) {
            this.plan = plan;
            this.clients = clients;
            this.workers = new Thread[plan.threads()];
            for (int t = 0; t < workers.length; t++) {
                int id = t;
                workers[t] = Thread.ofPlatform().name("compare-" + t).start(() -> work(id));
            }
        }

        PairedRatio run(SideBySide o) throws InterruptedException {
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.warmupSeconds);
            int side = YARDSTICK;
            while (System.nanoTime() < warmupEnd) {
                target = side;
                Thread.sleep(Math.round(o.sliceSeconds * 1000));
                side = 1 - side;
            }
            errors.reset();
            PairedRatio ratio = new PairedRatio();
            for (int p = 0; p < o.pairs; p++) {
                // Yardstick first in even pairs, subject first in odd ones: a steady drift favours neither.
                int first = p % 2 == 0 ? YARDSTICK : SUBJECT;
                double[] tps = new double[2];
                tps[first] = slice(first, o);
                tps[1 - first] = slice(1 - first, o);
                ratio.add(tps[YARDSTICK], tps[SUBJECT]);
                o.out.printf(
                        Locale.ROOT,
                        "pair %2d: yardstick %.0f tps, subject %.0f tps, ratio %.3f%n",
                        p + 1,
                        tps[YARDSTICK],
                        tps[SUBJECT],
                        tps[SUBJECT] / tps[YARDSTICK]);
            }
            return ratio;
        }

        /** Switches every thread to {@code side}, lets the switch settle, and measures one slice. */
        private double slice(int side, SideBySide o) throws InterruptedException {
            target = side;
            Thread.sleep(o.settleMs);
            long pid = side == YARDSTICK ? o.yardstickPid : o.subjectPid;
            long[] server0 = pid == 0 ? new long[2] : ProcessCpu.ticks(pid);
            long[] client0 = ProcessCpu.ticks(0);
            long n0 = done[side].sum();
            long t0 = System.nanoTime();
            Thread.sleep(Math.round(o.sliceSeconds * 1000));
            long n1 = done[side].sum();
            long t1 = System.nanoTime();
            long[] server1 = pid == 0 ? new long[2] : ProcessCpu.ticks(pid);
            long[] client1 = ProcessCpu.ticks(0);
            long[] c = cpu[side];
            c[0] += n1 - n0;
            c[1] += server1[0] - server0[0];
            c[2] += server1[1] - server0[1];
            c[3] += client1[0] + client1[1] - client0[0] - client0[1];
            return (n1 - n0) / ((t1 - t0) / 1e9);
        }

        /** CPU microseconds per request over the measured slices, per side: servers' when their pids are known. */
        String cpuSummary(SideBySide o) {
            StringBuilder b = new StringBuilder("cpu us per request:");
            for (int side : new int[] {YARDSTICK, SUBJECT}) {
                long[] c = cpu[side];
                double perRequest = 1e6 / ProcessCpu.TICKS_PER_SECOND / Math.max(1, c[0]);
                b.append(side == YARDSTICK ? " yardstick" : "; subject");
                if ((side == YARDSTICK ? o.yardstickPid : o.subjectPid) != 0) {
                    b.append(String.format(
                            Locale.ROOT, " server user %.2f sys %.2f,", c[1] * perRequest, c[2] * perRequest));
                }
                b.append(String.format(Locale.ROOT, " client %.2f", c[3] * perRequest));
            }
            return b.toString();
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (Thread w : workers) {
                w.join();
            }
        }

        private void work(int id) {
            SplittableRandom random = new SplittableRandom(0x5EEDL * (id + 1) ^ System.nanoTime());
            Bin[] record = plan.record(random);
            WritePolicy wp = plan.writePolicy();
            Policy rp = plan.readPolicy();
            while (!stopped) {
                int side = target;
                Key key = new Key(plan.namespace(), plan.set(), plan.keyFor(random.nextLong(plan.keys())));
                try {
                    if (plan.workload().isRead(random.nextInt(100))) {
                        clients[side].get(rp, key);
                    } else {
                        clients[side].put(wp, key, record);
                    }
                    done[side].increment();
                } catch (AerospikeException e) {
                    errors.increment();
                }
            }
        }
    }
}
