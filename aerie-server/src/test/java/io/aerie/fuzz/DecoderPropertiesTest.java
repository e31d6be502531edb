package io.aerie.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.protocol.AsMessage;
import io.aerie.protocol.AsMessageDecoder;
import io.aerie.protocol.BatchRequest;
import io.aerie.protocol.Compression;
import io.aerie.protocol.FieldType;
import io.aerie.protocol.MsgFlags;
import io.aerie.protocol.ProtocolException;
import io.aerie.protocol.RequestEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The AS_MSG, batch and compression decoders on valid, random and mutated input. */
class DecoderPropertiesTest {
    @Provide
    Arbitrary<MsgBuilder> messages() {
        Arbitrary<MsgBuilder.Field> field = Combinators.combine(
                        Arbitraries.of(
                                FieldType.NAMESPACE, FieldType.SET, FieldType.KEY, FieldType.DIGEST, 7, 9, 13, 43, 99),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((t, d) -> new MsgBuilder.Field(t, t == FieldType.DIGEST ? Arrays.copyOf(d, 20) : d));
        Arbitrary<MsgBuilder.Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(20),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as(MsgBuilder.Op::new);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers(),
                        field.list().ofMaxSize(6),
                        op.list().ofMaxSize(6))
                .as((i1, i2, gen, fields, ops) -> {
                    MsgBuilder b = new MsgBuilder();
                    b.info1 = i1;
                    b.info2 = i2;
                    b.generation = gen;
                    fields.forEach(f -> b.field(f.type(), f.data()));
                    ops.forEach(o -> b.op(o.opType(), o.particle(), o.name(), o.value()));
                    return b;
                });
    }

    @Property(tries = 500)
    void validMessagesDecodeToWhatWasEncoded(@ForAll("messages") MsgBuilder b) {
        byte[] body = b.body();
        AsMessage m = AsMessageDecoder.decode(body, 0, body.length);
        assertThat(m.info1()).isEqualTo(b.info1);
        assertThat(m.info2()).isEqualTo(b.info2);
        assertThat(m.generation()).isEqualTo(b.generation);
        assertThat(m.opCount()).isEqualTo(b.ops.size());
        for (int i = 0; i < b.ops.size(); i++) {
            MsgBuilder.Op o = b.ops.get(i);
            assertThat(m.opType(i)).isEqualTo(o.opType());
            assertThat(m.opParticleType(i)).isEqualTo(o.particle());
            assertThat(Arrays.copyOfRange(body, m.opNameOffset(i), m.opNameOffset(i) + m.opNameLength(i)))
                    .isEqualTo(o.name());
            assertThat(Arrays.copyOfRange(body, m.opValueOffset(i), m.opValueOffset(i) + m.opValueLength(i)))
                    .isEqualTo(o.value());
        }
        for (MsgBuilder.Field f : b.fields) {
            MsgBuilder.Field last = b.fields.stream()
                    .filter(x -> x.type() == f.type())
                    .reduce((x, y) -> y)
                    .orElseThrow();
            int off = m.fieldOffset(f.type());
            assertThat(Arrays.copyOfRange(body, off, off + m.fieldLength(f.type())))
                    .isEqualTo(last.data());
        }
    }

    @Property(tries = 500)
    void aDecodedMessageEncodesBackToTheSameRequest(@ForAll("messages") MsgBuilder b) {
        byte[] body = b.body();
        AsMessage m = AsMessageDecoder.decode(body, 0, body.length);
        byte[] again = RequestEncoder.single(m);
        AsMessage r = AsMessageDecoder.decode(again, 0, again.length);
        assertThat(r.info1()).isEqualTo(b.info1 & ~MsgFlags.INFO1_BATCH);
        assertThat(r.info2()).isEqualTo(b.info2);
        assertThat(r.generation()).isEqualTo(b.generation);
        assertThat(r.opCount()).isEqualTo(m.opCount());
        for (int i = 0; i < m.opCount(); i++) {
            assertThat(r.opType(i)).isEqualTo(m.opType(i));
            assertThat(Arrays.copyOfRange(again, r.opValueOffset(i), r.opValueOffset(i) + r.opValueLength(i)))
                    .isEqualTo(Arrays.copyOfRange(body, m.opValueOffset(i), m.opValueOffset(i) + m.opValueLength(i)));
        }
        for (MsgBuilder.Field f : b.fields) {
            int off = r.fieldOffset(f.type());
            int was = m.fieldOffset(f.type());
            assertThat(Arrays.copyOfRange(again, off, off + r.fieldLength(f.type())))
                    .isEqualTo(Arrays.copyOfRange(body, was, was + m.fieldLength(f.type())));
        }
        if (m.digestOffset() >= 0) {
            assertThat(Arrays.copyOfRange(again, r.digestOffset(), r.digestOffset() + 20))
                    .isEqualTo(Arrays.copyOfRange(body, m.digestOffset(), m.digestOffset() + 20));
        }
    }

    @Property(tries = 500)
    void locatingAValidRequestFindsTheFieldsDecodingFinds(@ForAll("messages") MsgBuilder b) {
        byte[] body = b.body();
        AsMessage m = AsMessageDecoder.decode(body, 0, body.length);
        int[] at = new int[3];
        boolean located = AsMessageDecoder.locate(body, at);
        boolean single =
                !m.hasInfo1(MsgFlags.INFO1_BATCH) && m.fieldOffset(FieldType.NAMESPACE) >= 0 && m.digestOffset() >= 0;
        assertThat(located).isEqualTo(single);
        if (located) {
            assertThat(at[0]).isEqualTo(m.fieldOffset(FieldType.NAMESPACE));
            assertThat(at[1]).isEqualTo(m.fieldLength(FieldType.NAMESPACE));
            assertThat(at[2]).isEqualTo(m.digestOffset());
        }
    }

