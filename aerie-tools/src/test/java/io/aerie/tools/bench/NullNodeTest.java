package io.aerie.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import org.junit.jupiter.api.Test;

/** The yardstick answers the official client as the load tool's records would be answered. */
class NullNodeTest {
    @Test
    void readsGetARecordShapedLikeTheLoadToolsAndWritesGetOk() {
        try (NullNode node = NullNode.start(0, 1024, 1);
                AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            Key key = new Key("test", "testset", 42);
            client.put(null, key, new Bin("b", new byte[1024]));
            Record r = client.get(null, key);
            assertThat(r).isNotNull();
            assertThat(r.bins).containsOnlyKeys("b");
            assertThat((byte[]) r.getValue("b")).hasSize(1024);
            assertThat(client.exists(null, key)).isTrue();
            assertThat(client.getHeader(null, key).bins).isNull();
        }
    }

    @Test
    void sizeIsSplitOverBinsAsTheLoadToolSplitsIt() {
        try (NullNode node = NullNode.start(0, 1000, 3);
                AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            Record r = client.get(null, new Key("test", "testset", 1));
            assertThat(r.bins).containsOnlyKeys("b0", "b1", "b2");
            assertThat((byte[]) r.getValue("b0")).hasSize(334);
            assertThat((byte[]) r.getValue("b1")).hasSize(333);
            assertThat((byte[]) r.getValue("b2")).hasSize(333);
        }
    }

    @Test
    void objectSizeZeroAnswersReadsWithABareOk() {
        try (NullNode node = NullNode.start(0);
                AerospikeClient client = new AerospikeClient("127.0.0.1", node.port())) {
            Record r = client.get(null, new Key("test", "testset", 1));
            assertThat(r).isNotNull();
            assertThat(r.bins).isNull();
        }
    }
}
