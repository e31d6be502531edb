package io.aerie.namespace;

import io.aerie.config.NamespaceConfig;
import io.aerie.util.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The namespaces of a node, by name, in config order. */
public final class Namespaces {
    private final Map<String, Namespace> byName;
    /** Names as UTF-8, parallel to {@link #ordered}: the request path matches bytes, not Strings. */
    private final byte[][] names;

    private final Namespace[] ordered;
    /** Whether any namespace runs in strong consistency; lets an all-AP node skip per-request checks. */
    private final boolean anyStrongConsistency;

    public Namespaces(List<NamespaceConfig> configs, Clock clock) {
        Map<String, Namespace> m = new LinkedHashMap<>();
        for (NamespaceConfig c : configs) {
            if (m.put(c.name(), new Namespace(c, clock)) != null) {
                throw new IllegalArgumentException("namespace " + c.name() + " configured twice");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
        this.ordered = m.values().toArray(new Namespace[0]);
        this.names = new byte[ordered.length][];
        for (int i = 0; i < ordered.length; i++) {
            names[i] = ordered[i].name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        this.anyStrongConsistency = configs.stream().anyMatch(NamespaceConfig::strongConsistency);
    }

    /** Whether any of the namespaces is in strong-consistency mode. */
    public boolean anyStrongConsistency() {
        return anyStrongConsistency;
    }

    /** The namespace named by {@code buf[off, off+len)} (UTF-8), or null; allocates nothing. */
    public @Nullable Namespace get(byte[] buf, int off, int len) {
        for (int i = 0; i < names.length; i++) {
            byte[] n = names[i];
            if (n.length == len && java.util.Arrays.equals(n, 0, len, buf, off, off + len)) {
                return ordered[i];
            }
        }
        return null;
    }

    public @Nullable Namespace get(String name) {
        return byName.get(name);
    }

    public List<Namespace> all() {
        return new ArrayList<>(byName.values());
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
