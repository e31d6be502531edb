package io.aerie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void defaultsServeLocalhostWithOneTestNamespace() {
        NodeConfig config = NodeConfig.defaults();

        assertThat(config.network().service().addresses()).containsExactly("127.0.0.1");
        assertThat(config.network().service().port()).isEqualTo(3000);
        assertThat(config.network().heartbeat().port()).isEqualTo(3002);
        assertThat(config.network().fabric().port()).isEqualTo(3001);
        assertThat(config.network().info().port()).isEqualTo(3003);
        assertThat(config.service()).isEqualTo(ServiceConfig.defaults());
        assertThat(config.service().protoFdMax()).isEqualTo(15_000);
        assertThat(config.logging().sinks()).containsExactly(new LogSink(null, Map.of("any", "info")));
        assertThat(config.ignoredParameters()).isEmpty();
        assertThat(config.namespaces()).hasSize(1);
        NamespaceConfig test = config.namespaces().get(0);
        assertThat(test.name()).isEqualTo("test");
        assertThat(test.storage()).isEqualTo(new MemoryStorageConfig(GIB, List.of(), 0));
        assertThat(test.replicationFactor()).isEqualTo(2);
        assertThat(test.nsupPeriodSeconds()).isEqualTo(120);
        assertThat(test.defaultTtlSeconds()).isZero();
    }

    @Test
    void inMemoryTakesDefaultsForTheRest() {
        NamespaceConfig ns = NamespaceConfig.inMemory("cache", 64L * 1024 * 1024);

        assertThat(ns)
                .isEqualTo(new NamespaceConfig(
                        "cache",
                        2,
                        0,
                        120,
                        false,
                        0,
                        70,
                        0,
                        90,
                        "generation",
                        false,
                        1024 * 1024,
                        MemoryStorageConfig.ofSize(64L * 1024 * 1024),
                        NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD,
                        0,
                        true,
                        false,
                        NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE));
    }

    @Test
    void withServicePortReplacesOnlyThePort() {
        NodeConfig config = NodeConfig.defaults();

        NodeConfig changed = config.withServicePort(0);

        assertThat(changed.network().service().port()).isZero();
        assertThat(changed.network().service().addresses()).containsExactly("127.0.0.1");
        assertThat(changed.network().heartbeat()).isEqualTo(config.network().heartbeat());
        assertThat(changed.namespaces()).isEqualTo(config.namespaces());
        assertThat(config.network().service().port()).isEqualTo(3000);
    }

    @Test
    void withNamespacesReplacesTheNamespaces() {
        NodeConfig config = NodeConfig.defaults()
                .withNamespaces(List.of(NamespaceConfig.inMemory("a", GIB), NamespaceConfig.inMemory("b", GIB)));

        assertThat(config.namespaces()).extracting(NamespaceConfig::name).containsExactly("a", "b");
        assertThat(config.namespace("b")).map(NamespaceConfig::name).contains("b");
        assertThat(config.namespace("test")).isEmpty();
    }

    @Test
    void duplicateNamespacesAreRejected() {
        NamespaceConfig a = NamespaceConfig.inMemory("a", GIB);

        assertThatThrownBy(() -> NodeConfig.defaults().withNamespaces(List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate namespace a");
    }

    @Test
    void recordsValidateProgrammaticValues() {
        assertThatThrownBy(() -> NamespaceConfig.inMemory("bad:name", GIB)).hasMessageContaining("':'");
        assertThatThrownBy(() -> NamespaceConfig.inMemory("", GIB)).hasMessageContaining("1 to 31");
        assertThatThrownBy(() -> NamespaceConfig.inMemory("a b", GIB)).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> NodeConfig.defaults().withServicePort(65_536)).hasMessageContaining("port");
        assertThatThrownBy(() -> NodeConfig.defaults().withServicePort(-1)).hasMessageContaining("port");
        assertThatThrownBy(() -> new HeartbeatConfig("gossip", null, 3002, List.of(), 150, 10))
                .hasMessageContaining("mesh or multicast");
        assertThatThrownBy(() -> new LogSink(null, Map.of("any", "loud"))).hasMessageContaining("log level");
        assertThatThrownBy(() -> new ServiceConfig(null, "xyz", 15_000, 0, 0)).hasMessageContaining("node-id");
        assertThatThrownBy(() -> DeviceStorageConfig.ofFiles(List.of("/d"), 0)).hasMessageContaining("filesize");
        assertThatThrownBy(() -> DeviceStorageConfig.ofDevices(List.of())).hasMessageContaining("'device'");
        assertThatThrownBy(() -> new ServiceNetworkConfig(List.of(), 3000, List.of(), List.of()))
                .hasMessageContaining("address");
    }

    @Test
    void ttlNeedsNsupUnlessAllowed() {
        MemoryStorageConfig storage = MemoryStorageConfig.ofSize(GIB);

        assertThatThrownBy(() -> new NamespaceConfig(
                        "t",
                        2,
                        60,
                        0,
                        false,
                        0,
                        70,
                        0,
                        90,
                        "generation",
                        false,
                        1024 * 1024,
                        storage,
                        NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD,
                        0,
                        true,
                        false,
                        NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE))
                .hasMessageContaining("nsup-period");
        assertThat(new NamespaceConfig(
                                "t",
                                2,
                                60,
                                0,
                                true,
                                0,
                                70,
                                0,
                                90,
                                "generation",
                                false,
                                1024 * 1024,
                                storage,
                                NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD,
                                0,
                                true,
                                false,
                                NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE)
                        .defaultTtlSeconds())
                .isEqualTo(60);
    }

    @Test
    void nodeIdIsUpperCased() {
        assertThat(new ServiceConfig(null, "bb9a1b2c3d4e5f6", 15_000, 0, 0).nodeId())
                .isEqualTo("BB9A1B2C3D4E5F6");
    }

    @Test
    void configExceptionWithoutSource() {
        ConfigException e = new ConfigException("bad override");

        assertThat(e).hasMessage("bad override");
        assertThat(e.sourceName()).isNull();
        assertThat(e.line()).isZero();
        assertThat(e.parameter()).isNull();
    }
}
