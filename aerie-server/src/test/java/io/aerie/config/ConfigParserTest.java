package io.aerie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    private static final String MINIMAL = """
            namespace test {
            \tstorage-engine memory {
            \t\tdata-size 1G
            \t}
            }
            """;

    @Test
    void parsesTheSampleFileShippedInConf() {
        NodeConfig c = ConfigParser.parse(Path.of("../conf/aerospike.conf"));
        assertThat(c.service().clusterName()).isEqualTo("aerie-sample");
        assertThat(c.service().protoFdMax()).isEqualTo(15000);
        assertThat(c.network().service().addresses()).containsExactly("127.0.0.1");
        assertThat(c.network().service().port()).isEqualTo(3000);
        assertThat(c.network().heartbeat().meshSeeds()).containsExactly("127.0.0.1:3002");
        assertThat(c.network().heartbeat().intervalMs()).isEqualTo(150);
        assertThat(c.namespaces()).extracting(NamespaceConfig::name).containsExactly("test", "bar");
        NamespaceConfig bar = c.namespace("bar").orElseThrow();
        assertThat(bar.defaultTtlSeconds()).isEqualTo(30L * 86400);
        assertThat(bar.nsupPeriodSeconds()).isEqualTo(60);
        assertThat(((MemoryStorageConfig) bar.storage()).dataSizeBytes()).isEqualTo(512L << 20);
        assertThat(c.ignoredParameters()).anyMatch(s -> s.contains("pidfile"));
    }

    @Test
    void appliesAerospikeDefaultsToWhatTheFileLeavesOut() {
        NodeConfig c = ConfigParser.parse(MINIMAL, "min.conf");
        NamespaceConfig ns = c.namespaces().get(0);
        assertThat(ns.replicationFactor()).isEqualTo(2);
        assertThat(ns.defaultTtlSeconds()).isZero();
        assertThat(ns.nsupPeriodSeconds()).isZero();
        assertThat(ns.allowTtlWithoutNsup()).isFalse();
        assertThat(ns.stopWritesUsedPct()).isEqualTo(70);
        assertThat(ns.maxRecordSize()).isEqualTo(1L << 20);
        assertThat(c.network().service().addresses()).containsExactly("any");
        assertThat(c.network().service().port()).isEqualTo(3000);
        assertThat(c.network().fabric().port()).isEqualTo(3001);
        assertThat(c.service().protoFdMax()).isEqualTo(15000);
    }

    @Test
    void readsSizesAndDurationsWithUnits() {
        NodeConfig c = ConfigParser.parse("""
                namespace a {
                  default-ttl 12h
                  nsup-period 2m
                  max-record-size 128K
                  storage-engine memory {
                    data-size 2048M
                  }
                }
                namespace b { # a comment after the brace
                  default-ttl 90   # plain seconds
                }
                """, "units.conf");
        NamespaceConfig a = c.namespace("a").orElseThrow();
        assertThat(a.defaultTtlSeconds()).isEqualTo(12 * 3600);
        assertThat(a.nsupPeriodSeconds()).isEqualTo(120);
        assertThat(a.maxRecordSize()).isEqualTo(128 * 1024);
        assertThat(((MemoryStorageConfig) a.storage()).dataSizeBytes()).isEqualTo(2L << 30);
        assertThat(c.namespace("b").orElseThrow().defaultTtlSeconds()).isEqualTo(90);
        assertThat(((MemoryStorageConfig) c.namespace("b").orElseThrow().storage()).dataSizeBytes())
                .isEqualTo(4L << 30);
    }

    @Test
    void unknownParameterNamesFileLineAndParameter() {
        assertThatThrownBy(() ->
                        ConfigParser.parse("namespace test {\n  replication-factor 2\n  colour blue\n}\n", "x.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("x.conf:3")
                .hasMessageContaining("'colour'")
                .hasMessageContaining("namespace test");
    }

    @Test
    void malformedValuesNameFileLineAndParameter() {
        for (List<String> c : List.of(
                List.of("namespace t {\n replication-factor zero\n}", "x.conf:2", "replication-factor"),
                List.of("namespace t {\n replication-factor 0\n}", "x.conf:2", "replication-factor"),
                List.of("namespace t {\n\n storage-engine memory {\n  data-size 4Q\n }\n}", "x.conf:4", "data-size"),
                List.of("namespace t {\n default-ttl 11y\n}", "x.conf:2", "default-ttl"),
                List.of("namespace t {\n allow-ttl-without-nsup maybe\n}", "x.conf:2", "allow-ttl-without-nsup"),
                List.of("namespace t {\n stop-writes-used-pct 101\n}", "x.conf:2", "stop-writes-used-pct"),
                List.of("service {\n proto-fd-max\n}\nnamespace t {\n}", "x.conf:2", "proto-fd-max"),
                List.of("network {\n service {\n  port 70000\n }\n}\nnamespace t {\n}", "x.conf:3", "port"),
                List.of(
                        "network {\n heartbeat {\n  mesh-seed-address-port 10.0.0.1\n }\n}\nnamespace t {\n}",
                        "x.conf:3",
                        "mesh-seed-address-port"))) {
            assertThatThrownBy(() -> ConfigParser.parse(c.get(0), "x.conf"))
                    .as(c.get(0))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(c.get(1))
                    .hasMessageContaining(c.get(2));
        }
    }

    @Test
    void structuralErrorsAreNamed() {
        assertThatThrownBy(() -> ConfigParser.parse("namespace t {\n default-ttl 0\n", "x.conf"))
                .hasMessageContaining("x.conf:1")
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> ConfigParser.parse("}\n", "x.conf")).hasMessageContaining("x.conf:1");
        assertThatThrownBy(() -> ConfigParser.parse("namespace t {\n}\nnamespace t {\n}\n", "x.conf"))
                .hasMessageContaining("x.conf:3")
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ConfigParser.parse("cluster {\n}\nnamespace t {\n}\n", "x.conf"))
                .hasMessageContaining("unknown stanza 'cluster'");
        assertThatThrownBy(() -> ConfigParser.parse("namespace way-too-long-a-name-for-a-namespace {\n}\n", "x.conf"))
                .hasMessageContaining("x.conf:1");
        assertThatThrownBy(() -> ConfigParser.parse("service {\n}\n", "x.conf")).hasMessageContaining("no namespace");
    }

    @Test
    void repeatedLinesAccumulate() {
        NodeConfig c = ConfigParser.parse("""
                network {
                  service {
                    address 10.0.0.1
                    address 10.0.0.2
                    access-address 192.168.1.1
                  }
                  heartbeat {
                    mode mesh
                    mesh-seed-address-port 10.0.0.1 3002
                    mesh-seed-address-port 10.0.0.2 3002
                  }
                }
                namespace t {
                }
                """, "r.conf");
        assertThat(c.network().service().addresses()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(c.network().service().accessAddresses()).containsExactly("192.168.1.1");
        assertThat(c.network().heartbeat().meshSeeds()).containsExactly("10.0.0.1:3002", "10.0.0.2:3002");
    }

    @Test
    void loggingSinksAndDeviceStorageAreRead() {
        NodeConfig c = ConfigParser.parse("""
                logging {
                  file /tmp/aerie.log {
                    context any warning
                  }
                  console {
                    context any debug
                  }
                }
                namespace d {
                  storage-engine device {
                    file /tmp/d.dat
                    filesize 4G
                    flush-size 128K
                    commit-to-device true
                    compression lz4
                  }
                }
                """, "l.conf");
        assertThat(c.logging().sinks()).hasSize(2);
        assertThat(c.logging().sinks().get(0).file()).isEqualTo("/tmp/aerie.log");
        assertThat(c.logging().sinks().get(0).contexts()).containsEntry("any", "warning");
        DeviceStorageConfig d =
                (DeviceStorageConfig) c.namespace("d").orElseThrow().storage();
        assertThat(d.files()).containsExactly("/tmp/d.dat");
        assertThat(d.filesizeBytes()).isEqualTo(4L << 30);
        assertThat(d.commitToDevice()).isTrue();
        assertThat(d.defragLwmPct()).isEqualTo(50);
        assertThat(d.compression()).isEqualTo("lz4");
    }

    @Test
    void unreadableFileIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> ConfigParser.parse(missing)).hasMessageContaining("nope.conf");
        Path ok = dir.resolve("ok.conf");
        Files.writeString(ok, MINIMAL);
        assertThat(ConfigParser.parse(ok).namespaces()).hasSize(1);
    }
}
