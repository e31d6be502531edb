package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Node;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Info commands as the official client and tools send them. */
class InfoClientTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    private static Node node() {
        return NODE.client().getNodes()[0];
    }

    private static Map<String, String> kv(String text) {
        Map<String, String> m = new HashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    @Test
    void namespaceInfoCarriesStatisticsAndTheConfigTheTestSuiteReads() {
        NODE.client().put(null, new Key("test", "ns-info", 1), new Bin("a", 1));
        Map<String, String> ns = kv(Info.request(node(), "namespace/test"));
        assertThat(ns)
                .containsKeys("objects", "data_used_bytes", "data_total_bytes", "stop_writes", "client_write_success");
        assertThat(ns).containsEntry("nsup-period", "120").containsEntry("allow-ttl-without-nsup", "false");
        assertThat(ns).containsEntry("replication-factor", "2").containsEntry("storage-engine", "memory");
        assertThat(Long.parseLong(ns.get("objects"))).isPositive();
        assertThat(Info.request(node(), "namespace/nope")).isEqualTo("type=unknown");
    }

    @Test
    void setsAndBinsListWhatWasWritten() {
        NODE.client().put(null, new Key("test", "listed", 1), new Bin("colour", "red"), new Bin("size", 3));
        NODE.client().put(null, new Key("test", "listed", 2), new Bin("colour", "blue"));
        String sets = Info.request(node(), "sets/test/listed");
        assertThat(sets).startsWith("ns=test:set=listed:objects=2:").endsWith(";");
        assertThat(Info.request(node(), "sets")).contains("set=listed");
        assertThat(Info.request(node(), "bins/test"))
                .startsWith("test:bin_names=")
                .contains(",colour")
                .contains(",size");
    }

    @Test
    void statisticsDescribeASingleNodeCluster() {
        Map<String, String> stats = kv(Info.request(node(), "statistics"));
        assertThat(stats).containsEntry("cluster_size", "1").containsEntry("cluster_integrity", "true");
        assertThat(Integer.parseInt(stats.get("client_connections"))).isPositive();
        assertThat(stats).containsKeys("uptime", "cluster_key", "objects");
    }

    @Test
    void setConfigChangesADynamicParameterAndGetConfigShowsIt() {
        assertThat(Info.request(node(), "set-config:context=namespace;id=test;default-read-touch-ttl-pct=40"))
                .isEqualTo("ok");
        assertThat(kv(Info.request(node(), "get-config:context=namespace;id=test")))
                .containsEntry("default-read-touch-ttl-pct", "40");
        assertThat(Info.request(node(), "set-config:context=namespace;id=test;default-read-touch-ttl-pct=0"))
                .isEqualTo("ok");
        assertThat(Info.request(node(), "set-config:context=namespace;id=test;replication-factor=3"))
                .startsWith("ERROR");
        assertThat(Info.request(node(), "set-config:context=namespace;id=test;stop-writes-used-pct=300"))
                .startsWith("ERROR");
        assertThat(Info.request(node(), "get-config:context=namespace;id=nope")).startsWith("ERROR");
        assertThat(kv(Info.request(node(), "get-config:context=service"))).containsEntry("proto-fd-max", "15000");
        assertThat(kv(Info.request(node(), "get-config:context=network"))).containsKey("service.port");
    }

    @Test
    void truncateRemovesRecordsWrittenBeforeItAndKeepsLaterOnes() throws Exception {
        Key before = new Key("test", "trunc", "before");
        Key other = new Key("test", "kept-set", "other");
        NODE.client().put(null, before, new Bin("v", 1));
        NODE.client().put(null, other, new Bin("v", 1));
        Thread.sleep(5);
        NODE.client().truncate(null, "test", "trunc", null);
        Thread.sleep(5);
        Key after = new Key("test", "trunc", "after");
        NODE.client().put(null, after, new Bin("v", 2));
        assertThat(NODE.client().get(null, before)).isNull();
        assertThat(NODE.client().get(null, after).getInt("v")).isEqualTo(2);
        assertThat(NODE.client().get(null, other)).isNotNull();
    }

    @Test
    void truncateWithAnExplicitLastUpdateTimeKeepsNewerRecords() throws Exception {
        Key old = new Key("test", "trunc-lut", "old");
        NODE.client().put(null, old, new Bin("v", 1));
        Thread.sleep(20);
        Calendar cut = Calendar.getInstance();
        Thread.sleep(20);
        Key fresh = new Key("test", "trunc-lut", "fresh");
        NODE.client().put(null, fresh, new Bin("v", 2));
        NODE.client().truncate(null, "test", "trunc-lut", cut);
        assertThat(NODE.client().get(null, old)).isNull();
        assertThat(NODE.client().get(null, fresh)).isNotNull();
        Calendar future = Calendar.getInstance();
        future.add(Calendar.HOUR, 1);
        assertThatThrownBy(() -> NODE.client().truncate(null, "test", "trunc-lut", future))
                .isInstanceOf(AerospikeException.class)
                .hasMessageContaining("future");
    }

    @Test
    void truncateNamespaceEmptiesEveryOneOfItsSets() throws Exception {
        // A node of its own: truncating "test" here would disturb the other tests of this class.
        try (var other = io.aerie.server.Aerie.startEphemeral();
                var client = new com.aerospike.client.AerospikeClient("127.0.0.1", other.port())) {
            for (int i = 0; i < 50; i++) {
                client.put(null, new Key("test", "s" + (i % 3), i), new Bin("v", i));
            }
            Thread.sleep(5);
            client.truncate(null, "test", null, null);
            for (int i = 0; i < 50; i++) {
                assertThat(client.exists(null, new Key("test", "s" + (i % 3), i)))
                        .isFalse();
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (other.namespaces().get("test").objects() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(other.namespaces().get("test").objects()).isZero();
        }
    }

    @Test
    void theEmptyRequestSummaryHasAValueForEveryKey() {
        Map<String, String> summary = Info.request(null, node());
        for (String key :
                new String[] {"features", "node", "edition", "build", "version", "statistics", "partition-generation"
                }) {
            assertThat(summary.get(key)).as(key).isNotBlank();
        }
        assertThat(summary.get("build")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    }
}
