package io.aerie.tools.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Harness parse(String... args) {
        Harness h = new Harness(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        Harness.commandLine(h).parseArgs(args);
        return h;
    }

    @Test
    void defaultsAreTheBriefsShortRun() {
        RunPlan p = parse("--seed", "5").plan();
        assertThat(p.nodes()).isEqualTo(5);
        assertThat(p.replicationFactor()).isEqualTo(2);
        assertThat(p.timeSeconds()).isEqualTo(60);
        assertThat(p.threads()).isEqualTo(8);
        assertThat(p.seed()).isEqualTo(5);
        assertThat(p.faults()).containsExactly(FaultType.PARTITION, FaultType.KILL, FaultType.PAUSE, FaultType.CLOCK);
        assertThat(p.workloads()).containsExactly(WorkloadType.REGISTER, WorkloadType.COUNTER, WorkloadType.SET);
        assertThat(p.segmentMillis()).isEqualTo(15_000);
        assertThat(p.dir().toString()).contains("target/harness/").endsWith("-seed-5");
    }

    @Test
    void parsesListsInAnyCase() {
        RunPlan p = parse(
                        "--nodes",
                        "3",
                        "--rf",
                        "2",
                        "--time",
                        "30",
                        "--faults",
                        "Kill,none",
                        "--workload",
                        "counter",
                        "--seed",
                        "-9",
                        "--dir",
                        dir.toString(),
                        "--threads",
                        "2")
                .plan();
        assertThat(p.faults()).isEqualTo(List.of(FaultType.KILL, FaultType.NONE));
        assertThat(p.workloads()).isEqualTo(List.of(WorkloadType.COUNTER));
        assertThat(p.seed()).isEqualTo(-9);
        assertThat(p.dir()).isEqualTo(dir.toAbsolutePath());
        assertThat(p.threads()).isEqualTo(2);
        assertThat(p.segmentMillis()).isEqualTo(15_000);
    }

    @Test
    void aSeedIsDrawnWhenNoneIsGiven() {
        assertThat(parse().plan().seed()).isNotEqualTo(parse().plan().seed());
    }

    @Test
    void badArgumentsExitWithUsage() throws Exception {
        assertThat(run("--rf", "6")).isEqualTo(Harness.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rf");
        assertThat(run("--rf", "1", "--faults", "kill")).isEqualTo(Harness.USAGE);
        assertThat(run("--faults", "partition,partition")).isEqualTo(Harness.USAGE);
        assertThat(run("--faults", "flood")).isEqualTo(Harness.USAGE);
        Files.writeString(dir.resolve("old"), "x");
        assertThat(run("--dir", dir.toString())).isEqualTo(Harness.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not empty");
    }

    private int run(String... args) {
        Harness h = new Harness(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return Harness.commandLine(h).execute(args);
    }
}
