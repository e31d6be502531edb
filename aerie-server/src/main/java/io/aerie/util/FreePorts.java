package io.aerie.util;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for nodes started by tests, tools and the fault harness, picked so that they stay free
 * until the node binds them.
 */
public final class FreePorts {
    /** Below Linux's default ephemeral range (32768-60999), where no outgoing connection takes a port. */
    private static final int LOW_PORT = 20_000;

    private static final int HIGH_PORT = 32_000;

    private static final int ATTEMPTS = 200;

    private FreePorts() {}

    /**
     * A port free now, below the ephemeral range and not in {@code taken} (which it joins): a port
     * the kernel hands out for binding to 0 may be taken, before the node binds it, by one of the
     * many connections other nodes and clients open meanwhile (seen as a heartbeat port already in
     * use on a restart, and as a listener that could not bind in CI).
     */
    public static int pick(Set<Integer> taken) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOW_PORT, HIGH_PORT);
            if (taken.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port)) {
                taken.add(port);
                return s.getLocalPort();
            } catch (IOException e) {
                // Taken: try another.
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            taken.add(s.getLocalPort());
            return s.getLocalPort();
        }
    }
}
