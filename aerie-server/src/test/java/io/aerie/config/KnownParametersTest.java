package io.aerie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every name in {@link KnownParameters} is accepted where it belongs, recorded as ignored, and documented. */
class KnownParametersTest {
    private static final String NS = "namespace test {\n}\n";

    private static Stream<Arguments> each(String stanza, Set<String> names, Function<String, String> file) {
        return names.stream().sorted().map(name -> arguments(stanza + ": " + name, file.apply(name)));
    }

    static Stream<Arguments> ignoredParameters() {
        return Stream.of(
                        each("service", KnownParameters.SERVICE, n -> "service {\n " + n + " 1\n}\n" + NS),
                        each(
                                "network service",
                                KnownParameters.NETWORK_SERVICE,
                                n -> "network {\n service {\n  " + n + " 1\n }\n}\n" + NS),
                        each(
                                "heartbeat",
                                KnownParameters.HEARTBEAT,
                                n -> "network {\n heartbeat {\n  " + n + " 1\n }\n}\n" + NS),
                        each(
                                "fabric",
                                KnownParameters.FABRIC,
                                n -> "network {\n fabric {\n  " + n + " 1\n }\n}\n" + NS),
                        each("info", KnownParameters.INFO, n -> "network {\n info {\n  " + n + " 1\n }\n}\n" + NS),
                        each("namespace", KnownParameters.NAMESPACE, n -> "namespace test {\n " + n + " 1\n}\n"),
                        each(
                                "memory",
                                KnownParameters.STORAGE_MEMORY,
                                n -> "namespace test {\n storage-engine memory {\n  " + n + " 1\n }\n}\n"),
                        each(
                                "device",
                                KnownParameters.STORAGE_DEVICE,
                                n -> "namespace test {\n storage-engine device {\n  device /dev/sdb\n  " + n
                                        + " 1\n }\n}\n"),
                        each("top level", KnownParameters.TOP_LEVEL, n -> n + " {\n}\n" + NS),
                        each("network", KnownParameters.NETWORK, n -> "network {\n " + n + " x {\n }\n}\n" + NS),
                        each("logging", KnownParameters.LOGGING, n -> "logging {\n " + n + " {\n }\n}\n" + NS))
                .flatMap(Function.identity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoredParameters")
    void acceptedAndListedAsIgnored(String description, String text) {
        NodeConfig config = ConfigParser.parse(text, "aerospike.conf");

        assertThat(config.ignoredParameters()).hasSize(1);
        assertThat(config.ignoredParameters().get(0)).startsWith("aerospike.conf:");
    }

    static Stream<Arguments> ignoredStanzaContents() {
        return Stream.of(
                arguments("mod-lua", "mod-lua {\n%s}\n" + NS, KnownParameters.MOD_LUA),
                arguments("syslog", "logging {\n syslog {\n%s }\n}\n" + NS, KnownParameters.SYSLOG),
                arguments("admin", "network {\n admin {\n%s }\n}\n" + NS, KnownParameters.ADMIN),
                arguments("tls", "network {\n tls t1 {\n%s }\n}\n" + NS, KnownParameters.TLS),
                arguments("set", "namespace test {\n set s {\n%s }\n}\n", KnownParameters.SET),
                arguments(
                        "index-type", "namespace test {\n index-type flash {\n%s }\n}\n", KnownParameters.INDEX_MOUNTS),
                arguments(
                        "sindex-type",
                        "namespace test {\n sindex-type pmem {\n%s }\n}\n",
                        KnownParameters.INDEX_MOUNTS),
                arguments(
                        "geo2dsphere-within",
                        "namespace test {\n geo2dsphere-within {\n%s }\n}\n",
                        KnownParameters.GEO2DSPHERE_WITHIN),
                arguments("si", "namespace test {\n si {\n%s }\n}\n", KnownParameters.SINDEX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignoredStanzaContents")
    void ignoredStanzasAcceptTheirParameters(String stanza, String template, Set<String> names) {
        String body = names.stream().map(n -> "  " + n + " 1\n").collect(Collectors.joining());

        NodeConfig config = ConfigParser.parse(template.formatted(body), "aerospike.conf");

        assertThat(config.ignoredParameters()).singleElement().asString().contains("stanza '" + stanza);
    }

    @Test
    void securityAndXdrContentsAreNotChecked() {
        NodeConfig config = ConfigParser.parse(
                "security {\n anything goes\n log {\n  report-sys-admin true\n }\n}\nxdr {\n dc a {\n  x y\n }\n}\n"
                        + NS,
                "aerospike.conf");

        assertThat(config.ignoredParameters())
                .containsExactly(
                        "aerospike.conf:1: stanza 'security' at the top level",
                        "aerospike.conf:7: stanza 'xdr' at the top level");
    }

    @Test
    void documentationListsEveryIgnoredName() throws IOException {
        String doc = Files.readString(ConfigParserTest.projectFile("docs/configuration.md"));
        List<Set<String>> all = List.of(
                KnownParameters.TOP_LEVEL,
                KnownParameters.NETWORK,
                KnownParameters.LOGGING,
                KnownParameters.SERVICE,
                KnownParameters.NETWORK_SERVICE,
                KnownParameters.HEARTBEAT,
                KnownParameters.FABRIC,
                KnownParameters.INFO,
                KnownParameters.ADMIN,
                KnownParameters.TLS,
                KnownParameters.NAMESPACE,
                KnownParameters.STORAGE_MEMORY,
                KnownParameters.STORAGE_DEVICE,
                KnownParameters.SET,
                KnownParameters.INDEX_MOUNTS,
                KnownParameters.GEO2DSPHERE_WITHIN,
                KnownParameters.SINDEX,
                KnownParameters.SYSLOG,
                KnownParameters.MOD_LUA);
        String ignoredSection = doc.substring(doc.indexOf("## Accepted and ignored"));

        for (Set<String> names : all) {
            for (String name : names) {
                assertThat(ignoredSection).as(name).contains("`" + name + "`");
            }
        }
    }
}
