package io.aerie.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.NamespaceConfig;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.protocol.AsMessageDecoder;
import io.aerie.protocol.FieldType;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.OpType;
import io.aerie.protocol.ParticleType;
import io.aerie.storage.Digest;
import io.aerie.txn.TransactionService;
import io.aerie.util.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The look ahead the network layer runs over a pass's requests never fails, whatever the bytes,
 * and changes no record.
 */
class PrefetchPropertiesTest {
    private static final byte[] NS = "test".getBytes(StandardCharsets.UTF_8);

    private static byte[] digest(int key) {
        byte[] d = new byte[20];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (key * 31 + i * 7 + (key >> 8));
        }
        return d;
    }

    private static byte[] put(int key, int value) {
        MsgBuilder b = new MsgBuilder();
        b.info2 = MsgFlags.INFO2_WRITE;
        b.field(FieldType.NAMESPACE, NS).field(FieldType.DIGEST, digest(key));
        b.op(OpType.WRITE, ParticleType.BLOB, "b".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) value, 1, 2});
        return b.body();
    }

    private static byte[] get(int key) {
        MsgBuilder b = new MsgBuilder();
        b.info1 = MsgFlags.INFO1_READ | MsgFlags.INFO1_GET_ALL;
        b.field(FieldType.NAMESPACE, NS).field(FieldType.DIGEST, digest(key));
        return b.body();
    }

    @Property(tries = 200)
    void lookingAheadAtAnyBytesFailsNeverAndChangesNothing(
            @ForAll @IntRange(min = 1, max = 40) int keys,
            @ForAll @Size(max = 12) List<@Size(max = 120) byte[]> garbage,
            @ForAll @Size(max = 6) List<@IntRange(max = 100_000) Integer> flips) {
        Namespaces namespaces = new Namespaces(List.of(NamespaceConfig.inMemory("test", 1L << 26)), Clock.SYSTEM);
        TransactionService txn = new TransactionService(namespaces);
        ByteBuf out = Unpooled.buffer();
        for (int k = 0; k < keys; k++) {
            byte[] body = put(k, k);
            txn.executeSingle(AsMessageDecoder.decode(body, 0, body.length), out);
        }
        Namespace ns = namespaces.get("test");
        assertThat(ns).isNotNull();
        List<byte[]> before = records(ns, keys);

        List<byte[]> bodies = new ArrayList<>(garbage);
        for (int k = 0; k < keys + 5; k++) {
            bodies.add(k % 2 == 0 ? get(k) : put(k, k + 1));
        }
        byte[] mutated = put(1, 9);
        for (int f : flips) {
            mutated[f % mutated.length] ^= (byte) (1 << (f % 8));
        }
        bodies.add(mutated);
        txn.prefetch(bodies.toArray(new byte[0][]), bodies.size());

        List<byte[]> after = records(ns, keys);
        for (int k = 0; k < keys; k++) {
            assertThat(after.get(k)).as("record %d", k).isEqualTo(before.get(k));
        }
        out.release();
    }

    /** Copies of the stored records of keys 0 until {@code keys}. */
    private static List<byte[]> records(Namespace ns, int keys) {
        List<byte[]> copies = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            byte[] d = digest(k);
            byte[] r = ns.lookup(Digest.partitionId(d, 0), Digest.of(d, 0));
            assertThat(r).as("record %d", k).isNotNull();
            copies.add(r.clone());
        }
        return copies;
    }
}
