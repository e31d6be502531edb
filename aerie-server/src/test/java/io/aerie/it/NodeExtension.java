package io.aerie.it;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aerie.config.NodeConfig;
import io.aerie.server.Aerie;
import io.aerie.util.Clock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one node per test class on a free port and connects the official client to it. Tests
 * get both through {@link #client()} and {@link #node()}.
 */
public final class NodeExtension implements BeforeAllCallback, AfterAllCallback {
    private final NodeConfig config;
    private final Clock clock;
    private @Nullable Aerie node;
    private @Nullable AerospikeClient client;

    public NodeExtension() {
        this(NodeConfig.defaults().withServicePort(0));
    }

    public NodeExtension(NodeConfig config) {
        this(config, Clock.SYSTEM);
    }

    /** A node whose namespaces read time from {@code clock} (tests of expiry without sleeping). */
    public NodeExtension(NodeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Aerie started = Aerie.start(config, clock);
        node = started;
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5000;
        client = new AerospikeClient(policy, "127.0.0.1", started.port());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    public AerospikeClient client() {
        if (client == null) {
            throw new IllegalStateException("node not started");
        }
        return client;
    }

    public Aerie node() {
        if (node == null) {
            throw new IllegalStateException("node not started");
        }
        return node;
    }
}
