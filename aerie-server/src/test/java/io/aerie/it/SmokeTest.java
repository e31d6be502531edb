package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    @Test
    void putThenGetReturnsTheBins() {
        Key key = new Key("test", "smoke", "k1");
        NODE.client().put(null, key, new Bin("a", 1), new Bin("b", "two"));
        Record r = NODE.client().get(null, key);
        assertThat(r).isNotNull();
        assertThat(r.getLong("a")).isEqualTo(1L);
        assertThat(r.getString("b")).isEqualTo("two");
        assertThat(r.generation).isEqualTo(1);
    }
}
