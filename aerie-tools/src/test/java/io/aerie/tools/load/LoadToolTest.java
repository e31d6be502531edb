package io.aerie.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.server.Aerie;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadToolTest {
    @Test
    void workloadsParseAsAerospikeBenchmarkSpellsThem() {
        assertThat(Workload.parse("I").insert()).isTrue();
        assertThat(Workload.parse("RU,80").readPercent()).isEqualTo(80);
        assertThat(Workload.parse("ru").readPercent()).isEqualTo(50);
        assertThatThrownBy(() -> Workload.parse("RU,101")).hasMessageContaining("0..100");
        assertThatThrownBy(() -> Workload.parse("XYZ")).hasMessageContaining("unknown workload");
    }

    @Test
    void readShareFollowsThePercent() {
        Workload w = Workload.parse("RU,30");
        int reads = 0;
        for (int roll = 0; roll < 100; roll++) {
            reads += w.isRead(roll) ? 1 : 0;
        }
        assertThat(reads).isEqualTo(30);
        assertThat(Workload.parse("I").isRead(0)).isFalse();
    }

    @Test
    void insertSlicesCoverEveryKeyOnce() {
        LoadPlan plan = new LoadPlan("h", 1, "ns", "s", 1003, 7, 100, 3, Workload.parse("I"), 4, 1, 0, 100, 0, 1);
        long covered = 0;
        long next = 7;
        for (int t = 0; t < 4; t++) {
            long[] slice = plan.insertSlice(t);
            assertThat(slice[0]).isEqualTo(next);
            covered += slice[1] - slice[0];
            next = slice[1];
        }
        assertThat(covered).isEqualTo(1003);
        assertThat(plan.binSize(0) + plan.binSize(1) + plan.binSize(2)).isEqualTo(100);
    }

    @Test
    void percentilesComeFromTheRecordedLatencies() {
        OpStats s = new OpStats("read");
        for (int i = 1; i <= 1000; i++) {
            s.success(i);
        }
        s.error(13);
        s.timeout();
        s.roll(true);
        assertThat(s.interval().getTotalCount()).isEqualTo(1000);
        assertThat(s.interval().getValueAtPercentile(50)).isBetween(499L, 501L);
        assertThat(s.total().getValueAtPercentile(99)).isBetween(989L, 991L);
        assertThat(s.intervalErrors()).isEqualTo(1);
        assertThat(s.errorsByCode()).containsEntry(13, 1L);
        s.roll(true);
        assertThat(s.interval().getTotalCount()).isZero();
        assertThat(s.total().getTotalCount()).isEqualTo(1000);
        String line = Report.intervalLine(LocalTime.of(12, 0, 1), 1.0, new OpStats("write"), s);
        assertThat(line).startsWith("12:00:01 write(tps=0 timeouts=0 errors=0) read(tps=0 timeouts=0 errors=0)");
    }

    @Test
    void badOptionsAreRefusedWithAMessage() {
        assertThat(new CommandLine(new LoadTool()).execute("-z", "0")).isEqualTo(2);
    }

    @Test
    void drivesARealNodeAndReportsThroughputAndLatency(@TempDir Path dir) throws Exception {
        try (Aerie node = Aerie.startEphemeral()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
            String port = Integer.toString(node.port());
            int insert = new CommandLine(new LoadTool(out))
                    .execute("-p", port, "-k", "2000", "-o", "100", "-w", "I", "-z", "4");
            assertThat(insert).isZero();
            assertThat(node.namespaces().get("test").objects()).isEqualTo(2000);
            Path json = dir.resolve("summary.json");
            int mixed = new CommandLine(new LoadTool(out))
                    .execute(
                            "-p",
                            port,
                            "-k",
                            "2000",
                            "-o",
                            "100",
                            "-w",
                            "RU,50",
                            "-z",
                            "4",
                            "-d",
                            "2",
                            "--json",
                            json.toString());
            assertThat(mixed).isZero();
            String text = buf.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("summary over").contains("read   count=").contains("write  count=");
            assertThat(Files.readString(json)).contains("\"read\":{\"count\":").contains("\"p999\":");
        }
    }
}
