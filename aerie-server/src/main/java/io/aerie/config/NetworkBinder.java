package io.aerie.config;

import java.util.ArrayList;
import java.util.List;

/** Binds the {@code network} stanza. */
final class NetworkBinder {
    private final ConfValues values;
    private final List<String> ignored;

    NetworkBinder(ConfValues values, List<String> ignored) {
        this.values = values;
        this.ignored = ignored;
    }

    NetworkConfig network(ConfEntry stanza) {
        NetworkConfig d = NetworkConfig.defaults(List.of("any"));
        ServiceNetworkConfig service = d.service();
        HeartbeatConfig heartbeat = d.heartbeat();
        FabricConfig fabric = d.fabric();
        InfoConfig info = d.info();
        for (ConfEntry sub : stanza.body()) {
            if (!sub.isStanza()) {
                throw values.error(sub, "unknown parameter '" + sub.name() + "' in stanza 'network'");
            }
            switch (sub.name()) {
                case "service" -> service = service(sub);
                case "heartbeat" -> heartbeat = heartbeat(sub);
                case "fabric" -> fabric = fabric(sub);
                case "info" -> info = info(sub);
                case "tls" -> ignored.add(values.error(sub, "stanza tls").getMessage());
                default -> throw values.error(sub, "unknown stanza '" + sub.name() + "' in 'network'");
            }
        }
        return new NetworkConfig(service, heartbeat, fabric, info);
    }

    private ServiceNetworkConfig service(ConfEntry stanza) {
        List<String> addresses = new ArrayList<>();
        List<String> access = new ArrayList<>();
        List<String> alternate = new ArrayList<>();
        int port = 3000;
        for (ConfEntry p : stanza.body()) {
            switch (p.name()) {
                case "address" -> addresses.add(values.single(p));
                case "port" -> port = values.integer(p, 1, 65535);
                case "access-address" -> access.add(values.single(p));
                case "alternate-access-address" -> alternate.add(values.single(p));
                default ->
                    ConfigParser.ignoreOrFail(values, ignored, p, "network.service", KnownParameters.NETWORK_SERVICE);
            }
        }
        return new ServiceNetworkConfig(addresses.isEmpty() ? List.of("any") : addresses, port, access, alternate);
    }

    private HeartbeatConfig heartbeat(ConfEntry stanza) {
        String mode = "mesh";
        String address = null;
        int port = 3002;
        List<String> seeds = new ArrayList<>();
        int interval = 150;
        int timeout = 10;
        for (ConfEntry p : stanza.body()) {
            switch (p.name()) {
                case "mode" -> mode = values.oneOf(p, "mesh", "multicast");
                case "address" -> address = values.single(p);
                case "port" -> port = values.integer(p, 1, 65535);
                case "mesh-seed-address-port" -> seeds.add(seed(p));
                case "interval" -> interval = values.integer(p, 50, 600_000);
                case "timeout" -> timeout = values.integer(p, 3, 100_000);
                default ->
                    ConfigParser.ignoreOrFail(values, ignored, p, "network.heartbeat", KnownParameters.HEARTBEAT);
            }
        }
        return new HeartbeatConfig(mode, address, port, seeds, interval, timeout);
    }

    private String seed(ConfEntry p) {
        if (p.args().size() != 2) {
            throw values.error(p, "parameter 'mesh-seed-address-port' takes a host and a port");
        }
        ConfEntry port =
                new ConfEntry("mesh-seed-address-port", List.of(p.args().get(1)), p.line(), null);
        return p.args().get(0) + ":" + values.integer(port, 1, 65535);
    }

    private FabricConfig fabric(ConfEntry stanza) {
        String address = null;
        int port = 3001;
        for (ConfEntry p : stanza.body()) {
            switch (p.name()) {
                case "address" -> address = values.single(p);
                case "port" -> port = values.integer(p, 1, 65535);
                default -> ConfigParser.ignoreOrFail(values, ignored, p, "network.fabric", KnownParameters.FABRIC);
            }
        }
        return new FabricConfig(address, port);
    }

    private InfoConfig info(ConfEntry stanza) {
        String address = null;
        int port = 3003;
        for (ConfEntry p : stanza.body()) {
            switch (p.name()) {
                case "address" -> address = values.single(p);
                case "port" -> port = values.integer(p, 1, 65535);
                default -> throw values.error(p, "unknown parameter '" + p.name() + "' in stanza 'network.info'");
            }
        }
        return new InfoConfig(address, port);
    }
}
