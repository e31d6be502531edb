package io.aerie.tools.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.config.ConfigParser;
import io.aerie.config.LoopbackNodeConfig;
import io.aerie.config.NodeConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {
    private static final ClusterLayout LAYOUT = new ClusterLayout(
            List.of(
                    new LoopbackNodeConfig.Ports(4000, 4001, 4002),
                    new LoopbackNodeConfig.Ports(4010, 4011, 4012),
                    new LoopbackNodeConfig.Ports(4020, 4021, 4022)),
            2,
            Path.of("/runs/x"));

    @Test
    void nodeIdsAreFixedHex() {
        assertThat(LAYOUT.nodeId(0)).isEqualTo("A0");
        assertThat(LAYOUT.nodeId(2)).isEqualTo("A2");
        assertThat(LAYOUT.nodeIds(List.of(0, 2))).isEqualTo("A0,A2");
        assertThat(LAYOUT.nodeIds(List.of())).isEmpty();
    }

    @Test
    void theConfigIsStrongConsistencyWithEveryNodeAsSeed() {
        String conf = LAYOUT.config(1);
        assertThat(conf)
                .contains("node-id A1", "work-directory /runs/x/node1", "strong-consistency true")
                .contains("replication-factor 2", "port 4010", "port 4011", "port 4012")
                .contains("interval 100", "timeout 10");
        assertThat(conf.lines().filter(l -> l.contains("mesh-seed-address-port")))
                .containsExactly(
                        "        mesh-seed-address-port 127.0.0.1 4001",
                        "        mesh-seed-address-port 127.0.0.1 4011",
                        "        mesh-seed-address-port 127.0.0.1 4021");
    }

    @Test
    void theServerParsesTheConfig() throws Exception {
        NodeConfig parsed = ConfigParser.parse(LAYOUT.config(2), "node2.conf");
        assertThat(parsed).isNotNull();
    }

    @Test
    void filesLiveInTheRunDirectory() {
        assertThat(LAYOUT.configFile(1)).isEqualTo(Path.of("/runs/x/node1.conf"));
        assertThat(LAYOUT.logFile(1)).isEqualTo(Path.of("/runs/x/node1.log"));
    }

    @Test
    void theReplicationFactorMustFit() {
        assertThatThrownBy(() -> new ClusterLayout(List.of(new LoopbackNodeConfig.Ports(1, 2, 3)), 2, Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
