package io.aerie.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import io.aerie.config.ConfigParser;
import io.aerie.config.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Starting nodes from config files, and refusing bad ones with a clear message. */
class StartupTest {
    @Test
    void theSampleConfigServesBothNamespacesToTheOfficialClient() {
        NodeConfig config =
                ConfigParser.parse(Path.of("../conf/aerospike.conf")).withServicePort(0);
        try (Aerie node = Aerie.start(config);
                AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            client.put(null, new Key("bar", "s", 1), new Bin("x", 1));
            assertThat(client.get(null, new Key("bar", "s", 1)).getInt("x")).isEqualTo(1);
            assertThat(Info.request(client.getNodes()[0], "namespaces")).isEqualTo("test;bar");
            assertThat(Info.request(client.getNodes()[0], "cluster-name")).isEqualTo("aerie");
        }
    }

    @Test
    void partitionGenerationIsNonNegativeOnceServing() {
        try (Aerie node = Aerie.startEphemeral()) {
            assertThat(Integer.parseInt(node.info("partition-generation"))).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aMissingRawDeviceIsRefusedNamingIt(@TempDir Path dir) {
        Path device = dir.resolve("nvme9n1");
        NodeConfig config = ConfigParser.parse(
                        "namespace d {\n storage-engine device {\n  device " + device + "\n }\n}\n", "d.conf")
                .withServicePort(0);
        assertThatThrownBy(() -> Aerie.start(config))
                .hasMessageContaining(device.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aDeviceLineUsesThePathAtTheSizeItHasAndKeepsRecordsAcrossARestart(@TempDir Path dir) throws Exception {
        // A raw device stands here as a pre-sized file: Aerie neither creates nor resizes a device.
        Path device = dir.resolve("disk0");
        try (var f = new java.io.RandomAccessFile(device.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        NodeConfig config = ConfigParser.parse(
                        "namespace d {\n storage-engine device {\n  device " + device + "\n }\n}\n", "d.conf")
                .withServicePort(0);
        try (Aerie node = Aerie.start(config);
                AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            client.put(null, new Key("d", "s", 1), new Bin("x", 1));
        }
        try (Aerie node = Aerie.start(config);
                AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            assertThat(client.get(null, new Key("d", "s", 1)).getInt("x")).isEqualTo(1);
        }
        assertThat(Files.size(device)).isEqualTo(64L << 20);
    }

    @Test
    void aStorageFileTooSmallForItsBlocksIsRefusedNamingIt(@TempDir Path dir) {
        Path file = dir.resolve("small.dat");
        NodeConfig config = ConfigParser.parse(
                        "namespace d {\n storage-engine device {\n  file " + file + "\n  filesize 2M\n }\n}\n",
                        "d.conf")
                .withServicePort(0);
        assertThatThrownBy(() -> Aerie.start(config))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("write blocks");
    }

    @Test
    void aStorageFileOfAnotherNamespaceIsRefused(@TempDir Path dir) {
        Path file = dir.resolve("shared.dat");
        String stanza = " {\n storage-engine device {\n  file " + file + "\n  filesize 64M\n }\n}\n";
        try (Aerie node = Aerie.start(
                ConfigParser.parse("namespace one" + stanza, "a.conf").withServicePort(0))) {
            assertThat(node.info("namespaces")).isEqualTo("one");
        }
        NodeConfig other =
                ConfigParser.parse("namespace two" + stanza, "b.conf").withServicePort(0);
        assertThatThrownBy(() -> Aerie.start(other)).hasMessageContaining("belongs to namespace one");
    }

    @Test
    void mainExitsWithCodeTwoAndNamesTheProblemOfABadFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "namespace test {\n  replication-factr 2\n}\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Main()).execute("--config", conf.toString());
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("bad.conf:2")
                .contains("replication-factr");
    }
}
