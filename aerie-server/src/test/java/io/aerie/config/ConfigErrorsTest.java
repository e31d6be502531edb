package io.aerie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of error names the file, the line and the parameter. */
class ConfigErrorsTest {
    /** A valid namespace stanza, two lines long, for files whose error is elsewhere. */
    private static final String[] NS = {"namespace test {", "}"};

    /**
     * One error case: {@code lines} make up the file; the message must start with the file name and
     * {@code line}, and contain {@code parameter} and {@code detail}.
     */
    private static Arguments error(String description, int line, String parameter, String detail, String... lines) {
        return arguments(description, String.join("\n", lines) + "\n", line, parameter, detail);
    }

    /** {@code lines} followed by {@link #NS}. */
    private static String[] withNs(String... lines) {
        List<String> all = new ArrayList<>(List.of(lines));
        all.addAll(List.of(NS));
        return all.toArray(String[]::new);
    }

    /** {@link #NS} followed by {@code lines}. */
    private static String[] afterNs(String... lines) {
        List<String> all = new ArrayList<>(List.of(NS));
        all.addAll(List.of(lines));
        return all.toArray(String[]::new);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                error("unclosed stanza", 1, "service", "not closed", withNs("service {", " proto-fd-max 2000")),
                error("unclosed inner stanza", 3, "network", "missing '}'", afterNs("network {", " service {", " }")),
                error("stray close", 3, "}", "no stanza is open", afterNs("}")),
                error("open without name", 1, "{", "stanza name", withNs("{", "}")),
                error("brace without space", 1, "service{", "brace", withNs("service{", "}")),
                error("one-line stanza", 1, "service", "brace", withNs("service { }")),
                error("close after value", 2, "proto-fd-max", "brace", withNs("service {", " proto-fd-max 2000 }")));
    }

    static Stream<Arguments> unknownNames() {
        return Stream.of(
                error("unknown top level", 3, "services", "unknown stanza 'services'", afterNs("services {", "}")),
                error("unknown in service", 2, "foo", "in stanza 'service'", withNs("service {", "\tfoo 1", "}")),
                error(
                        "unknown in namespace",
                        3,
                        "foo",
                        "unknown parameter 'foo' in stanza 'namespace test'",
                        "namespace test {",
                        " replication-factor 2",
                        " foo bar",
                        "}"),
                error(
                        "unknown in storage",
                        3,
                        "data-sise",
                        "in stanza 'namespace test > storage-engine memory'",
                        "namespace test {",
                        " storage-engine memory {",
                        "  data-sise 1G",
                        " }",
                        "}"),
                error(
                        "unknown in heartbeat",
                        5,
                        "mesh-seed",
                        "in stanza 'network > heartbeat'",
                        afterNs("network {", " heartbeat {", "  mesh-seed 10.0.0.1 3002", " }", "}")),
                error(
                        "unknown in sink",
                        3,
                        "level",
                        "unknown",
                        withNs("logging {", " console {", "  level info", " }", "}")),
                error("unknown in ignored stanza", 2, "foo", "'mod-lua'", withNs("mod-lua {", " foo 1", "}")),
                error("unknown network stanza", 2, "admin2", "unknown", withNs("network {", " admin2 {", " }", "}")));
    }

    static Stream<Arguments> shapeErrors() {
        return Stream.of(
                error(
                        "parameter as stanza",
                        2,
                        "proto-fd-max",
                        "parameter",
                        withNs("service {", " proto-fd-max {", " }", "}")),
                error("stanza as parameter", 1, "service", "must open a stanza", withNs("service")),
                error(
                        "missing value",
                        2,
                        "proto-fd-max",
                        "takes one value, not 0",
                        withNs("service {", " proto-fd-max", "}")),
                error("extra value", 2, "proto-fd-max", "not 2", withNs("service {", " proto-fd-max 2000 3000", "}")),
                error(
                        "seed without port",
                        5,
                        "mesh-seed-address-port",
                        "takes 2 values",
                        afterNs("network {", " heartbeat {", "  mesh-seed-address-port a", " }", "}")),
                error("duplicate stanza", 3, "service", "duplicate", withNs("service {", "}", "service {", "}")),
                error(
                        "duplicate sub-stanza",
                        4,
                        "info",
                        "duplicate",
                        withNs("network {", " info {", " }", " info {", " }", "}")),
                error("console with value", 2, "console", "no value", withNs("logging {", " console x {", " }", "}")),
                error("file without path", 2, "file", "path", withNs("logging {", " file {", " }", "}")));
    }

    static Stream<Arguments> serviceAndNetworkValues() {
        return Stream.of(
                error("not a number", 2, "proto-fd-max", "'many'", withNs("service {", " proto-fd-max many", "}")),
                error(
                        "proto-fd-max too small",
                        2,
                        "proto-fd-max",
                        "1024",
                        withNs("service {", " proto-fd-max 10", "}")),
                error("bad node-id", 2, "node-id", "hex", withNs("service {", " node-id xyz", "}")),
                error("zero node-id", 2, "node-id", "non-zero", withNs("service {", " node-id 0", "}")),
                error(
                        "long cluster-name",
                        2,
                        "cluster-name",
                        "63",
                        withNs("service {", " cluster-name " + "c".repeat(64), "}")),
                error(
                        "bad boolean",
                        2,
                        "disable-udf-execution",
                        "true or false",
                        withNs("service {", " disable-udf-execution maybe", "}")),
                error(
                        "port zero",
                        3,
                        "port",
                        "from 1 to 65535",
                        withNs("network {", " service {", "  port 0", " }", "}")),
                error("port too big", 3, "port", "65535", withNs("network {", " fabric {", "  port 70000", " }", "}")),
                error(
                        "seed port",
                        5,
                        "mesh-seed-address-port",
                        "'99999'",
                        afterNs("network {", " heartbeat {", "  mesh-seed-address-port a 99999", " }", "}")),
                error(
                        "heartbeat mode",
                        3,
                        "mode",
                        "mesh, multicast",
                        withNs("network {", " heartbeat {", "  mode broadcast", " }", "}")),
                error(
                        "heartbeat interval",
                        3,
                        "interval",
                        "from 50",
                        withNs("network {", " heartbeat {", "  interval 10", " }", "}")),
                error(
                        "access-address suffix",
                        3,
                        "access-address",
                        "virtual",
                        withNs("network {", " service {", "  access-address 1.2.3.4 real", " }", "}")),
                error(
                        "log level",
                        3,
                        "context",
                        "'loud'",
                        withNs("logging {", " console {", "  context any loud", " }", "}")));
    }

    static Stream<Arguments> namespaceValues() {
        return Stream.of(
                error(
                        "replication-factor 0",
                        2,
                        "replication-factor",
                        "from 1 to 256",
                        "namespace test {",
                        " replication-factor 0",
                        "}"),
                error(
                        "replication-factor 257",
                        2,
                        "replication-factor",
                        "from 1 to 256",
                        "namespace test {",
                        " replication-factor 257",
                        "}"),
                error(
                        "percentage",
                        2,
                        "stop-writes-sys-memory-pct",
                        "from 0 to 100",
                        "namespace test {",
                        " stop-writes-sys-memory-pct 101",
                        "}"),
                error("bad duration", 2, "default-ttl", "'1w'", "namespace test {", " default-ttl 1w", "}"),
                error(
                        "ttl beyond ten years",
                        2,
                        "default-ttl",
                        "315360000",
                        "namespace test {",
                        " default-ttl 3651d",
                        " nsup-period 60",
                        "}"),
                error(
                        "conflict policy",
                        2,
                        "conflict-resolution-policy",
                        "generation",
                        "namespace test {",
                        " conflict-resolution-policy newest",
                        "}"),
                error(
                        "max-record-size",
                        2,
                        "max-record-size",
                        "'16M'",
                        "namespace test {",
                        " max-record-size 16M",
                        "}"),
                error(
                        "ttl without nsup",
                        2,
                        "default-ttl",
                        "nsup-period",
                        "namespace test {",
                        " default-ttl 30d",
                        "}"));
    }

    static Stream<Arguments> namespaceStanzas() {
        return Stream.of(
                error("no namespace", 2, "namespace", "at least one", "service {", "}"),
                arguments("empty file", "", 1, "namespace", "at least one"),
                error(
                        "duplicate namespace",
                        5,
                        "namespace",
                        "duplicate namespace 'test'",
                        afterNs(withNs("service {", "}"))),
                error("namespace without name", 1, "namespace", "one name", "namespace {", "}"),
                error(
                        "namespace name too long",
                        1,
                        "namespace",
                        "1 to 31 characters",
                        "namespace " + "n".repeat(32) + " {",
                        "}"),
                error("namespace name with colon", 1, "namespace", "':'", "namespace a:b {", "}"),
                error("namespace name with semicolon", 1, "namespace", "';'", "namespace a;b {", "}"));
    }

    static Stream<Arguments> storageErrors() {
        return Stream.of(
                error(
                        "two storage engines",
                        3,
                        "storage-engine",
                        "only one",
                        "namespace test {",
                        " storage-engine memory",
                        " storage-engine memory",
                        "}"),
                error("unknown engine", 2, "storage-engine", "'disk'", "namespace test {", " storage-engine disk", "}"),
                error(
                        "pmem engine",
                        2,
                        "storage-engine",
                        "persistent memory",
                        "namespace test {",
                        " storage-engine pmem {",
                        " }",
                        "}"),
                error(
                        "device without stanza",
                        2,
                        "storage-engine",
                        "needs a stanza",
                        "namespace test {",
                        " storage-engine device",
                        "}"),
                storage(
                        "device without devices",
                        2,
                        "storage-engine",
                        "at least one 'device' or 'file'",
                        "device",
                        "flush-size 1M"),
                storage(
                        "device and file",
                        2,
                        "storage-engine",
                        "cannot mix",
                        "device",
                        "device /dev/sdb",
                        "file /d",
                        "filesize 1G"),
                storage("file without filesize", 2, "storage-engine", "'filesize' is required", "device", "file /d"),
                storage(
                        "memory file without filesize",
                        2,
                        "storage-engine",
                        "'filesize' is required",
                        "memory",
                        "file /d"),
                storage(
                        "data-size with files",
                        3,
                        "data-size",
                        "backing files",
                        "memory",
                        "data-size 1G",
                        "file /d",
                        "filesize 1G"),
                storage(
                        "duplicate file",
                        4,
                        "file",
                        "duplicate file '/d'",
                        "device",
                        "file /d",
                        "file /d",
                        "filesize 1G"),
                storage(
                        "duplicate device",
                        4,
                        "device",
                        "duplicate device",
                        "device",
                        "device /dev/sdb",
                        "device /dev/sdb"),
                storage("storage percentage", 3, "evict-used-pct", "from 0 to 100", "memory", "evict-used-pct 200"),
                storage("bad size", 3, "data-size", "'4GB'", "memory", "data-size 4GB"),
                storage("size too small", 3, "data-size", "1048576", "memory", "data-size 1K"),
                storage(
                        "flush-size power of 2",
                        5,
                        "flush-size",
                        "power of 2",
                        "device",
                        "file /d",
                        "filesize 1G",
                        "flush-size 100K"),
                storage("compression", 4, "compression", "zstd", "device", "device /dev/sdb", "compression gzip"),
                storage(
                        "max-write-cache",
                        4,
                        "max-write-cache",
                        "67108864",
                        "device",
                        "device /dev/sdb",
                        "max-write-cache 1M"));
    }

    /** A namespace whose storage-engine {@code engine} stanza (opened on line 2) holds {@code lines}. */
    private static Arguments storage(
            String description, int line, String parameter, String detail, String engine, String... lines) {
        List<String> all = new ArrayList<>(List.of("namespace test {", " storage-engine " + engine + " {"));
        for (String content : lines) {
            all.add("  " + content);
        }
        all.addAll(List.of(" }", "}"));
        return error(description, line, parameter, detail, all.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({
        "syntaxErrors",
        "unknownNames",
        "shapeErrors",
        "serviceAndNetworkValues",
        "namespaceValues",
        "namespaceStanzas",
        "storageErrors"
    })
    void errorNamesFileLineAndParameter(String description, String text, int line, String parameter, String detail) {
        assertThatThrownBy(() -> ConfigParser.parse(text, "aerospike.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("aerospike.conf:" + line + ": ")
                .hasMessageContaining(parameter)
                .hasMessageContaining(detail)
                .asInstanceOf(type(ConfigException.class))
                .satisfies(e -> {
                    assertThat(e.sourceName()).isEqualTo("aerospike.conf");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.parameter()).isEqualTo(parameter);
                });
    }

    @Test
    void exampleMessageFromTheDocumentation() {
        String text = "\n".repeat(10) + "namespace test {\n foo 1\n}\n";

        assertThatThrownBy(() -> ConfigParser.parse(text, "aerospike.conf"))
                .hasMessage("aerospike.conf:12: unknown parameter 'foo' in stanza 'namespace test'");
    }

    @Test
    void tooManyNamespaces() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 33; i++) {
            text.append("namespace ns").append(i).append(" {\n}\n");
        }

        assertThatThrownBy(() -> ConfigParser.parse(text.toString(), "aerospike.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("aerospike.conf:65: ")
                .hasMessageContaining("too many namespaces");
    }
}
