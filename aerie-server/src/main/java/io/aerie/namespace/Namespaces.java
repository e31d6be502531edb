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

    public Namespaces(List<NamespaceConfig> configs, Clock clock) {
        Map<String, Namespace> m = new LinkedHashMap<>();
        for (NamespaceConfig c : configs) {
            if (m.put(c.name(), new Namespace(c, clock)) != null) {
                throw new IllegalArgumentException("namespace " + c.name() + " configured twice");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
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
