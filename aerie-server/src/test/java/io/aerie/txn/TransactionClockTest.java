package io.aerie.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.NamespaceConfig;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.protocol.AsMessageDecoder;
import io.aerie.protocol.FieldType;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.OpType;
import io.aerie.protocol.ParticleType;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import io.aerie.util.CitrusleafEpoch;
import io.aerie.util.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When transactions read the clock: a read of a record that never expires not at all, a write
 * once, under the lock, for both its last-update time and its expiry. The clock here moves 700 ms
 * on every reading, so two readings in one transaction would show.
 */
class TransactionClockTest {
    private static final long START = CitrusleafEpoch.EPOCH_MILLIS + 400_000_000_000L;
    private static final byte[] DIGEST = new byte[20];

    private int readings;
    private long offsetMillis;
    private final Clock clock = () -> START + offsetMillis + 700L * ++readings;
    private final Namespaces namespaces = new Namespaces(List.of(NamespaceConfig.inMemory("test", 1 << 24)), clock);
    private final TransactionService txn = new TransactionService(namespaces);

    private static byte[] request(int info1, int info2, int ttl, boolean write) {
        byte[] ns = "test".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(128)
                .put((byte) 22)
                .put((byte) info1)
                .put((byte) info2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .putInt(0)
                .putInt(ttl)
                .putInt(0)
                .putShort((short) 2)
                .putShort((short) (write ? 1 : 0));
        b.putInt(1 + ns.length).put((byte) FieldType.NAMESPACE).put(ns);
        b.putInt(1 + DIGEST.length).put((byte) FieldType.DIGEST).put(DIGEST);
        if (write) {
            b.putInt(4 + 1 + 8)
                    .put((byte) OpType.WRITE)
                    .put((byte) ParticleType.INTEGER)
                    .put((byte) 0)
                    .put((byte) 1)
                    .put((byte) 'v')
                    .putLong(42);
        }
        byte[] body = new byte[b.position()];
        b.flip().get(body);
        return body;
    }

    /** Executes the request; returns its reply's result code. */
    private int execute(byte[] body) {
        ByteBuf out = Unpooled.buffer();
        try {
            txn.executeSingle(AsMessageDecoder.decode(body, 0, body.length), out);
            return out.getByte(8 + 5) & 0xFF;
        } finally {
            out.release();
        }
    }

    private int write(int ttl) {
        return execute(request(0, MsgFlags.INFO2_WRITE, ttl, true));
    }

    private int read() {
        return execute(request(MsgFlags.INFO1_READ | MsgFlags.INFO1_GET_ALL, 0, 0, false));
    }

    private byte[] stored() {
        Namespace ns = namespaces.get("test");
        assertThat(ns).isNotNull();
        byte[] r = ns.lookup(Digest.partitionId(DIGEST, 0), Digest.of(DIGEST, 0));
        assertThat(r).isNotNull();
        return r;
    }

    @Test
    void aReadOfARecordThatNeverExpiresDoesNotReadTheClock() {
        assertThat(write(-1)).isEqualTo(ResultCode.OK);
        readings = 0;
        assertThat(read()).isEqualTo(ResultCode.OK);
        assertThat(readings).isZero();
    }

    @Test
    void aWriteReadsTheClockOnceForItsLastUpdateTimeAndItsExpiry() {
        assertThat(write(-1)).isEqualTo(ResultCode.OK);
        readings = 0;
        assertThat(write(100)).isEqualTo(ResultCode.OK);
        assertThat(readings).isEqualTo(1);
        byte[] r = stored();
        assertThat(Integer.toUnsignedLong(Record.voidTime(r)))
                .isEqualTo(Math.floorDiv(Record.lastUpdateTime(r), 1000L) + 100);
    }

    @Test
    void aReadOfARecordThatExpiresReadsTheClockAndMissesItOnceExpired() {
        assertThat(write(100)).isEqualTo(ResultCode.OK);
        readings = 0;
        assertThat(read()).isEqualTo(ResultCode.OK);
        assertThat(readings).isEqualTo(1);
        offsetMillis = 100_000;
        assertThat(read()).isEqualTo(ResultCode.KEY_NOT_FOUND);
    }
}
