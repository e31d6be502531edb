package io.aerie.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Aerospike's {@code aerospike.conf} format into a {@link NodeConfig}.
 *
 * <p>The file holds top-level stanzas {@code service}, {@code logging}, {@code network} and one or more
 * {@code namespace NAME}; parameters take Aerospike's names and defaults. Parameters that Aerospike knows but
 * Aerie does not act on are accepted and listed in {@link NodeConfig#ignoredParameters()}; any other name, a
 * bad value or a brace out of place is a {@link ConfigException} naming the file, line and parameter.
 */
public final class ConfigParser {
    private final String source;
    private final List<String> ignored = new ArrayList<>();

    private ConfigParser(String source) {
        this.source = source;
    }

    /** Parses the file at {@code file}; failure to read it is a {@link ConfigException} naming it. */
    public static NodeConfig parse(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file.toString(), 0, null, "cannot read configuration file: " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Parses {@code text}, naming {@code sourceName} (usually the file name) in error messages. */
    public static NodeConfig parse(String text, String sourceName) throws ConfigException {
        return new ConfigParser(sourceName).document(ConfigSyntax.read(text, sourceName));
    }

    private NodeConfig document(ConfigSyntax.Document document) {
        Section root = new Section(source, "", document.entries(), ignored);
        ServiceConfig service = null;
        NetworkConfig network = null;
        LoggingConfig logging = null;
        List<NamespaceConfig> namespaces = new ArrayList<>();
        for (ConfigEntry entry : root.entries()) {
            switch (entry.name()) {
                case "service" -> {
                    root.once(entry, service != null);
                    service = service(root.child(entry));
                }
                case "network" -> {
                    root.once(entry, network != null);
                    network = NetworkParser.network(root.child(entry));
                }
                case "logging" -> {
                    root.once(entry, logging != null);
                    logging = logging(root.child(entry));
                }
                case "namespace" -> namespaces.add(NamespaceParser.namespace(root, entry, namespaces));
                default -> {
                    if (KnownParameters.TOP_LEVEL.contains(entry.name())) {
                        root.requireStanza(entry);
                    }
                    root.ignore(entry, KnownParameters.TOP_LEVEL);
                }
            }
        }
        if (namespaces.isEmpty()) {
            throw new ConfigException(
                    source,
                    document.lineCount(),
                    "namespace",
                    "no namespace configured: at least one 'namespace NAME { ... }' stanza is required");
        }
        return new NodeConfig(
                service != null ? service : ServiceConfig.defaults(),
                network != null ? network : NetworkParser.network(root.empty("network")),
                logging != null ? logging : LoggingConfig.defaults(),
                namespaces,
                ignored);
    }

    private static ServiceConfig service(Section section) {
        String clusterName = null;
        String nodeId = null;
        int protoFdMax = ServiceConfig.DEFAULT_PROTO_FD_MAX;
        int protoFdIdleMs = ServiceConfig.DEFAULT_PROTO_FD_IDLE_MS;
        int serviceThreads = 0;
        long transactionMaxMs = ServiceConfig.DEFAULT_TRANSACTION_MAX_MS;
        int migrateThreads = ServiceConfig.DEFAULT_MIGRATE_THREADS;
        int minClusterSize = ServiceConfig.DEFAULT_MIN_CLUSTER_SIZE;
        int tickerIntervalSeconds = ServiceConfig.DEFAULT_TICKER_INTERVAL_SECONDS;
        boolean disableUdfExecution = false;
        int migrateMaxNumIncoming = ServiceConfig.DEFAULT_MIGRATE_MAX_NUM_INCOMING;
        String workDirectory = ServiceConfig.DEFAULT_WORK_DIRECTORY;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "cluster-name" -> clusterName = clusterName(section, entry);
                case "node-id" -> nodeId = nodeId(section, entry);
                case "proto-fd-max" -> protoFdMax = section.integer(entry, Limits.MIN_PROTO_FD_MAX, Integer.MAX_VALUE);
                case "proto-fd-idle-ms" -> protoFdIdleMs = section.integer(entry, 0, Integer.MAX_VALUE);
                case "service-threads" -> serviceThreads = section.integer(entry, 1, Limits.MAX_SERVICE_THREADS);
                case "transaction-max-ms" ->
                    transactionMaxMs = section.wholeNumber(entry, 1, Long.MAX_VALUE / 1_000_000);
                case "migrate-threads" -> migrateThreads = section.integer(entry, 0, 100);
                case "migrate-max-num-incoming" -> migrateMaxNumIncoming = section.integer(entry, 1, 256);
                case "min-cluster-size" -> minClusterSize = section.integer(entry, 0, Limits.MAX_REPLICATION_FACTOR);
                case "ticker-interval" -> tickerIntervalSeconds = section.integer(entry, 0, Integer.MAX_VALUE);
                case "disable-udf-execution" -> disableUdfExecution = section.bool(entry);
                case "work-directory" -> workDirectory = section.text(entry);
                default -> section.ignore(entry, KnownParameters.SERVICE);
            }
        }
        return new ServiceConfig(
                clusterName,
                nodeId,
                protoFdMax,
                protoFdIdleMs,
                serviceThreads,
                transactionMaxMs,
                migrateThreads,
                minClusterSize,
                tickerIntervalSeconds,
                disableUdfExecution,
                migrateMaxNumIncoming,
                workDirectory);
    }

    private static String clusterName(Section section, ConfigEntry entry) {
        String name = section.text(entry);
        if (name.length() > Limits.MAX_CLUSTER_NAME_LENGTH) {
            throw section.invalid(entry, name, "expected at most " + Limits.MAX_CLUSTER_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static String nodeId(Section section, ConfigEntry entry) {
        String id = section.text(entry);
        try {
            return ServiceConfig.normalizeNodeId(id);
        } catch (IllegalArgumentException e) {
            throw section.invalid(entry, id, "expected a non-zero hex number of 1 to 16 digits");
        }
    }

    private static LoggingConfig logging(Section section) {
        List<LogSink> sinks = new ArrayList<>();
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "console" -> {
                    section.requireStanza(entry);
                    if (!entry.values().isEmpty()) {
                        throw section.error(entry, "'console' takes no value: 'console {'");
                    }
                    sinks.add(sink(section.child(entry), null));
                }
                case "file" -> {
                    section.requireStanza(entry);
                    if (entry.values().size() != 1) {
                        throw section.error(
                                entry,
                                "'file' takes the path of the log file: 'file /var/log/aerospike/aerospike.log {'");
                    }
                    sinks.add(sink(section.child(entry), entry.values().get(0)));
                }
                default -> {
                    if (KnownParameters.LOGGING.contains(entry.name())) {
                        section.requireStanza(entry);
                    }
                    section.ignore(entry, KnownParameters.LOGGING);
                }
            }
        }
        return new LoggingConfig(sinks);
    }

    private static LogSink sink(Section section, @Nullable String file) {
        Map<String, String> contexts = new LinkedHashMap<>();
        for (ConfigEntry entry : section.entries()) {
            if (!entry.name().equals("context")) {
                throw section.unknown(entry);
            }
            List<String> values = section.values(entry, 2, 2);
            String context = values.get(0).toLowerCase(Locale.ROOT);
            String level = values.get(1).toLowerCase(Locale.ROOT);
            if (!LogSink.LEVELS.contains(level)) {
                throw section.invalid(
                        entry, values.get(1), "expected a log level: critical, warning, info, debug or detail");
            }
            // "any" sets every context, so it replaces what came before; a later line for one context wins.
            if (context.equals(LogSink.ANY)) {
                contexts.clear();
            } else {
                contexts.remove(context);
            }
            contexts.put(context, level);
        }
        return new LogSink(file, contexts);
    }
}
