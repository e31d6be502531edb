package io.aerie.server;

import io.aerie.config.NodeConfig;
import java.util.concurrent.CountDownLatch;

/** {@code bin/aerie}: starts a node and runs until SIGTERM or Ctrl-C. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        NodeConfig config = NodeConfig.defaults();
        Aerie node = Aerie.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "aerie-shutdown"));
        stopped.await();
    }
}
