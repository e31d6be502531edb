package io.aerie.cluster;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a node keeps each strong-consistency namespace's {@link ScState} across restarts. A save
 * returns once the state is durable: a node tells the others it has recorded a regime only after
 * that, so a restart cannot make it forget a regime that may have served writes.
 */
public interface ScStore {
    /** The state saved for {@code namespace}, or a fresh one if none was. */
    ScState load(String namespace) throws IOException;

    /** Saves {@code state} durably. */
    void save(String namespace, ScState state) throws IOException;

    /** A store in memory, for tests and the simulation: it survives whatever its owner keeps it across. */
    static ScStore inMemory() {
        Map<String, byte[]> saved = new HashMap<>();
        return new ScStore() {
            @Override
            public synchronized ScState load(String namespace) {
                byte[] b = saved.get(namespace);
                return b == null ? new ScState() : ScState.decode(java.nio.ByteBuffer.wrap(b));
            }

            @Override
            public synchronized void save(String namespace, ScState state) {
                saved.put(namespace, state.encode());
            }
        };
    }
}
