package io.aerie.tools.harness;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One harness run: draws the schedule from the seed, starts the cluster, runs every segment, and writes the event
 * log, the histories and the report into the run directory.
 */
public final class HarnessRun {
    private final RunPlan plan;
    private final PrintStream out;

    /** A run of {@code plan}, printing progress and the report to {@code out}. */
    public HarnessRun(RunPlan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    /** Runs it; the cluster is stopped whatever happens. */
    public RunResult execute() throws IOException, InterruptedException {
        out.println("aerie-harness: seed " + plan.seed());
        out.flush();
        // Everything random comes from this one generator, in a fixed order: the schedule, then worker seeds.
        Random random = new Random(plan.seed());
        Schedule schedule = Schedule.generate(
                random,
                plan.faults(),
                plan.nodes(),
                plan.segmentMillis(),
                TimeUnit.SECONDS.toMillis(plan.faultSeconds()),
                TimeUnit.SECONDS.toMillis(plan.healSeconds()));
        long[][] workerSeeds = new long[schedule.segments().size()][plan.threads()];
        for (long[] segmentSeeds : workerSeeds) {
            for (int t = 0; t < segmentSeeds.length; t++) {
                segmentSeeds[t] = random.nextLong();
            }
        }
        Path dir = plan.dir();
        Files.createDirectories(dir);
        String header = header(schedule);
        out.print(header);
        EventLog log = new EventLog(out, System.nanoTime());
        List<SegmentResult> results = new ArrayList<>();
        SetEncoding setEncoding = SetEncoding.LIST;
        try (HarnessCluster cluster =
                new HarnessCluster(ClusterLayout.allocate(plan.nodes(), plan.replicationFactor(), dir))) {
            log.note("starting " + plan.nodes() + " nodes, logs in " + dir);
            cluster.startAll(TimeUnit.SECONDS.toMillis(plan.stableSeconds()) * 2);
            log.note("cluster stable, roster set");
            try (AerospikeClient client = client(cluster)) {
                Nemesis nemesis = new Nemesis(cluster, log, TimeUnit.SECONDS.toMillis(plan.stableSeconds()));
                setEncoding = setEncoding(client, log);
                SegmentRun runner = new SegmentRun(plan, client, cluster, nemesis, log, setEncoding);
                for (Segment s : schedule.segments()) {
                    results.add(runner.run(s, workerSeeds[s.index()]));
                }
            }
        } finally {
            Files.writeString(dir.resolve("events.log"), String.join("\n", log.lines()) + "\n", StandardCharsets.UTF_8);
        }
        if (plan.workloads().contains(WorkloadType.SET)) {
            header += "  set workload: " + setEncoding.label() + " bin"
                    + (setEncoding == SetEncoding.STRING && plan.setEncoding() == null
                            ? " (the server refused a list append: UNSUPPORTED_FEATURE)"
                            : "")
                    + "\n";
        }
        String report = header + "\n" + Report.render(plan.seed(), results);
        Path reportFile = dir.resolve("report.txt");
        Files.writeString(reportFile, report, StandardCharsets.UTF_8);
        out.println();
        out.print(Report.render(plan.seed(), results));
        out.println("report: " + reportFile);
        out.flush();
        return new RunResult(plan.seed(), schedule, results, reportFile);
    }

    private String header(Schedule schedule) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                java.util.Locale.ROOT,
                "aerie-harness: %d nodes, rf %d, %d s over %s, workloads %s, %d threads at %s ops/s, seed %d, dir %s%n",
                plan.nodes(),
                plan.replicationFactor(),
                plan.timeSeconds(),
                plan.faults().stream().map(FaultType::label).toList(),
                plan.workloads().stream().map(WorkloadType::label).toList(),
                plan.threads(),
                plan.rate() == 0 ? "unlimited" : Integer.toString(plan.rate()),
                plan.seed(),
                plan.dir()));
        for (String line : schedule.describe(plan.nodes())) {
            b.append("  ").append(line).append('\n');
        }
        return b.toString();
    }

    /** The plan's set encoding, or, if it leaves the choice open, a list unless the cluster refuses list appends. */
    private SetEncoding setEncoding(AerospikeClient client, EventLog log) throws InterruptedException {
        SetEncoding chosen = plan.setEncoding();
        if (chosen != null || !plan.workloads().contains(WorkloadType.SET)) {
            return chosen != null ? chosen : SetEncoding.LIST;
        }
        WritePolicy policy = new WritePolicy();
        policy.maxRetries = 0;
        policy.totalTimeout = plan.timeoutMillis();
        chosen = SetEncoding.detect(client, policy, new Key(ClientOps.NAMESPACE, ClientOps.SET, "probe-list"), "v");
        log.note(
                chosen == SetEncoding.LIST
                        ? "set workload: list appends"
                        : "set workload: the server refuses list appends (UNSUPPORTED_FEATURE), appending to a string bin");
        return chosen;
    }

    /** A client seeded with every node, so it finds the cluster whichever nodes are down. */
    private AerospikeClient client(HarnessCluster cluster) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = plan.timeoutMillis();
        // Faults make nodes fail often; the circuit breaker would turn that into errors of its own.
        policy.maxErrorRate = 0;
        // Partition maps change with every fault; tend often so ops go where the partitions now are.
        policy.tendInterval = 250;
        policy.maxConnsPerNode = Math.max(100, plan.threads() * 4);
        Host[] hosts = new Host[cluster.size()];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = new Host("127.0.0.1", cluster.servicePort(i));
        }
        return new AerospikeClient(policy, hosts);
    }
}
