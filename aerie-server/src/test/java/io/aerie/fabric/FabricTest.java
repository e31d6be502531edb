package io.aerie.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Two nodes exchange typed messages over the fabric, and a peer that restarts is reached again. */
class FabricTest {
    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Sends until the fabric takes the message (the first sends open the channel). */
    private static void sendUntilTaken(Fabric from, long to, int type, long key, String text)
            throws InterruptedException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        await(() -> from.send(to, type, key, payload), "message taken");
    }

    @Test
    void messagesArriveWithTheirTypeKeyAndSenderAndAPeerThatRestartsIsReachedAgain() throws Exception {
        List<FabricMessage> atB = new CopyOnWriteArrayList<>();
        List<FabricMessage> atA = new CopyOnWriteArrayList<>();
        try (NettyFabric a = new NettyFabric(0xA, "127.0.0.1", 0)) {
            InetSocketAddress addrA = a.start();
            a.register(7, atA::add);
            NettyFabric b = new NettyFabric(0xB, "127.0.0.1", 0);
            InetSocketAddress addrB = b.start();
            b.register(5, atB::add);
            a.addPeer(0xB, addrB);
            b.addPeer(0xA, addrA);

            sendUntilTaken(a, 0xB, 5, 42, "hello b");
            sendUntilTaken(b, 0xA, 7, 42, "hello a");
            await(() -> atB.size() == 1 && atA.size() == 1, "both messages delivered");
            FabricMessage m = atB.get(0);
            assertThat(m.type()).isEqualTo(5);
            assertThat(m.clusterKey()).isEqualTo(42);
            assertThat(m.source()).isEqualTo(0xA);
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("hello b");
            assertThat(a.send(0xC, 5, 42, new byte[0])).as("an unknown peer").isFalse();

            for (int i = 0; i < 1000; i++) {
                sendUntilTaken(a, 0xB, 5, 43, "n" + i);
            }
            await(() -> atB.size() == 1001, "a thousand messages in order");
            for (int i = 0; i < 1000; i++) {
                assertThat(new String(atB.get(i + 1).payload(), StandardCharsets.UTF_8))
                        .isEqualTo("n" + i);
            }

            b.close();
            NettyFabric b2 = new NettyFabric(0xB, "127.0.0.1", addrB.getPort());
            b2.start();
            List<FabricMessage> atB2 = new CopyOnWriteArrayList<>();
            b2.register(5, atB2::add);
            await(
                    () -> {
                        a.send(0xB, 5, 44, "again".getBytes(StandardCharsets.UTF_8));
                        return !atB2.isEmpty();
                    },
                    "the restarted peer is reached");
            assertThat(atB2.get(0).clusterKey()).isEqualTo(44);
            b2.close();
        }
    }
}
