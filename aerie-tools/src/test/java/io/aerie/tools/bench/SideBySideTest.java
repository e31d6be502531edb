package io.aerie.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Two null nodes compared side by side: every pair measured, both sides served, the result written. */
class SideBySideTest {
    @Test
    void measuresEachPairOnBothNodesAndWritesTheResult(@TempDir Path dir) throws Exception {
        try (NullNode yardstick = NullNode.start(0, 256, 1);
                NullNode subject = NullNode.start(0, 256, 1)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            Path json = dir.resolve("compare.json");
            int rc = new CommandLine(new SideBySide(out))
                    .execute(
                            "--yardstick-port", String.valueOf(yardstick.port()),
                            "-p", String.valueOf(subject.port()),
                            "-k", "1000",
                            "-o", "256",
                            "-z", "2",
                            "--slice", "0.2",
                            "--settle-ms", "50",
                            "--pairs", "3",
                            "--warmup", "0",
                            "--json", json.toString());
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertThat(rc).as(text).isZero();
            assertThat(text).contains("pair  1:", "pair  2:", "pair  3:", "pairs 3;");
            assertThat(text).doesNotContain("subject 0 tps", "errors");
            assertThat(Files.readString(json)).startsWith("{\"pairs\":3,").contains("\"pairRatios\":[");
        }
    }

    @Test
    void anInsertWorkloadIsRefusedWithAMessage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc = new CommandLine(new SideBySide(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .execute("-w", "I");
        assertThat(rc).isEqualTo(2);
    }
}
