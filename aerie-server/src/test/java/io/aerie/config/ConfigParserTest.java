package io.aerie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024L * MIB;

    private static final String MINIMAL = """
            namespace test {
            }
            """;

    static NodeConfig parse(String text) {
        return ConfigParser.parse(text, "test.conf");
    }

    static Path sampleFile() {
        return projectFile("conf/aerospike.conf");
    }

    /** A file of the repository, found from the working directory (the module's or the repository's). */
    static Path projectFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void parsesTheSampleFile() {
        NodeConfig config = ConfigParser.parse(sampleFile());

        assertThat(config.service().clusterName()).isEqualTo("aerie");
        assertThat(config.service().protoFdMax()).isEqualTo(15_000);
        assertThat(config.logging().sinks()).containsExactly(new LogSink(null, Map.of("any", "info")));
        NetworkConfig network = config.network();
        assertThat(network.service().addresses()).containsExactly("any");
        assertThat(network.service().port()).isEqualTo(3000);
        assertThat(network.heartbeat().mode()).isEqualTo("mesh");
        assertThat(network.heartbeat().port()).isEqualTo(3002);
        assertThat(network.heartbeat().meshSeeds()).isEmpty();
        assertThat(network.heartbeat().intervalMs()).isEqualTo(150);
        assertThat(network.heartbeat().timeout()).isEqualTo(10);
        assertThat(network.fabric().port()).isEqualTo(3001);
        assertThat(network.info().port()).isEqualTo(3003);
        assertThat(config.namespaces()).extracting(NamespaceConfig::name).containsExactly("test", "bar");
        NamespaceConfig test = config.namespace("test").orElseThrow();
        assertThat(test.replicationFactor()).isEqualTo(2);
        assertThat(test.defaultTtlSeconds()).isZero();
        assertThat(test.nsupPeriodSeconds()).isEqualTo(120);
        assertThat(test.storage()).isEqualTo(new MemoryStorageConfig(GIB, List.of(), 0));
        NamespaceConfig bar = config.namespace("bar").orElseThrow();
        assertThat(bar.defaultTtlSeconds()).isEqualTo(30L * 24 * 3600);
        assertThat(config.ignoredParameters()).isEmpty();
    }

    @Test
    void sourceOfAFileIsItsPath() {
        Path sample = sampleFile();
        assertThatThrownBy(() -> ConfigParser.parse(sample.resolveSibling("missing.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.conf")
                .hasMessageContaining("cannot read");
    }

    @Test
    void fileErrorsNameTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("aerospike.conf");
        Files.writeString(file, "service {\n\tproto-fd-max lots\n}\n");

        assertThatThrownBy(() -> ConfigParser.parse(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: ")
                .hasMessageContaining("'proto-fd-max'")
                .hasMessageContaining("'lots'");
    }

    @Test
    void serviceDefaults() {
        ServiceConfig service = parse(MINIMAL).service();

        assertThat(service).isEqualTo(ServiceConfig.defaults());
        assertThat(service.clusterName()).isNull();
        assertThat(service.nodeId()).isNull();
        assertThat(service.protoFdMax()).isEqualTo(15_000);
        assertThat(service.protoFdIdleMs()).isZero();
        assertThat(service.serviceThreads()).isZero();
        assertThat(service.transactionMaxMs()).isEqualTo(1000);
        assertThat(service.migrateThreads()).isEqualTo(1);
        assertThat(service.minClusterSize()).isEqualTo(1);
        assertThat(service.tickerIntervalSeconds()).isEqualTo(10);
        assertThat(service.disableUdfExecution()).isFalse();
    }

    @Test
    void serviceParameters() {
        ServiceConfig service = parse("""
                        service {
                        	cluster-name prod
                        	node-id a1b2c3
                        	proto-fd-max 20000
                        	proto-fd-idle-ms 60000
                        	service-threads 8
                        	transaction-max-ms 2500
                        	migrate-threads 2
                        	min-cluster-size 3
                        	ticker-interval 30
                        	disable-udf-execution true
                        }
                        """ + MINIMAL).service();

        assertThat(service)
                .isEqualTo(new ServiceConfig(
                        "prod", "A1B2C3", 20_000, 60_000, 8, 2500, 2, 3, 30, true, 4, "/opt/aerospike"));
    }

    @Test
    void serviceThreadsDefaultToTwoPerCpu() {
        assertThat(parse(MINIMAL).serviceThreads(2)).isEqualTo(4);
        assertThat(parse("service {\n\tservice-threads 3\n}\n" + MINIMAL).serviceThreads(2))
                .isEqualTo(3);
    }

    @Test
    void networkDefaultsInAFile() {
        NetworkConfig network = parse(MINIMAL).network();

        assertThat(network.service().addresses()).containsExactly("any");
        assertThat(network.service().port()).isEqualTo(3000);
        assertThat(network.service().accessAddresses()).isEmpty();
        assertThat(network.service().alternateAccessAddresses()).isEmpty();
        assertThat(network.service().accessPort()).isZero();
        assertThat(network.heartbeat()).isEqualTo(HeartbeatConfig.defaults());
        assertThat(network.heartbeat().mode()).isEqualTo("mesh");
        assertThat(network.heartbeat().address()).isNull();
        assertThat(network.heartbeat().port()).isEqualTo(3002);
        assertThat(network.heartbeat().intervalMs()).isEqualTo(150);
        assertThat(network.heartbeat().timeout()).isEqualTo(10);
        assertThat(network.fabric()).isEqualTo(new FabricConfig(null, 3001));
        assertThat(network.info()).isEqualTo(new InfoConfig(null, 3003));
    }

    @Test
    void serviceStanzaWithoutAddressListensOnAny() {
        NetworkConfig network =
                parse("network {\n service {\n  port 4000\n }\n}\n" + MINIMAL).network();

        assertThat(network.service().addresses()).containsExactly("any");
        assertThat(network.service().port()).isEqualTo(4000);
    }

    @Test
    void serviceAddresses() {
        ServiceNetworkConfig service = parse("""
                        network {
                        	service {
                        		address 10.0.0.1
                        		address 192.168.0.1
                        		port 3100
                        		access-address 10.0.0.1
                        		access-address 34.1.2.3 virtual
                        		alternate-access-address 34.1.2.4
                        		access-port 13000
                        		alternate-access-port 23000
                        	}
                        }
                        """ + MINIMAL).network().service();

        assertThat(service)
                .isEqualTo(new ServiceNetworkConfig(
                        List.of("10.0.0.1", "192.168.0.1"),
                        3100,
                        List.of("10.0.0.1", "34.1.2.3"),
                        List.of("34.1.2.4"),
                        13000,
                        23000));
    }

    @Test
    void repeatedMeshSeedsKeepFileOrder() {
        HeartbeatConfig heartbeat = parse("""
                        network {
                        	heartbeat {
                        		mode mesh
                        		address 10.0.0.1
                        		port 3012
                        		mesh-seed-address-port 10.0.0.2 3002
                        		mesh-seed-address-port node3.example.com 3012
                        		mesh-seed-address-port ::1 3002
                        		interval 250
                        		timeout 20
                        	}
                        }
                        """ + MINIMAL).network().heartbeat();

        assertThat(heartbeat)
                .isEqualTo(new HeartbeatConfig(
                        "mesh",
                        "10.0.0.1",
                        3012,
                        List.of("10.0.0.2:3002", "node3.example.com:3012", "[::1]:3002"),
                        250,
                        20));
    }

    @Test
    void multicastHeartbeatDefaultsToPort9918() {
        NodeConfig config = parse("""
                network {
                	heartbeat {
                		mode multicast
                		multicast-group 239.1.99.222
                	}
                }
                """ + MINIMAL);

        assertThat(config.network().heartbeat().mode()).isEqualTo("multicast");
        assertThat(config.network().heartbeat().port()).isEqualTo(9918);
        assertThat(config.ignoredParameters())
                .containsExactly("test.conf:4: 'multicast-group' in stanza 'network > heartbeat'");
    }

    @Test
    void aerospike3MeshAddressBecomesASeed() {
        HeartbeatConfig heartbeat = parse("""
                        network {
                        	heartbeat {
                        		mode mesh
                        		mesh-address 10.1.1.1
                        		mesh-port 3012
                        	}
                        }
                        """ + MINIMAL).network().heartbeat();

        assertThat(heartbeat.meshSeeds()).containsExactly("10.1.1.1:3012");
    }

    @Test
    void fabricAndInfo() {
        NetworkConfig network = parse("""
                        network {
                        	fabric {
                        		address 10.0.0.1
                        		port 4001
                        		channel-rw-fds 16
                        	}
                        	info {
                        		address 127.0.0.1
                        		port 4003
                        	}
                        }
                        """ + MINIMAL).network();

        assertThat(network.fabric()).isEqualTo(new FabricConfig("10.0.0.1", 4001));
        assertThat(network.info()).isEqualTo(new InfoConfig("127.0.0.1", 4003));
    }

    @Test
    void loggingDefaultsToConsoleAtInfo() {
        assertThat(parse(MINIMAL).logging()).isEqualTo(LoggingConfig.defaults());
        assertThat(LoggingConfig.defaults().sinks()).containsExactly(new LogSink(null, Map.of("any", "info")));
    }

    @Test
    void loggingSinks() {
        LoggingConfig logging = parse("""
                        logging {
                        	console {
                        		context any info
                        	}
                        	file /var/log/aerospike/aerospike.log {
                        		context any warning
                        		context hb DEBUG
                        		context migrate detail
                        		context hb info
                        	}
                        	syslog {
                        		facility local0
                        		context any info
                        	}
                        }
                        """ + MINIMAL).logging();

        assertThat(logging.sinks()).hasSize(2);
        assertThat(logging.sinks().get(0).file()).isNull();
        LogSink file = logging.sinks().get(1);
        assertThat(file.file()).isEqualTo("/var/log/aerospike/aerospike.log");
        assertThat(file.contexts())
                .containsExactly(Map.entry("any", "warning"), Map.entry("migrate", "detail"), Map.entry("hb", "info"));
        assertThat(file.levelFor("hb")).isEqualTo("info");
        assertThat(file.levelFor("nsup")).isEqualTo("warning");
    }

    @Test
    void contextAnyResetsEarlierContexts() {
        LogSink sink = parse("logging {\n console {\n  context hb debug\n  context any info\n }\n}\n" + MINIMAL)
                .logging()
                .sinks()
                .get(0);

        assertThat(sink.contexts()).containsExactly(Map.entry("any", "info"));
    }

    @Test
    void namespaceDefaultsInAFile() {
        NamespaceConfig ns = parse(MINIMAL).namespaces().get(0);

        assertThat(ns.name()).isEqualTo("test");
        assertThat(ns.replicationFactor()).isEqualTo(2);
        assertThat(ns.defaultTtlSeconds()).isZero();
        assertThat(ns.nsupPeriodSeconds()).isZero();
        assertThat(ns.allowTtlWithoutNsup()).isFalse();
        assertThat(ns.defaultReadTouchTtlPct()).isZero();
        assertThat(ns.stopWritesUsedPct()).isEqualTo(70);
        assertThat(ns.evictUsedPct()).isZero();
        assertThat(ns.stopWritesSysMemoryPct()).isEqualTo(90);
        assertThat(ns.conflictResolutionPolicy()).isEqualTo("generation");
        assertThat(ns.strongConsistency()).isFalse();
        assertThat(ns.maxRecordSize()).isEqualTo(MIB);
        assertThat(ns.storage()).isEqualTo(new MemoryStorageConfig(4 * GIB, List.of(), 0));
    }

    @Test
    void namespaceParameters() {
        NamespaceConfig ns = parse("""
                        namespace users {
                        	replication-factor 3
                        	default-ttl 30d
                        	nsup-period 2m
                        	allow-ttl-without-nsup true
                        	default-read-touch-ttl-pct 25
                        	stop-writes-sys-memory-pct 85
                        	conflict-resolution-policy last-update-time
                        	strong-consistency false
                        	max-record-size 128K
                        	storage-engine memory {
                        		data-size 2G
                        		stop-writes-used-pct 80
                        		evict-used-pct 60
                        	}
                        }
                        """).namespaces().get(0);

        assertThat(ns)
                .isEqualTo(new NamespaceConfig(
                        "users",
                        3,
                        2_592_000,
                        120,
                        true,
                        25,
                        80,
                        60,
                        85,
                        "last-update-time",
                        false,
                        128 * 1024,
                        new MemoryStorageConfig(2 * GIB, List.of(), 0),
                        NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD,
                        0,
                        true,
                        false,
                        NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE));
    }

    @Test
    void defaultTtlNeedsNsupPeriodOrAllowance() {
        NamespaceConfig ns = parse("namespace a {\n default-ttl 1h\n allow-ttl-without-nsup true\n}\n")
                .namespaces()
                .get(0);

        assertThat(ns.defaultTtlSeconds()).isEqualTo(3600);
        assertThat(ns.nsupPeriodSeconds()).isZero();
    }

    @Test
    void memoryStorageBackedByFiles() {
        StorageConfig storage = parse("""
                        namespace test {
                        	storage-engine memory {
                        		file /opt/aerie/data/test-1.dat
                        		file /opt/aerie/data/test-2.dat
                        		filesize 2G
                        	}
                        }
                        """).namespaces().get(0).storage();

        assertThat(storage)
                .isEqualTo(new MemoryStorageConfig(
                        4 * GIB, List.of("/opt/aerie/data/test-1.dat", "/opt/aerie/data/test-2.dat"), 2 * GIB));
        assertThat(storage.engine()).isEqualTo("memory");
    }

    @Test
    void aerospike6MemoryNamespaceUsesMemorySize() {
        NodeConfig config = parse("""
                namespace old {
                	memory-size 2G
                	high-water-memory-pct 60
                	storage-engine memory
                }
                namespace newer {
                	memory-size 2G
                	storage-engine memory {
                		data-size 3G
                	}
                }
                """);

        assertThat(config.namespace("old").orElseThrow().storage()).isEqualTo(MemoryStorageConfig.ofSize(2 * GIB));
        assertThat(config.namespace("newer").orElseThrow().storage()).isEqualTo(MemoryStorageConfig.ofSize(3 * GIB));
        assertThat(config.ignoredParameters())
                .containsExactly(
                        "test.conf:3: 'high-water-memory-pct' in stanza 'namespace old'",
                        "test.conf:7: 'memory-size' in stanza 'namespace newer'");
    }

    @Test
    void deviceStorageDefaults() {
        StorageConfig storage = parse("""
                        namespace test {
                        	storage-engine device {
                        		file /opt/aerie/data/test.dat
                        		filesize 16G
                        	}
                        }
                        """).namespaces().get(0).storage();

        assertThat(storage).isEqualTo(DeviceStorageConfig.ofFiles(List.of("/opt/aerie/data/test.dat"), 16 * GIB));
        DeviceStorageConfig device = (DeviceStorageConfig) storage;
        assertThat(device.engine()).isEqualTo("device");
        assertThat(device.devices()).isEmpty();
        assertThat(device.flushSizeBytes()).isEqualTo(MIB);
        assertThat(device.writeBlockSizeBytes()).isEqualTo(8 * MIB);
        assertThat(device.commitToDevice()).isFalse();
        assertThat(device.flushMaxMs()).isEqualTo(1000);
        assertThat(device.defragLwmPct()).isEqualTo(50);
        assertThat(device.defragSleepUs()).isEqualTo(1000);
        assertThat(device.maxWriteCacheBytes()).isEqualTo(64 * MIB);
        assertThat(device.postWriteCacheBytes()).isEqualTo(256 * MIB);
        assertThat(device.compression()).isEqualTo("none");
        assertThat(device.compressionLevel()).isZero();
    }

    @Test
    void deviceStorageParameters() {
        NamespaceConfig ns = parse("""
                        namespace test {
                        	storage-engine device {
                        		device /dev/nvme0n1
                        		device /dev/nvme1n1 /dev/sdb
                        		flush-size 128K
                        		write-block-size 1M
                        		commit-to-device true
                        		flush-max-ms 500
                        		defrag-lwm-pct 60
                        		defrag-sleep 2000
                        		max-write-cache 128M
                        		post-write-cache 512M
                        		compression zstd
                        		compression-level 3
                        		stop-writes-used-pct 75
                        		evict-used-pct 65
                        		read-page-cache true
                        	}
                        }
                        """).namespaces().get(0);

        assertThat(ns.storage())
                .isEqualTo(new DeviceStorageConfig(
                        List.of(),
                        List.of("/dev/nvme0n1", "/dev/nvme1n1"),
                        0,
                        128 * 1024,
                        MIB,
                        true,
                        500,
                        60,
                        2000,
                        128 * MIB,
                        512 * MIB,
                        "zstd",
                        3,
                        5));
        assertThat(ns.stopWritesUsedPct()).isEqualTo(75);
        assertThat(ns.evictUsedPct()).isEqualTo(65);
    }

    @Test
    void multipleNamespacesKeepFileOrder() {
        NodeConfig config = parse("""
                namespace alpha {
                	replication-factor 1
                }

                namespace beta {
                	replication-factor 3
                	storage-engine memory {
                		data-size 512M
                	}
                }

                namespace gamma {
                	storage-engine device {
                		device /dev/sdb
                	}
                }
                """);

        assertThat(config.namespaces()).extracting(NamespaceConfig::name).containsExactly("alpha", "beta", "gamma");
        assertThat(config.namespace("alpha").orElseThrow().replicationFactor()).isEqualTo(1);
        assertThat(config.namespace("beta").orElseThrow().storage()).isEqualTo(MemoryStorageConfig.ofSize(512 * MIB));
        assertThat(config.namespace("gamma").orElseThrow().storage())
                .isEqualTo(DeviceStorageConfig.ofDevices(List.of("/dev/sdb")));
        assertThat(config.namespace("delta")).isEmpty();
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        NodeConfig config = parse("""
                # A comment on the first line.

                service {   # a comment after a brace
                \t# an indented comment
                \tproto-fd-max 2048 # a comment after a value

                }
                   \t
                namespace test { # opened here
                #	replication-factor 5
                	replication-factor 3#no space before the comment
                }
                # A comment on the last line, then no newline""");

        assertThat(config.service().protoFdMax()).isEqualTo(2048);
        assertThat(config.namespaces().get(0).replicationFactor()).isEqualTo(3);
    }

    @Test
    void windowsLineEndingsAndByteOrderMark() {
        NodeConfig config = parse("\uFEFFservice {\r\n\tproto-fd-max 4096\r\n}\r\nnamespace test {\r\n}\r\n");

        assertThat(config.service().protoFdMax()).isEqualTo(4096);
    }

    @Test
    void ignoredParametersAreListedWithTheirPlace() {
        NodeConfig config = parse("""
                service {
                	user aerospike
                	group aerospike
                	paxos-single-replica-limit 1
                	pidfile /var/run/aerospike/asd.pid
                	transaction-queues 8
                	feature-key-file /etc/aerospike/features.conf
                	run-as-daemon false
                	work-directory /opt/aerospike
                }
                mod-lua {
                	user-path /opt/aerospike/usr/udf/lua
                }
                network {
                	tls tls1 {
                		cert-file /etc/ssl/node.pem
                	}
                	heartbeat {
                		mode mesh
                		mtu 1500
                	}
                }
                namespace test {
                	index-type shmem
                	sindex-type shmem
                	write-commit-level-override master
                	read-consistency-level-override one
                	high-water-memory-pct 60
                	nsup-hist-period 3600
                	rack-id 1
                	prefer-uniform-balance true
                	partition-tree-sprigs 512
                	set users {
                		stop-writes-count 1000
                	}
                	storage-engine memory {
                		data-size 1G
                		compression lz4
                	}
                }
                xdr {
                	dc remote {
                		node-address-port 10.0.0.9 3000
                	}
                }
                """);

        assertThat(config.ignoredParameters())
                .containsExactly(
                        "test.conf:2: 'user' in stanza 'service'",
                        "test.conf:3: 'group' in stanza 'service'",
                        "test.conf:4: 'paxos-single-replica-limit' in stanza 'service'",
                        "test.conf:5: 'pidfile' in stanza 'service'",
                        "test.conf:6: 'transaction-queues' in stanza 'service'",
                        "test.conf:7: 'feature-key-file' in stanza 'service'",
                        "test.conf:8: 'run-as-daemon' in stanza 'service'",
                        "test.conf:11: stanza 'mod-lua' at the top level",
                        "test.conf:15: stanza 'tls tls1' in stanza 'network'",
                        "test.conf:20: 'mtu' in stanza 'network > heartbeat'",
                        "test.conf:24: 'index-type' in stanza 'namespace test'",
                        "test.conf:25: 'sindex-type' in stanza 'namespace test'",
                        "test.conf:26: 'write-commit-level-override' in stanza 'namespace test'",
                        "test.conf:27: 'read-consistency-level-override' in stanza 'namespace test'",
                        "test.conf:28: 'high-water-memory-pct' in stanza 'namespace test'",
                        "test.conf:29: 'nsup-hist-period' in stanza 'namespace test'",
                        "test.conf:32: 'partition-tree-sprigs' in stanza 'namespace test'",
                        "test.conf:33: stanza 'set users' in stanza 'namespace test'",
                        "test.conf:38: 'compression' in stanza 'namespace test > storage-engine memory'",
                        "test.conf:41: stanza 'xdr' at the top level");
        assertThat(config.namespaces().get(0).rackId()).isEqualTo(1);
        assertThat(config.namespaces().get(0).preferUniformBalance()).isTrue();
    }

    @Test
    void indexTypeStanzaIsAccepted() {
        NodeConfig config = parse("""
                namespace test {
                	index-type flash {
                		mount /mnt/nvme0
                		mounts-budget 4G
                	}
                	storage-engine device {
                		device /dev/nvme1n1
                	}
                }
                """);

        assertThat(config.ignoredParameters())
                .containsExactly("test.conf:2: stanza 'index-type flash' in stanza 'namespace test'");
    }

    @Test
    void repeatedFabricAddressKeepsTheFirst() {
        NodeConfig config = parse("network {\n fabric {\n  address 10.0.0.1\n  address 10.0.0.2\n }\n}\n" + MINIMAL);

        assertThat(config.network().fabric().address()).isEqualTo("10.0.0.1");
        assertThat(config.ignoredParameters())
                .containsExactly(
                        "test.conf:4: repeated 'address' in stanza 'network > fabric' (only the first is used)");
    }

    @Test
    void repeatedParameterTakesTheLastValue() {
        NodeConfig config = parse("namespace test {\n replication-factor 1\n replication-factor 3\n}\n");

        assertThat(config.namespaces().get(0).replicationFactor()).isEqualTo(3);
    }
}
