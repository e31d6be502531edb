package io.aerie.tools.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/aerie-harness}: a Jepsen-style run against a strong-consistency cluster of node processes.
 *
 * <pre>{@code
 * bin/aerie-harness --time 60
 * bin/aerie-harness --time 1800 --faults partition,kill,pause,clock --seed 42
 * }</pre>
 */
@Command(
        name = "aerie-harness",
        sortOptions = false,
        description = {
            "Starts a strong-consistency cluster of node processes, runs register, counter and set workloads through"
                    + " the official client while a nemesis injects faults on a seeded schedule (one segment per"
                    + " fault type, alternating fault and healed periods), heals, reads every key, and checks the"
                    + " recorded histories: linearizable registers, counters within bounds, no lost set elements.",
            "",
            "Exit status: 0 no anomaly; 1 a checker found a history INVALID or acknowledged writes were lost;"
                    + " 2 bad arguments; 3 the harness itself failed (cluster would not start, ...).",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bin/aerie-harness --time 60",
            "  bin/aerie-harness --time 1800 --seed 42 --dir /tmp/harness-42"
        })
public final class Harness implements Callable<Integer> {
    /** Exit status for bad arguments. */
    public static final int USAGE = 2;

    /** Exit status when the harness could not do its job. */
    public static final int HARNESS_ERROR = 3;

    @Option(names = "--help", usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = "--nodes", description = "node processes (default ${DEFAULT-VALUE})")
    int nodes = 5;

    @Option(names = "--rf", description = "replication factor of namespace test (default ${DEFAULT-VALUE})")
    int rf = 2;

    @Option(names = "--time", description = "workload seconds, shared among the fault types (default ${DEFAULT-VALUE})")
    int time = 60;

    @Option(
            names = "--faults",
            split = ",",
            paramLabel = "TYPE",
            defaultValue = "partition,kill,pause,clock",
            description = "fault types, a segment each: partition, kill, pause, clock, none (default ${DEFAULT-VALUE})")
    List<FaultType> faults = List.of(FaultType.PARTITION, FaultType.KILL, FaultType.PAUSE, FaultType.CLOCK);

    @Option(
            names = {"--workload", "--workloads"},
            split = ",",
            paramLabel = "NAME",
            defaultValue = "register,counter,set",
            description = "workloads: register, counter, set (default ${DEFAULT-VALUE})")
    List<WorkloadType> workloads = List.of(WorkloadType.REGISTER, WorkloadType.COUNTER, WorkloadType.SET);

    @Option(names = "--seed", description = "seed of the fault schedule and op mix (default: random, printed)")
    @Nullable
    Long seed;

    @Option(
            names = "--dir",
            description = "empty or new directory for configs, logs, histories and the report"
                    + " (default target/harness/<time>-seed-<seed>)")
    @Nullable
    Path dir;

    @Option(names = "--threads", description = "client threads (default ${DEFAULT-VALUE})")
    int threads = 8;

    @Option(names = "--rate", description = "ops per second over all threads, 0 = no limit (default ${DEFAULT-VALUE})")
    int rate = 400;

    @Option(names = "--fault-seconds", description = "length of each fault period (default ${DEFAULT-VALUE})")
    int faultSeconds = 5;

    @Option(names = "--heal-seconds", description = "length of each healed period (default ${DEFAULT-VALUE})")
    int healSeconds = 5;

    @Option(names = "--timeout", description = "client total timeout per command in ms (default ${DEFAULT-VALUE})")
    int timeoutMillis = 1500;

    @Option(
            names = "--register-ops-per-key",
            description = "ops per register key before fresh keys replace them (default ${DEFAULT-VALUE})")
    int registerOpsPerKey = 150;

    @Option(
            names = "--stable-seconds",
            description = "wait for a stable cluster at most this long (default ${DEFAULT-VALUE})")
    int stableSeconds = 60;

    @Option(names = "--final-read-seconds", description = "retry final reads this long (default ${DEFAULT-VALUE})")
    int finalReadSeconds = 30;

    @Option(
            names = "--set-encoding",
            description = "set workload bin: list (ListOperation.append) or string (string append);"
                    + " default: list unless the server refuses list operations")
    @Nullable
    SetEncoding setEncoding;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public Harness() {
        this(System.out, System.err);
    }

    Harness(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(commandLine(new Harness(out, System.err)).execute(args));
    }

    /** The command line for {@code harness}, taking fault and workload names in any case. */
    static CommandLine commandLine(Harness harness) {
        return new CommandLine(harness).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The validated plan the options describe. */
    RunPlan plan() {
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        Path d = dir != null
                ? dir
                : Path.of(
                        "target",
                        "harness",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed-" + s);
        return new RunPlan(
                nodes,
                rf,
                time,
                faults,
                workloads,
                s,
                d.toAbsolutePath(),
                threads,
                rate,
                faultSeconds,
                healSeconds,
                timeoutMillis,
                registerOpsPerKey,
                stableSeconds,
                finalReadSeconds,
                setEncoding);
    }

    @Override
    public Integer call() {
        RunPlan plan;
        try {
            plan = plan();
            requireEmpty(plan.dir());
        } catch (IllegalArgumentException | IOException e) {
            err.println("aerie-harness: " + e.getMessage());
            return USAGE;
        }
        try {
            return new HarnessRun(plan, out).execute().exitCode();
        } catch (IOException | RuntimeException e) {
            err.println("aerie-harness: run failed (seed " + plan.seed() + ", logs in " + plan.dir() + "): " + e);
            e.printStackTrace(err);
            return HARNESS_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("aerie-harness: interrupted");
            return HARNESS_ERROR;
        }
    }

    /** A run directory must start empty: old work directories would hand the new nodes an old roster. */
    private static void requireEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("--dir " + dir + " is not empty");
            }
        }
    }
}
