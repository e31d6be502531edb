package io.aerie.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aerie.server.Aerie;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AerieExtension.class)
class AerieExtensionTest {
    @Test
    void injectsARunningNodeTheOfficialClientCanUse(Aerie node) {
        try (AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            Key key = new Key("test", "app", 42);
            client.put(null, key, new Bin("name", "aerie"));
            Record r = client.get(null, key);
            assertThat(r.getString("name")).isEqualTo("aerie");
        }
    }

    @Test
    void theSameNodeServesEveryTestOfTheClass(Aerie node) {
        try (AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            Key key = new Key("test", "app", "shared");
            client.put(null, key, new Bin("n", 1));
            assertThat(client.exists(null, key)).isTrue();
        }
    }

    @Nested
    class NestedTests {
        @Test
        void seeTheOuterClassNode(Aerie node) {
            assertThat(node.port()).isPositive();
            assertThat(node.info("namespaces")).contains("test");
        }
    }
}
