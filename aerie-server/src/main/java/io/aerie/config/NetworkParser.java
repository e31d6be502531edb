package io.aerie.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Interprets the {@code network} stanza. */
final class NetworkParser {
    private static final Set<String> HEARTBEAT_MODES = Set.of(HeartbeatConfig.MESH, HeartbeatConfig.MULTICAST);
    /** Aerospike 3 published NAT addresses with {@code access-address ADDRESS virtual}. */
    private static final String VIRTUAL = "virtual";

    private record Endpoint(@Nullable String address, int port) {}

    private NetworkParser() {}

    static NetworkConfig network(Section section) {
        ServiceNetworkConfig service = null;
        HeartbeatConfig heartbeat = null;
        Endpoint fabric = null;
        Endpoint info = null;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "service" -> {
                    section.once(entry, service != null);
                    service = service(section.child(entry));
                }
                case "heartbeat" -> {
                    section.once(entry, heartbeat != null);
                    heartbeat = heartbeat(section.child(entry));
                }
                case "fabric" -> {
                    section.once(entry, fabric != null);
                    fabric = endpoint(section.child(entry), KnownParameters.FABRIC, FabricConfig.DEFAULT_PORT);
                }
                case "info" -> {
                    section.once(entry, info != null);
                    info = endpoint(section.child(entry), KnownParameters.INFO, InfoConfig.DEFAULT_PORT);
                }
                default -> {
                    if (KnownParameters.NETWORK.contains(entry.name())) {
                        section.requireStanza(entry);
                    }
                    section.ignore(entry, KnownParameters.NETWORK);
                }
            }
        }
        if (fabric == null) {
            fabric = endpoint(section.empty("fabric"), KnownParameters.FABRIC, FabricConfig.DEFAULT_PORT);
        }
        if (info == null) {
            info = endpoint(section.empty("info"), KnownParameters.INFO, InfoConfig.DEFAULT_PORT);
        }
        return new NetworkConfig(
                service != null ? service : service(section.empty("service")),
                heartbeat != null ? heartbeat : heartbeat(section.empty("heartbeat")),
                new FabricConfig(fabric.address(), fabric.port()),
                new InfoConfig(info.address(), info.port()));
    }

    private static ServiceNetworkConfig service(Section section) {
        List<String> addresses = new ArrayList<>();
        List<String> accessAddresses = new ArrayList<>();
        List<String> alternateAccessAddresses = new ArrayList<>();
        int port = ServiceNetworkConfig.DEFAULT_PORT;
        int accessPort = 0;
        int alternateAccessPort = 0;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "address" -> addresses.add(section.text(entry));
                case "port" -> port = section.port(entry);
                case "access-address" -> accessAddresses.add(accessAddress(section, entry));
                case "alternate-access-address" -> alternateAccessAddresses.add(section.text(entry));
                case "access-port" -> accessPort = section.port(entry);
                case "alternate-access-port" -> alternateAccessPort = section.port(entry);
                default -> section.ignore(entry, KnownParameters.NETWORK_SERVICE);
            }
        }
        if (addresses.isEmpty()) {
            addresses.add(ServiceNetworkConfig.ANY);
        }
        return new ServiceNetworkConfig(
                addresses, port, accessAddresses, alternateAccessAddresses, accessPort, alternateAccessPort);
    }

    private static String accessAddress(Section section, ConfigEntry entry) {
        List<String> values = section.values(entry, 1, 2);
        if (values.size() == 2 && !values.get(1).equals(VIRTUAL)) {
            throw section.invalid(entry, values.get(1), "expected nothing or 'virtual' after the address");
        }
        return values.get(0);
    }

    private static HeartbeatConfig heartbeat(Section section) {
        String mode = HeartbeatConfig.MESH;
        String address = null;
        Integer port = null;
        List<String> seeds = new ArrayList<>();
        int intervalMs = HeartbeatConfig.DEFAULT_INTERVAL_MS;
        int timeout = HeartbeatConfig.DEFAULT_TIMEOUT;
        List<String> legacyMeshAddresses = new ArrayList<>();
        int legacyMeshPort = HeartbeatConfig.DEFAULT_MESH_PORT;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "mode" -> mode = section.choice(entry, HEARTBEAT_MODES);
                case "address" -> {
                    String value = section.text(entry);
                    if (address == null) {
                        address = value;
                    } else {
                        section.ignoreRepeat(entry);
                    }
                }
                case "port" -> port = section.port(entry);
                case "mesh-seed-address-port" -> {
                    List<String> values = section.values(entry, 2, 2);
                    seeds.add(HeartbeatConfig.seed(values.get(0), section.port(entry, values.get(1))));
                }
                case "interval" ->
                    intervalMs =
                            section.integer(entry, Limits.MIN_HEARTBEAT_INTERVAL_MS, Limits.MAX_HEARTBEAT_INTERVAL_MS);
                case "timeout" -> timeout = section.integer(entry, Limits.MIN_HEARTBEAT_TIMEOUT, Integer.MAX_VALUE);
                // Aerospike 3 named one seed with mesh-address and mesh-port.
                case "mesh-address" -> legacyMeshAddresses.add(section.text(entry));
                case "mesh-port" -> legacyMeshPort = section.port(entry);
                default -> section.ignore(entry, KnownParameters.HEARTBEAT);
            }
        }
        for (String host : legacyMeshAddresses) {
            seeds.add(HeartbeatConfig.seed(host, legacyMeshPort));
        }
        if (port == null) {
            port = mode.equals(HeartbeatConfig.MULTICAST)
                    ? HeartbeatConfig.DEFAULT_MULTICAST_PORT
                    : HeartbeatConfig.DEFAULT_MESH_PORT;
        }
        return new HeartbeatConfig(mode, address, port, seeds, intervalMs, timeout);
    }

    private static Endpoint endpoint(Section section, Set<String> ignorable, int defaultPort) {
        String address = null;
        int port = defaultPort;
        for (ConfigEntry entry : section.entries()) {
            switch (entry.name()) {
                case "address" -> {
                    String value = section.text(entry);
                    if (address == null) {
                        address = value;
                    } else {
                        section.ignoreRepeat(entry);
                    }
                }
                case "port" -> port = section.port(entry);
                default -> section.ignore(entry, ignorable);
            }
        }
        return new Endpoint(address, port);
    }
}
