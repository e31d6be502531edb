package io.aerie.info;

import io.aerie.config.NamespaceConfig;
import io.aerie.config.NodeConfig;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** {@code get-config} and {@code set-config}, with Aerospike's contexts and parameter names. */
final class ConfigInfoCommands {
    private ConfigInfoCommands() {}

    static void register(InfoRegistry registry, NodeConfig config, NodeState node, Namespaces namespaces) {
        registry.register("get-config", (n, a) -> getConfig(config, node, namespaces, InfoRegistry.params(a)));
        registry.register("set-config", (n, a) -> setConfig(namespaces, InfoRegistry.params(a)));
    }

    private static String getConfig(NodeConfig config, NodeState node, Namespaces namespaces, Map<String, String> p) {
        String context = p.getOrDefault("context", "service");
        return switch (context) {
            case "service" -> service(config, node);
            case "network" -> network(config, node);
            case "namespace" -> {
                String id = InfoRegistry.param(p, "id", "namespace");
                Namespace ns = id == null ? null : namespaces.get(id);
                if (ns == null) {
                    throw new IllegalArgumentException("namespace not found");
                }
                yield NamespaceInfoCommands.config(ns.config());
            }
            case "logging" ->
                "0:any:"
                        + config.logging().sinks().stream()
                                .findFirst()
                                .map(s -> {
                                    String level = s.levelFor("any");
                                    return level == null ? "info" : level.toUpperCase(Locale.ROOT);
                                })
                                .orElse("INFO");
            default -> throw new IllegalArgumentException("unknown context '" + context + "'");
        };
    }

    private static String service(NodeConfig config, NodeState node) {
        StringJoiner j = new StringJoiner(";");
        String clusterName = node.clusterName();
        j.add("cluster-name=" + (clusterName == null ? "null" : clusterName));
        j.add("node-id=" + node.nodeId());
        j.add("proto-fd-max=" + config.service().protoFdMax());
        j.add("proto-fd-idle-ms=" + config.service().protoFdIdleMs());
        j.add("service-threads=" + config.serviceThreads());
        return j.toString();
    }

    private static String network(NodeConfig config, NodeState node) {
        var net = config.network();
        StringJoiner j = new StringJoiner(";");
        j.add("service.address=" + String.join(",", net.service().addresses()));
        j.add("service.port=" + node.servicePort());
        j.add("service.access-address=" + String.join(",", node.serviceAddresses()));
        j.add("heartbeat.mode=" + net.heartbeat().mode());
        j.add("heartbeat.port=" + net.heartbeat().port());
        j.add("heartbeat.interval=" + net.heartbeat().intervalMs());
        j.add("heartbeat.timeout=" + net.heartbeat().timeout());
        j.add("heartbeat.mesh-seed-address-port="
                + String.join(",", net.heartbeat().meshSeeds()));
        j.add("fabric.port=" + net.fabric().port());
        j.add("info.port=" + net.info().port());
        return j.toString();
    }

    /** Changes dynamic namespace parameters; the new config is validated as a whole before use. */
    private static String setConfig(Namespaces namespaces, Map<String, String> p) {
        String context = p.get("context");
        if (!"namespace".equals(context)) {
            throw new IllegalArgumentException("set-config supports context=namespace only");
        }
        String id = InfoRegistry.param(p, "id", "namespace");
        Namespace ns = id == null ? null : namespaces.get(id);
        if (ns == null) {
            throw new IllegalArgumentException("namespace not found");
        }
        NamespaceConfig.Builder b = ns.config().toBuilder();
        int changed = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (e.getKey().equals("context")
                    || e.getKey().equals("id")
                    || e.getKey().equals("namespace")) {
                continue;
            }
            apply(b, e.getKey(), e.getValue());
            changed++;
        }
        if (changed == 0) {
            throw new IllegalArgumentException("no parameter to set");
        }
        ns.reconfigure(b.build());
        return "ok";
    }

    private static void apply(NamespaceConfig.Builder b, String name, String value) {
        try {
            switch (name) {
                case "default-ttl" -> b.defaultTtlSeconds(Long.parseLong(value));
                case "nsup-period" -> b.nsupPeriodSeconds(Integer.parseInt(value));
                case "allow-ttl-without-nsup" -> b.allowTtlWithoutNsup(bool(name, value));
                case "default-read-touch-ttl-pct" -> b.defaultReadTouchTtlPct(Integer.parseInt(value));
                case "stop-writes-used-pct", "storage-engine.stop-writes-used-pct" ->
                    b.stopWritesUsedPct(Integer.parseInt(value));
                case "evict-used-pct", "storage-engine.evict-used-pct" -> b.evictUsedPct(Integer.parseInt(value));
                case "stop-writes-sys-memory-pct" -> b.stopWritesSysMemoryPct(Integer.parseInt(value));
                case "max-record-size" -> b.maxRecordSize(Long.parseLong(value));
                case "conflict-resolution-policy" -> b.conflictResolutionPolicy(value);
                case "tomb-raider-eligible-age" -> b.tombRaiderEligibleAgeSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("parameter '" + name + "' is not dynamic or not known");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "': not a number: " + value, e);
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("parameter '" + name + "': expected true or false");
        };
    }
}
