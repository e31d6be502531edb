package io.aerie.server;

import io.aerie.config.ConfigException;
import io.aerie.config.ConfigParser;
import io.aerie.config.NodeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/aerie}: starts a node and runs until SIGTERM or Ctrl-C. */
@Command(
        name = "aerie",
        mixinStandardHelpOptions = true,
        version = "Aerie (Aerospike " + io.aerie.info.ClusterInfoCommands.BUILD + " protocol)",
        description = "Starts an Aerie node. With no options: namespace 'test' in memory on 127.0.0.1:3000.")
public final class Main implements Callable<Integer> {
    @Option(
            names = {"--config", "-c"},
            paramLabel = "FILE",
            description = "aerospike.conf-style configuration file")
    private @Nullable Path config;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig nodeConfig;
        Path file = config;
        try {
            nodeConfig = file == null ? NodeConfig.defaults() : ConfigParser.parse(file);
        } catch (ConfigException e) {
            System.err.println("aerie: bad configuration: " + e.getMessage());
            return 2;
        }
        LoggingSetup.apply(nodeConfig.logging());
        Aerie node;
        try {
            node = Aerie.start(nodeConfig);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            System.err.println("aerie: cannot start: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "aerie-shutdown"));
        stopped.await();
        return 0;
    }
}
