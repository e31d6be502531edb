package io.aerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.server.Aerie;
import io.aerie.storage.Digest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests pipelined on one connection are answered in order, even when one of them is a scan. */
class PipeliningTest {
    private static final byte[] NS = "test".getBytes(StandardCharsets.UTF_8);

    private static ByteBuffer header(ByteBuffer b, int info1, int info2, int info3, int nFields, int nOps) {
        return b.put((byte) 22)
                .put((byte) info1)
                .put((byte) info2)
                .put((byte) info3)
                .put((byte) 0)
                .put((byte) 0)
                .putInt(0)
                .putInt(0)
                .putInt(0)
                .putShort((short) nFields)
                .putShort((short) nOps);
    }

    private static byte[] msg(ByteBuffer b) {
        byte[] body = new byte[b.position()];
        b.flip().get(body);
        return RawConnection.frame(2, 3, body);
    }

    @Test
    void aScanBetweenAWriteAndAReadKeepsTheRepliesInOrder() throws Exception {
        byte[] digest = new byte[20];
        digest[0] = 7;
        int pid = Digest.partitionId(digest, 0);
        ByteBuffer put = header(ByteBuffer.allocate(256), 0, 1, 0, 2, 1);
        put.putInt(5).put((byte) 0).put(NS).putInt(21).put((byte) 4).put(digest);
        put.putInt(4 + 1 + 8)
                .put((byte) 2)
                .put((byte) 1)
                .put((byte) 0)
                .put((byte) 1)
                .put((byte) 'v')
                .putLong(42);
        ByteBuffer scan = header(ByteBuffer.allocate(256), 1, 0, 4, 2, 0);
        scan.putInt(5)
                .put((byte) 0)
                .put(NS)
                .putInt(3)
                .put((byte) 11)
                .put((byte) pid)
                .put((byte) (pid >> 8));
        ByteBuffer get = header(ByteBuffer.allocate(256), 3, 0, 0, 2, 0);
        get.putInt(5).put((byte) 0).put(NS).putInt(21).put((byte) 4).put(digest);
        try (Aerie node = Aerie.startEphemeral();
                RawConnection c = new RawConnection(node.port(), 5000)) {
            c.send(msg(put), msg(scan), msg(get));
            byte[] putReply = c.readFrame(3);
            assertThat(putReply[5]).as("put result").isZero();
            assertThat(putReply[3] & 1)
                    .as("a single-record reply is not flagged LAST")
                    .isZero();
            int rows = 0;
            boolean last = false;
            while (!last) {
                ByteBuffer f = ByteBuffer.wrap(c.readFrame(3));
                while (f.remaining() >= 22) {
                    int start = f.position();
                    last = (f.get(start + 3) & 1) != 0;
                    int n = (f.getShort(start + 18) & 0xFFFF) + (f.getShort(start + 20) & 0xFFFF);
                    f.position(start + 22);
                    for (int i = 0; i < n; i++) {
                        f.position(f.position() + 4 + f.getInt(f.position()));
                    }
                    if (!last) {
                        rows++;
                    }
                }
            }
            assertThat(rows).isEqualTo(1);
            ByteBuffer getReply = ByteBuffer.wrap(c.readFrame(3));
            assertThat(getReply.get(5)).as("get result").isZero();
            assertThat(getReply.getShort(20)).as("one bin").isEqualTo((short) 1);
            assertThat(getReply.getLong(22 + 8 + 1)).isEqualTo(42);
        }
    }
}
