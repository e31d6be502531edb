package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.policy.WritePolicy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every particle type is stored and returned intact; reads of all, chosen or no bins. */
class PutGetTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    private static Record roundTrip(Key key, Bin... bins) {
        NODE.client().put(null, key, bins);
        return NODE.client().get(null, key);
    }

    @Test
    void scalarsRoundTrip() {
        Key key = new Key("test", "types", "scalars");
        Record r = roundTrip(
                key,
                new Bin("min", Long.MIN_VALUE),
                new Bin("max", Long.MAX_VALUE),
                new Bin("zero", 0),
                new Bin("pi", Math.PI),
                new Bin("nan", Double.NaN),
                new Bin("negzero", -0.0),
                new Bin("empty", ""),
                new Bin("unicode", "aérie — 天空 🦅"),
                new Bin("yes", true),
                new Bin("no", false));
        assertThat(r.getLong("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(r.getLong("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(r.getLong("zero")).isZero();
        assertThat(r.getDouble("pi")).isEqualTo(Math.PI);
        assertThat(r.getDouble("nan")).isNaN();
        assertThat(Double.doubleToRawLongBits(r.getDouble("negzero"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(r.getString("empty")).isEmpty();
        assertThat(r.getString("unicode")).isEqualTo("aérie — 天空 🦅");
        assertThat(r.getBoolean("yes")).isTrue();
        assertThat(r.getBoolean("no")).isFalse();
    }

    @Test
    void blobsAndLargeStringsRoundTrip() {
        byte[] blob = new byte[256];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) i;
        }
        String big = "x".repeat(100 * 1024);
        Record r = roundTrip(
                new Key("test", "types", "blobs"),
                new Bin("blob", blob),
                new Bin("none", new byte[0]),
                new Bin("big", big));
        assertThat((byte[]) r.getValue("blob")).isEqualTo(blob);
        assertThat((byte[]) r.getValue("none")).isEmpty();
        assertThat(r.getString("big")).isEqualTo(big);
    }

    @Test
    void listsMapsAndGeoJsonRoundTrip() {
        Map<Object, Object> inner = new HashMap<>();
        inner.put("k", 1L);
        inner.put(2L, "two");
        List<Object> list = Arrays.asList(1L, "s", new byte[] {9}, 2.5, true, null, inner, List.of(1L, 2L));
        Map<Object, Object> map = new HashMap<>();
        map.put("list", List.of("a", "b"));
        map.put(7L, 3.5);
        String geo = "{\"type\":\"Point\",\"coordinates\":[-122.0,37.5]}";
        Record r = roundTrip(
                new Key("test", "types", "cdt"),
                new Bin("list", list),
                new Bin("map", map),
                new Bin("geo", Value.getAsGeoJSON(geo)));
        List<?> got = r.getList("list");
        assertThat(got).hasSize(list.size());
        assertThat(got.get(0)).isEqualTo(1L);
        assertThat(got.get(1)).isEqualTo("s");
        assertThat((byte[]) got.get(2)).containsExactly(9);
        assertThat(got.get(3)).isEqualTo(2.5);
        assertThat(got.get(4)).isEqualTo(true);
        assertThat(got.get(5)).isNull();
        assertThat(got.get(6)).isEqualTo(inner);
        assertThat(got.get(7)).isEqualTo(List.of(1L, 2L));
        assertThat(r.getMap("map")).isEqualTo(map);
        assertThat(r.getGeoJSONString("geo")).isEqualTo(geo);
    }

    @Test
    void keysOfEveryTypeAddressTheirOwnRecords() {
        Key[] keys = {
            new Key("test", "keys", 1L),
            new Key("test", "keys", "1"),
            new Key("test", "keys", new byte[] {1}),
            new Key("test", (String) null, 1L),
            new Key("test", "other", 1L)
        };
        for (int i = 0; i < keys.length; i++) {
            NODE.client().put(null, keys[i], new Bin("i", i));
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(NODE.client().get(null, keys[i]).getInt("i")).isEqualTo(i);
        }
    }

    @Test
    void chosenBinsHeaderAndExists() {
        Key key = new Key("test", "reads", "chosen");
        NODE.client().put(null, key, new Bin("a", 1), new Bin("b", 2), new Bin("c", 3));
        Record some = NODE.client().get(null, key, "a", "c", "missing");
        assertThat(some.bins).containsOnlyKeys("a", "c");
        Record header = NODE.client().getHeader(null, key);
        assertThat(header.bins).isNull();
        assertThat(header.generation).isEqualTo(1);
        assertThat(NODE.client().exists(null, key)).isTrue();
        assertThat(NODE.client().exists(null, new Key("test", "reads", "absent")))
                .isFalse();
        assertThat(NODE.client().get(null, new Key("test", "reads", "absent"))).isNull();
    }

    @Test
    void binNamesUpToFifteenBytesAndNullDeletesABin() {
        Key key = new Key("test", "bins", "names");
        NODE.client().put(null, key, new Bin("fifteen-bytes-x", 1), new Bin("gone", 2));
        NODE.client().put(null, key, Bin.asNull("gone"));
        Record r = NODE.client().get(null, key);
        assertThat(r.bins).containsOnlyKeys("fifteen-bytes-x");
        NODE.client().put(null, key, Bin.asNull("fifteen-bytes-x"));
        assertThat(NODE.client().exists(null, key))
                .as("a write that removes every bin deletes the record")
                .isFalse();
    }

    @Test
    void storedUserKeysComeBackWhenSendKeyIsSet() {
        WritePolicy wp = new WritePolicy();
        wp.sendKey = true;
        Key key = new Key("test", "sendkey", "user-key-1");
        NODE.client().put(wp, key, new Bin("v", 1));
        List<Object> seen = new java.util.ArrayList<>();
        NODE.client().scanAll(null, "test", "sendkey", (k, rec) -> seen.add(k.userKey.getObject()));
        assertThat(seen).containsExactly("user-key-1");
    }
}
