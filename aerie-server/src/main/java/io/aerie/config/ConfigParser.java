package io.aerie.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an aerospike.conf-style file into a {@link NodeConfig}: Aerospike's stanzas, parameter
 * names and defaults, a documented subset (docs/configuration.md). Unknown stanzas and
 * parameters stop start-up with a message naming the file, the line and the parameter.
 */
public final class ConfigParser {
    private final String source;
    private final ConfValues values;
    private final List<String> ignored = new ArrayList<>();

    private ConfigParser(String source) {
        this.source = source;
        this.values = new ConfValues(source);
    }

    /** Parses a config file. */
    public static NodeConfig parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e, e);
        }
        return parse(
                text,
                file.getFileName() == null
                        ? file.toString()
                        : file.getFileName().toString());
    }

    /** Parses config text; {@code sourceName} names it in error messages. */
    public static NodeConfig parse(String text, String sourceName) {
        return new ConfigParser(sourceName).bind(ConfReader.read(text, sourceName));
    }

    private NodeConfig bind(List<ConfEntry> top) {
        ServiceConfig service = ServiceConfig.defaults();
        NetworkConfig network = NetworkConfig.defaults(List.of("any"));
        LoggingConfig logging = LoggingConfig.defaults();
        List<NamespaceConfig> namespaces = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfEntry e : top) {
            if (!e.isStanza()) {
                throw values.error(e, "parameter '" + e.name() + "' outside any stanza");
            }
            if (!e.name().equals("namespace") && !seen.add(e.name())) {
                throw values.error(e, "stanza '" + e.name() + "' appears twice");
            }
            switch (e.name()) {
                case "service" -> service = service(e);
                case "network" -> network = new NetworkBinder(values, ignored).network(e);
                case "logging" -> logging = logging(e);
                case "namespace" -> {
                    NamespaceConfig ns = new NamespaceBinder(values, ignored).namespace(e);
                    if (namespaces.stream().anyMatch(n -> n.name().equals(ns.name()))) {
                        throw values.error(e, "namespace '" + ns.name() + "' is configured twice");
                    }
                    namespaces.add(ns);
                }
                default -> {
                    if (!KnownParameters.SKIPPED_STANZAS.contains(e.name())) {
                        throw values.error(e, "unknown stanza '" + e.name() + "'");
                    }
                    ignored.add(source + ":" + e.line() + ": stanza " + e.name());
                }
            }
        }
        if (namespaces.isEmpty()) {
            throw new ConfigException(source + ": no namespace configured");
        }
        return new NodeConfig(service, network, logging, namespaces, ignored);
    }

    private ServiceConfig service(ConfEntry stanza) {
        String clusterName = null;
        String nodeId = null;
        int fdMax = 15000;
        int idleMs = 0;
        int threads = 0;
        for (ConfEntry p : stanza.body()) {
            noStanza(p, "service");
            switch (p.name()) {
                case "cluster-name" -> clusterName = values.single(p);
                case "node-id" -> nodeId = hex(p);
                case "proto-fd-max" -> fdMax = values.integer(p, 1, 2_000_000);
                case "proto-fd-idle-ms" -> idleMs = values.integer(p, 0, Integer.MAX_VALUE);
                case "service-threads" -> threads = values.integer(p, 1, 4096);
                default -> ignoreOrFail(p, "service", KnownParameters.SERVICE);
            }
        }
        return new ServiceConfig(clusterName, nodeId, fdMax, idleMs, threads);
    }

    private String hex(ConfEntry p) {
        String v = values.single(p);
        if (!v.matches("[0-9a-fA-F]{1,16}")) {
            throw values.error(p, "parameter 'node-id' must be 1 to 16 hex digits, got " + v);
        }
        return v;
    }

    private LoggingConfig logging(ConfEntry stanza) {
        List<LoggingConfig.LogSink> sinks = new ArrayList<>();
        for (ConfEntry sink : stanza.body()) {
            @Nullable String file;
            if (sink.name().equals("console") && sink.isStanza() && sink.args().isEmpty()) {
                file = null;
            } else if (sink.name().equals("file")
                    && sink.isStanza()
                    && sink.args().size() == 1) {
                file = sink.args().get(0);
            } else {
                throw values.error(
                        sink,
                        "unknown logging sink '" + sink.name()
                                + "' (expected 'console { ... }' or 'file PATH { ... }')");
            }
            Map<String, String> contexts = new LinkedHashMap<>();
            for (ConfEntry c : sink.body()) {
                if (!c.name().equals("context") || c.isStanza() || c.args().size() != 2) {
                    throw values.error(
                            c, "unknown parameter '" + c.name() + "' in logging sink (expected 'context NAME LEVEL')");
                }
                String level = c.args().get(1).toLowerCase(java.util.Locale.ROOT);
                if (!Set.of("critical", "warning", "info", "debug", "detail").contains(level)) {
                    throw values.error(
                            c, "parameter 'context': unknown level '" + c.args().get(1) + "'");
                }
                contexts.put(c.args().get(0), level);
            }
            sinks.add(new LoggingConfig.LogSink(file, contexts));
        }
        return sinks.isEmpty() ? LoggingConfig.defaults() : new LoggingConfig(sinks);
    }

    private void noStanza(ConfEntry p, String where) {
        if (p.isStanza()) {
            throw values.error(p, "unknown stanza '" + p.name() + "' in " + where);
        }
    }

    private void ignoreOrFail(ConfEntry p, String where, Set<String> known) {
        ignoreOrFail(values, ignored, p, where, known);
    }

    static void ignoreOrFail(ConfValues values, List<String> ignored, ConfEntry p, String where, Set<String> known) {
        if (!known.contains(p.name())) {
            throw values.error(p, "unknown parameter '" + p.name() + "' in stanza '" + where + "'");
        }
        ignored.add(values.error(p, p.name()).getMessage());
    }
}
