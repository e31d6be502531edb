package io.aerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.NodeConfig;
import io.aerie.config.ServiceConfig;
import io.aerie.server.Aerie;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing, limits and ordering of the client listener, seen from a raw socket. */
class ConnectionHandlingTest {
    private static Aerie start(int protoFdMax, int idleMs) {
        NodeConfig base = NodeConfig.defaults().withServicePort(0);
        ServiceConfig service = new ServiceConfig(null, null, protoFdMax, idleMs, 0);
        return Aerie.start(new NodeConfig(service, base.network(), base.logging(), base.namespaces(), List.of()));
    }

    @Test
    void pipelinedInfoRequestsAreAnsweredInOrder() throws Exception {
        try (Aerie node = Aerie.startEphemeral();
                RawConnection c = new RawConnection(node.port(), 5000)) {
            c.send(RawConnection.info("node\n"), RawConnection.info("build\n"), RawConnection.info("namespaces\n"));
            assertThat(c.readInfo()).isEqualTo("node\t" + node.nodeId() + "\n");
            assertThat(c.readInfo()).startsWith("build\t8.");
            assertThat(c.readInfo()).isEqualTo("namespaces\ttest\n");
        }
    }

    @Test
    void connectionsOverProtoFdMaxAreClosedAndTheOthersServe() throws Exception {
        try (Aerie node = start(2, 0)) {
            List<RawConnection> open = new ArrayList<>();
            try {
                open.add(new RawConnection(node.port(), 2000));
                open.add(new RawConnection(node.port(), 2000));
                for (RawConnection c : open) {
                    c.send(RawConnection.info("status\n"));
                    assertThat(c.readInfo()).isEqualTo("status\tok\n");
                }
                try (RawConnection third = new RawConnection(node.port(), 2000)) {
                    assertThat(third.closedByServer()).isTrue();
                }
                open.get(0).send(RawConnection.info("status\n"));
                assertThat(open.get(0).readInfo()).isEqualTo("status\tok\n");
            } finally {
                for (RawConnection c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void idleConnectionsAreReaped() throws Exception {
        try (Aerie node = start(100, 200);
                RawConnection c = new RawConnection(node.port(), 3000)) {
            c.send(RawConnection.info("status\n"));
            assertThat(c.readInfo()).isEqualTo("status\tok\n");
            long start = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(100L, 2900L);
        }
    }

    @Test
    void badFramesCloseTheConnectionButNotTheNode() throws Exception {
        try (Aerie node = Aerie.startEphemeral()) {
            byte[][] bad = {
                RawConnection.frame(3, 1, "node\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                RawConnection.frame(2, 9, new byte[4]),
                RawConnection.frame(2, 5, new byte[4]),
            };
            for (byte[] frame : bad) {
                try (RawConnection c = new RawConnection(node.port(), 3000)) {
                    c.send(frame);
                    assertThat(c.closedByServer()).isTrue();
                }
            }
            try (RawConnection c = new RawConnection(node.port(), 3000)) {
                // A header announcing 200 MiB: over the 128 MiB limit, refused before any body arrives.
                byte[] header = java.nio.ByteBuffer.allocate(8)
                        .putLong((2L << 56) | (3L << 48) | (200L << 20))
                        .array();
                c.send(header);
                assertThat(c.closedByServer()).isTrue();
            }
            try (RawConnection c = new RawConnection(node.port(), 3000)) {
                c.send(RawConnection.info("status\n"));
                assertThat(c.readInfo()).isEqualTo("status\tok\n");
            }
        }
    }

    @Test
    void unknownInfoCommandsGetAnErrorValueNotSilence() throws Exception {
        try (Aerie node = Aerie.startEphemeral();
                RawConnection c = new RawConnection(node.port(), 3000)) {
            c.send(RawConnection.info("no-such-command\nstatus\n"));
            assertThat(c.readInfo()).isEqualTo("no-such-command\tERROR:4:unrecognized command\nstatus\tok\n");
        }
    }

    @Test
    void adminLoginIsAnsweredSecurityNotEnabled() throws Exception {
        try (Aerie node = Aerie.startEphemeral();
                RawConnection c = new RawConnection(node.port(), 3000)) {
            byte[] login = new byte[16];
            login[2] = 20;
            c.send(RawConnection.frame(2, 2, login));
            byte[] reply = c.readFrame(2);
            assertThat(reply).hasSize(16);
            assertThat(reply[1]).isEqualTo((byte) 52);
        }
    }
}
