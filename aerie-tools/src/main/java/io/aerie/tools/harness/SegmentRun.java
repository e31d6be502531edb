package io.aerie.tools.harness;

import com.aerospike.client.AerospikeClient;
import io.aerie.tools.harness.check.History;
import io.aerie.tools.harness.check.HistoryFormat;
import io.aerie.tools.harness.check.Op;
import io.aerie.tools.harness.check.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one segment: workers on fresh keys while the nemesis alternates fault and healed periods, then recovery, final
 * reads of every key, the saved history and the checkers' verdicts.
 */
final class SegmentRun {
    private static final long FINAL_READ_RETRY_MILLIS = 200;

    private final RunPlan plan;
    private final AerospikeClient client;
    private final HarnessCluster cluster;
    private final Nemesis nemesis;
    private final EventLog log;
    private final SetEncoding setEncoding;

    SegmentRun(
            RunPlan plan,
            AerospikeClient client,
            HarnessCluster cluster,
            Nemesis nemesis,
            EventLog log,
            SetEncoding setEncoding) {
        this.plan = plan;
        this.cluster = cluster;
        this.setEncoding = setEncoding;
        this.client = client;
        this.nemesis = nemesis;
        this.log = log;
    }

    /** Runs {@code segment}, one worker per seed in {@code workerSeeds}. */
    SegmentResult run(Segment segment, long[] workerSeeds) throws IOException, InterruptedException {
        if (segment.type() == FaultType.CLOCK && !nemesis.clockSupported()) {
            String why = "nemesis-clock unsupported (" + nemesis.clockRefusal() + ")";
            log.note("segment " + segment.name() + " skipped: " + why);
            return SegmentResult.skipped(segment, why);
        }
        long start = System.nanoTime();
        log.note("segment " + segment.name() + " begins");
        History history = new History();
        ErrorTally errors = new ErrorTally();
        ClientOps ops = new ClientOps(client, history, errors, plan.timeoutMillis(), setEncoding);
        List<Workload> workloads = workloads(segment.name() + "-", ops);
        AtomicInteger processes = new AtomicInteger();
        long interval = plan.rate() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) * workerSeeds.length / plan.rate();
        Workers workers = new Workers(workloads, workerSeeds, interval, processes);
        List<String> notes = new ArrayList<>();
        int skippedBefore = nemesis.skipped();
        workers.start();
        try {
            for (Fault f : segment.faults()) {
                boolean applied = nemesis.apply(f);
                Thread.sleep(f.faultMillis());
                if (applied) {
                    nemesis.heal(f);
                }
                Thread.sleep(f.healMillis());
            }
        } finally {
            workers.stop();
        }
        int skippedFaults = nemesis.skipped() - skippedBefore;
        if (skippedFaults > 0) {
            notes.add(skippedFaults + " of " + segment.faults().size() + " faults skipped (see the event log)");
        }
        String unstable = nemesis.recover();
        if (unstable != null) {
            notes.add("cluster not stable after recovery: " + unstable);
        }
        int unread = finalReads(workloads, ops, processes.getAndIncrement());
        if (unread > 0) {
            String health = cluster.partitionHealth();
            notes.add(unread + " keys had no successful final read within " + plan.finalReadSeconds() + " s"
                    + (health.isEmpty() ? "" : "; then " + health));
        }
        List<Op> recorded = history.ops();
        Path file = plan.dir().resolve("history-" + segment.name() + ".txt");
        Files.writeString(file, HistoryFormat.write(recorded), StandardCharsets.UTF_8);
        log.note("segment " + segment.name() + ": " + recorded.size() + " ops, checking");
        Checks checks = Checks.of(recorded);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new SegmentResult(
                segment,
                null,
                notes,
                OpCounts.of(recorded),
                OpCounts.okPerSecond(recorded),
                checks,
                errors.snapshot(),
                file,
                elapsed);
    }

    private List<Workload> workloads(String prefix, ClientOps ops) {
        List<Workload> out = new ArrayList<>();
        for (WorkloadType w : plan.workloads()) {
            out.add(
                    switch (w) {
                        case REGISTER -> new RegisterWorkload(prefix, ops, plan.registerOpsPerKey());
                        case COUNTER -> new CounterWorkload(prefix, ops);
                        case SET -> new SetWorkload(prefix, ops);
                    });
        }
        return out;
    }

    /**
     * Reads every key once successfully, retrying while its partition is unavailable, all within the final-read
     * time; returns how many keys never read successfully. Reads have no effect, so one process does them all.
     */
    private int finalReads(List<Workload> workloads, ClientOps ops, int process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.finalReadSeconds());
        int unread = 0;
        for (Workload w : workloads) {
            for (String key : w.keys()) {
                while (w.finalRead(process, key) != Outcome.OK) {
                    if (System.nanoTime() > deadline) {
                        unread++;
                        break;
                    }
                    Thread.sleep(FINAL_READ_RETRY_MILLIS);
                }
            }
        }
        return unread;
    }
}
