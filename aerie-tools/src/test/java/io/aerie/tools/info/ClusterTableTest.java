package io.aerie.tools.info;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.server.Aerie;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterTableTest {
    private static String run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int code = new CommandLine(new InfoTool(out, out)).execute(args);
        return code + "\n" + buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNodeAloneIsAClusterOfOneMasteringEveryPartition() {
        try (Aerie node = Aerie.startEphemeral()) {
            String port = Integer.toString(node.port());
            String text = run("-p", port, "--cluster");
            assertThat(text).startsWith("0\n").contains("NODE").contains("MASTERS");
            List<String> lines = text.lines().toList();
            String row = lines.stream()
                    .filter(l -> l.contains("127.0.0.1:" + port) && l.contains(" test "))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.split("\\s+")).contains("4096", "1");
            assertThat(text)
                    .contains("namespace test: masters per node min 4096 max 4096, total masters 4096 of 4096")
                    .contains("partitions without master 0, with several masters 0")
                    .contains("cluster: 1 node, cluster-stable:size=1 holds");
        }
    }

    @Test
    void rawCommandsPrintTheAnswerOrOneItemALine() {
        try (Aerie node = Aerie.startEphemeral()) {
            String port = Integer.toString(node.port());
            assertThat(run("-p", port, "namespaces")).isEqualTo("0\ntest\n");
            String stats = run("-p", port, "-l");
            assertThat(stats.lines()).contains("cluster_size=1", "migrate_tx_partitions_remaining=0");
            assertThat(run("-p", port, "-v", "cluster-stable:size=2;ignore-migrations=no"))
                    .startsWith("1\nERROR");
        }
    }

    @Test
    void unreachableNodesAreReported() {
        assertThat(run("-p", "1", "-t", "300", "--cluster")).startsWith("1\naerie-info: 127.0.0.1:1:");
        assertThat(run("-p", "1", "-t", "300", "node")).startsWith("1\naerie-info: 127.0.0.1:1:");
    }

    /** Three fake nodes splitting the partitions, one of which has not yet given up partition 0. */
    @Test
    void theSummaryFindsPartitionsWithoutOrWithSeveralMasters() {
        Map<Integer, String> replicas = Map.of(
                0, "test:0,2," + bitmap(0, 1366) + "," + bitmap(1366, 2731),
                1, "test:0,2," + bitmap(1366, 2731) + "," + bitmap(2731, 4096),
                2, "test:0,2," + bitmap(2732, 4096) + "," + bitmap(0, 1366));
        InfoClient fake = (node, commands) -> {
            int i = (node.port() - 4000) / 10;
            Map<String, String> a = new HashMap<>();
            for (String c : commands) {
                a.put(
                        c,
                        switch (c) {
                            case "node" -> "A" + i;
                            case "statistics" ->
                                "cluster_size=3;cluster_key=K;cluster_principal=A2;"
                                        + "migrate_tx_partitions_remaining=0;migrate_rx_partitions_remaining=" + i;
                            case "namespaces" -> "test";
                            case "namespace/test" -> "objects=" + (10 * i);
                            case "replicas" -> replicas.get(i);
                            case "peers-clear-std" -> peersOtherThan(i);
                            default -> i == 1 ? "ERROR::unstable-cluster" : "K";
                        });
            }
            return a;
        };
        ClusterSurvey survey = ClusterSurvey.of(fake, new Peers.HostPort("127.0.0.1", 4010));
        assertThat(survey.nodes()).extracting(NodeSnapshot::nodeId).containsExactly("A0", "A1", "A2");
        ClusterTable.NamespaceSummary s = ClusterTable.summarize(survey, "test");
        assertThat(s.totalMasters()).isEqualTo(1366 + 1365 + 1364);
        assertThat(s.minMasters()).isEqualTo(1364);
        assertThat(s.maxMasters()).isEqualTo(1366);
        assertThat(s.withoutMaster()).isEqualTo(1);
        assertThat(s.severalMasters()).isZero();
        assertThat(s.totalReplicas()).isEqualTo(4096);
        assertThat(survey.isStable()).isFalse();
        assertThat(ClusterTable.healthy(survey)).isFalse();
        assertThat(ClusterTable.render(survey)).contains("does NOT hold: A0=K, A1=ERROR::unstable-cluster, A2=K");
    }

    private static String peersOtherThan(int self) {
        StringBuilder b = new StringBuilder("1,4000,[");
        for (int i = 0; i < 3; i++) {
            if (i != self) {
                b.append(b.charAt(b.length() - 1) == '[' ? "" : ",")
                        .append("[A")
                        .append(i)
                        .append(",,[127.0.0.1:")
                        .append(4000 + 10 * i)
                        .append("]]");
            }
        }
        return b.append(']').toString();
    }

    /** Partitions {@code from} (inclusive) to {@code to} (exclusive). */
    private static String bitmap(int from, int to) {
        byte[] bits = new byte[InfoParser.PARTITIONS / 8];
        Arrays.fill(bits, (byte) 0);
        for (int p = from; p < to; p++) {
            bits[p >> 3] |= (byte) (0x80 >>> (p & 7));
        }
        return Base64.getEncoder().encodeToString(bits);
    }
}
