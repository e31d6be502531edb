package io.aerie.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.ops.BinList;
import io.aerie.protocol.Bytes;
import io.aerie.protocol.ParticleType;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** What the writer puts in a backup file, the reader gets back: keys, names, every bin type. */
class AsbRoundTripTest {
    record Value(int type, byte[] bytes) {}

    record Rec(String set, byte[] key, List<String> names, List<Value> values, int gen, int voidTime, long digest) {}

    @Provide
    Arbitrary<Value> values() {
        Arbitrary<Value> ints = Arbitraries.longs().map(v -> new Value(ParticleType.INTEGER, longBytes(v)));
        Arbitrary<Value> doubles = Arbitraries.doubles()
                .injectDuplicates(0.1)
                .edgeCases(c -> c.add(Double.NaN)
                        .add(Double.NEGATIVE_INFINITY)
                        .add(-0.0)
                        .add(1e300)
                        .add(1e-300))
                .map(v -> new Value(ParticleType.DOUBLE, longBytes(Double.doubleToRawLongBits(v))));
        Arbitrary<Value> strings = Arbitraries.strings()
                .ofMaxLength(40)
                .map(s -> new Value(ParticleType.STRING, s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Value> blobs = Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(60)
                .flatMap(b -> Arbitraries.of(
                                ParticleType.BLOB, ParticleType.LIST, ParticleType.MAP, ParticleType.HLL, 7, 9, 11)
                        .map(t -> new Value(t, b)));
        Arbitrary<Value> bools =
                Arbitraries.of(true, false).map(b -> new Value(ParticleType.BOOL, new byte[] {(byte) (b ? 1 : 0)}));
        Arbitrary<Value> geo = Arbitraries.strings().alpha().ofMaxLength(20).map(s -> {
            byte[] json = ("{\"type\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] v = new byte[3 + json.length];
            System.arraycopy(json, 0, v, 3, json.length);
            return new Value(ParticleType.GEOJSON, v);
        });
        return Arbitraries.oneOf(ints, doubles, strings, blobs, bools, geo);
    }

    @Provide
    Arbitrary<Rec> records() {
        Arbitrary<String> names =
                Arbitraries.strings().withChars("ab \\\nxyz_-é").ofMinLength(1).ofMaxLength(8);
        Arbitrary<byte[]> keys = Arbitraries.oneOf(
                Arbitraries.just(new byte[0]),
                Arbitraries.longs().map(v -> prefixed(ParticleType.INTEGER, longBytes(v))),
                Arbitraries.strings()
                        .ofMaxLength(20)
                        .map(s -> prefixed(ParticleType.STRING, s.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(b -> prefixed(ParticleType.BLOB, b)));
        return Combinators.combine(
                        Arbitraries.strings().withChars("set \\x").ofMaxLength(10),
                        keys,
                        names.list().uniqueElements().ofMaxSize(6),
                        values().list().ofSize(6),
                        Arbitraries.integers().between(1, 65535),
                        Arbitraries.integers(),
                        Arbitraries.longs())
                .as(Rec::new);
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        Bytes.putLong(b, 0, v);
        return b;
    }

    private static byte[] prefixed(int type, byte[] v) {
        byte[] b = new byte[v.length + 1];
        b[0] = (byte) type;
        System.arraycopy(v, 0, b, 1, v.length);
        return b;
    }

    private static byte[] stored(Rec rec) {
        BinList bins = new BinList(rec.names().size());
        for (int i = 0; i < rec.names().size(); i++) {
            byte[] name = rec.names().get(i).getBytes(StandardCharsets.UTF_8);
            Value v = rec.values().get(i);
            bins.put(name, 0, name.length, v.type(), v.bytes(), 0, v.bytes().length);
        }
        byte[] key = rec.key().length == 0 ? null : rec.key();
        return Record.of(
                new Digest(rec.digest(), ~rec.digest(), (int) rec.digest()),
                rec.gen(),
                rec.voidTime(),
                0,
                0,
                key,
                bins.encode(),
                bins.size());
    }

    @Property(tries = 300)
    void recordsReadBackAsWritten(@ForAll @Size(max = 5) List<@From("records") Rec> recs) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(AsbWriter.header("name space"));
        AsbWriter w = new AsbWriter();
        for (Rec r : recs) {
            w.write("name space", r.set(), stored(r));
        }
        file.writeBytes(w.take());
        try (AsbReader reader = new AsbReader(new ByteArrayInputStream(file.toByteArray()))) {
            for (Rec r : recs) {
                AsbRecord got = reader.next();
                assertThat(got).isNotNull();
                assertThat(got.namespace()).isEqualTo("name space");
                assertThat(got.set()).isEqualTo(r.set().isEmpty() ? null : r.set());
                assertThat(got.generation()).isEqualTo(r.gen());
                assertThat(got.voidTime()).isEqualTo(Integer.toUnsignedLong(r.voidTime()));
                byte[] digest = new byte[20];
                new Digest(r.digest(), ~r.digest(), (int) r.digest()).writeTo(digest, 0);
                assertThat(got.digest()).isEqualTo(digest);
                assertKey(got.key(), r.key());
                assertThat(got.bins()).hasSize(r.names().size());
                for (int i = 0; i < r.names().size(); i++) {
                    assertThat(got.bins().get(i).name()).isEqualTo(r.names().get(i));
                    assertValue(got.bins().get(i), r.values().get(i));
                }
            }
            assertThat(reader.next()).isNull();
            assertThat(reader.namespace()).isEqualTo("name space");
        }
    }

    private static void assertKey(Object got, byte[] key) {
        if (key.length == 0) {
            assertThat(got).isNull();
            return;
        }
        byte[] v = java.util.Arrays.copyOfRange(key, 1, key.length);
        switch (key[0]) {
            case ParticleType.INTEGER -> assertThat(got).isEqualTo(Bytes.getLong(v, 0));
            case ParticleType.STRING -> assertThat(got).isEqualTo(new String(v, StandardCharsets.UTF_8));
            default -> assertThat((byte[]) got).isEqualTo(v);
        }
    }

    private static void assertValue(AsbRecord.Bin bin, Value v) {
        switch (v.type()) {
            case ParticleType.INTEGER -> assertThat(bin.value()).isEqualTo(Bytes.getLong(v.bytes(), 0));
            case ParticleType.DOUBLE -> {
                double expected = Double.longBitsToDouble(Bytes.getLong(v.bytes(), 0));
                assertThat(Double.doubleToLongBits((Double) bin.value())).isEqualTo(Double.doubleToLongBits(expected));
            }
            case ParticleType.BOOL -> assertThat(bin.value()).isEqualTo(v.bytes()[0] != 0);
            case ParticleType.STRING ->
                assertThat(bin.value()).isEqualTo(new String(v.bytes(), StandardCharsets.UTF_8));
            case ParticleType.GEOJSON ->
                assertThat(bin.value())
                        .isEqualTo(new String(v.bytes(), 3, v.bytes().length - 3, StandardCharsets.UTF_8));
            default -> {
                assertThat(bin.type()).isEqualTo(AsbWriter.bytesLetter(v.type()));
                assertThat((byte[]) bin.value()).isEqualTo(v.bytes());
            }
        }
    }

    @Test
    void doublesAreWrittenAsCDoesWithSeventeenDigits() {
        assertThat(AsbWriter.formatDouble(3.14)).isEqualTo("3.1400000000000001");
        assertThat(AsbWriter.formatDouble(2.5)).isEqualTo("2.5");
        assertThat(AsbWriter.formatDouble(1e300)).isEqualTo("1.0000000000000001e+300");
        assertThat(AsbWriter.formatDouble(1e-5)).isEqualTo("1.0000000000000001e-05");
        assertThat(AsbWriter.formatDouble(0.0001)).isEqualTo("0.0001");
        assertThat(AsbWriter.formatDouble(-0.0)).isEqualTo("-0");
    }

    @Test
    void aFileThatIsNotABackupIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> new AsbReader(new ByteArrayInputStream("hello world\n".getBytes())))
                .hasMessageContaining("line 1");
        byte[] bad = "Version 3.1\n# namespace test\n+ n test\n+ x 1\n".getBytes(StandardCharsets.UTF_8);
        try (AsbReader r = new AsbReader(new ByteArrayInputStream(bad))) {
            assertThatThrownBy(r::next).hasMessageContaining("line 4").hasMessageContaining("'+ d'");
        }
    }
}
