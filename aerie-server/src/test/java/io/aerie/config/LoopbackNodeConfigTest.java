package io.aerie.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loopback node config parses back to what it was built from. */
class LoopbackNodeConfigTest {
    @Test
    void aStrongConsistencyNodeOnARackWithAWorkDirectory() {
        LoopbackNodeConfig c = new LoopbackNodeConfig(
                "aerie-it",
                0xA2,
                Path.of("/tmp/sc/node2"),
                new LoopbackNodeConfig.Ports(4000, 4001, 4002),
                List.of(4001, 4011, 4021),
                2,
                true,
                3);
        NodeConfig parsed = ConfigParser.parse(c.text(), "node2.conf");

        assertThat(parsed.service().clusterName()).isEqualTo("aerie-it");
        assertThat(parsed.service().nodeId()).isEqualTo("A2");
        assertThat(parsed.service().workDirectory()).isEqualTo("/tmp/sc/node2");
        assertThat(parsed.network().service().port()).isEqualTo(4000);
        assertThat(parsed.network().heartbeat().port()).isEqualTo(4001);
        assertThat(parsed.network().heartbeat().meshSeeds())
                .containsExactly("127.0.0.1:4001", "127.0.0.1:4011", "127.0.0.1:4021");
        assertThat(parsed.network().heartbeat().intervalMs()).isEqualTo(100);
        assertThat(parsed.network().fabric().port()).isEqualTo(4002);
        NamespaceConfig test = parsed.namespace("test").orElseThrow();
        assertThat(test.replicationFactor()).isEqualTo(2);
        assertThat(test.strongConsistency()).isTrue();
        assertThat(test.rackId()).isEqualTo(3);
    }

    @Test
    void anApNodeKeepsTheDefaultWorkDirectory() {
        LoopbackNodeConfig c = new LoopbackNodeConfig(
                "aerie-harness",
                0xA0,
                null,
                new LoopbackNodeConfig.Ports(5000, 5001, 5002),
                List.of(5001),
                1,
                false,
                0);
        NodeConfig parsed = ConfigParser.parse(c.text(), "node0.conf");

        assertThat(parsed.service().workDirectory()).isEqualTo(ServiceConfig.DEFAULT_WORK_DIRECTORY);
        assertThat(parsed.namespace("test").orElseThrow().strongConsistency()).isFalse();
    }
}
