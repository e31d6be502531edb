package io.aerie.junit;

import io.aerie.config.NodeConfig;
import io.aerie.server.Aerie;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one embedded Aerie node per test class, on a free loopback port, so application tests talk
 * to a real node without containers. Either declare it:
 *
 * <pre>{@code
 * @ExtendWith(AerieExtension.class)
 * class MyTest {
 *     @Test void works(Aerie node) { new AerospikeClient("127.0.0.1", node.port()); }
 * }
 * }</pre>
 *
 * or register it with a config of your own:
 *
 * <pre>{@code
 * @RegisterExtension static final AerieExtension AERIE = AerieExtension.withConfig(myConfig);
 * }</pre>
 */
public final class AerieExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(AerieExtension.class);

    private final NodeConfig config;

    /** A node with the default namespace {@code test} in memory, on a free port. */
    public AerieExtension() {
        this(NodeConfig.defaults().withServicePort(0));
    }

    private AerieExtension(NodeConfig config) {
        this.config = config;
    }

    /** A node with the given config (use port 0 for a free port). */
    public static AerieExtension withConfig(NodeConfig config) {
        return new AerieExtension(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (find(context) != null) {
            // A @Nested class shares its enclosing class's node.
            return;
        }
        Aerie node = Aerie.start(config);
        context.getStore(STORE).put(key(context), node);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Aerie node = context.getStore(STORE).remove(key(context), Aerie.class);
        if (node != null) {
            node.close();
        }
    }

    /** The node of the test class now running. */
    public Aerie node(ExtensionContext context) {
        Aerie node = find(context);
        if (node == null) {
            throw new IllegalStateException("no Aerie node: the extension starts one in beforeAll");
        }
        return node;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Aerie.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Aerie node = find(extensionContext);
        if (node == null) {
            throw new ParameterResolutionException("no Aerie node for " + extensionContext.getDisplayName());
        }
        return node;
    }

    private static @Nullable Aerie find(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Aerie node = c.getStore(STORE).get(key(c), Aerie.class);
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    private static String key(ExtensionContext context) {
        return "node:" + context.getUniqueId();
    }
}