    @Property(tries = 2000)
    void locatingMutatedOrArbitraryBytesStaysInBounds(
            @ForAll("messages") MsgBuilder b,
            @ForAll @Size(max = 4) List<@IntRange(max = 100_000) Integer> flips,
            @ForAll int cut,
            @ForAll @Size(max = 200) byte[] random) {
        byte[] body = b.body();
        for (int f : flips) {
            body[f % body.length] ^= (byte) (1 << (f % 8));
        }
        for (byte[] bytes : List.of(Arrays.copyOf(body, Math.floorMod(cut, body.length + 1)), random)) {
            int[] at = new int[3];
            if (AsMessageDecoder.locate(bytes, at)) {
                assertThat(at[0]).isNotNegative();
                assertThat(at[0] + at[1]).isLessThanOrEqualTo(bytes.length);
                assertThat(at[2] + 20).isLessThanOrEqualTo(bytes.length);
            }
        }
    }

    @Property(tries = 2000)
    void mutatedMessagesDecodeInBoundsOrFailWithAResultCode(
            @ForAll("messages") MsgBuilder b,
            @ForAll @Size(max = 4) List<@IntRange(max = 100_000) Integer> flips,
            @ForAll int cut) {
        byte[] body = b.body();
        for (int f : flips) {
            body[f % body.length] ^= (byte) (1 << (f % 8));
        }
        int len = Math.floorMod(cut, body.length + 1);
        assertDecodesSafely(body, len);
    }

    @Property(tries = 2000)
    void arbitraryBytesDecodeInBoundsOrFailWithAResultCode(@ForAll @Size(max = 200) byte[] body) {
        assertDecodesSafely(body, body.length);
    }

    private static void assertDecodesSafely(byte[] body, int len) {
        try {
            AsMessage m = AsMessageDecoder.decode(body, 0, len);
            for (int i = 0; i < m.opCount(); i++) {
                assertThat(m.opValueOffset(i) + m.opValueLength(i)).isLessThanOrEqualTo(len);
                assertThat(m.opValueLength(i)).isNotNegative();
            }
            if (m.digestOffset() >= 0) {
                assertThat(m.digestOffset() + 20).isLessThanOrEqualTo(len);
            }
        } catch (ProtocolException e) {
            assertThat(e.resultCode()).isPositive();
        }
    }

    @Property(tries = 1000)
    void mutatedBatchesDecodeInBoundsOrFailWithAResultCode(
            @ForAll @IntRange(min = 1, max = 8) int rows,
            @ForAll @Size(max = 6) List<@IntRange(max = 100_000) Integer> flips,
            @ForAll boolean repeatAll) {
        ByteBuffer batch = ByteBuffer.allocate(5 + rows * 80);
        batch.putInt(rows).put((byte) 0x0C);
        for (int r = 0; r < rows; r++) {
            batch.putInt(r).put(new byte[20]);
            if (r > 0 && repeatAll) {
                batch.put((byte) 1);
                continue;
            }
            batch.put((byte) (0x02 | 0x04 | 0x08))
                    .put((byte) 1)
                    .put((byte) 0)
                    .put((byte) 0)
                    .putShort((short) 0)
                    .putInt(0);
            batch.putShort((short) 2).putShort((short) 1);
            batch.putInt(5).put((byte) 0).put("test".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            batch.putInt(1).put((byte) 1);
            batch.putInt(5)
                    .put((byte) 1)
                    .put((byte) 0)
                    .put((byte) 0)
                    .put((byte) 1)
                    .put((byte) 'a');
        }
        byte[] data = Arrays.copyOf(batch.array(), batch.position());
        for (int f : flips) {
            data[f % data.length] ^= (byte) (1 << (f % 8));
        }
        byte[] body = new MsgBuilder().field(FieldType.BATCH_INDEX, data).body();
        body[1] = 8;
        AsMessage parent = AsMessageDecoder.decode(body, 0, body.length);
        try {
            BatchRequest req = AsMessageDecoder.decodeBatch(parent);
            for (AsMessage row : req.rows()) {
                assertThat(row.digestOffset() + 20).isLessThanOrEqualTo(body.length);
                for (int i = 0; i < row.opCount(); i++) {
                    assertThat(row.opValueOffset(i) + row.opValueLength(i)).isLessThanOrEqualTo(body.length);
                }
            }
        } catch (ProtocolException e) {
            assertThat(e.resultCode()).isPositive();
        }
    }

    @Property(tries = 300)
    void compressionRoundTripsAndBadStreamsFailCleanly(@ForAll @Size(max = 3000) byte[] proto, @ForAll int flip) {
        byte[] padded = Arrays.copyOf(proto, proto.length + 8);
        byte[] deflated = Compression.deflate(padded, 0, padded.length);
        assertThat(Compression.inflate(deflated, 1 << 20)).isEqualTo(padded);
        byte[] broken = deflated.clone();
        broken[Math.floorMod(flip, broken.length)] ^= (byte) 0x5A;
        try {
            Compression.inflate(broken, 1 << 20);
        } catch (ProtocolException e) {
            assertThat(e.resultCode()).isPositive();
        }
    }
}
