package io.aerie.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.config.NamespaceConfig;
import io.aerie.config.NodeConfig;
import io.aerie.server.Aerie;
import io.aerie.util.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Past {@code evict-used-pct}, each nsup cycle evicts the records nearest to expiry (about 0.5%
 * of those with a TTL, as Aerospike's default {@code evict-tenths-pct} 5); records without a TTL
 * are never evicted.
 */
class EvictionTest {
    @Test
    void theRecordsNearestToExpiryGoFirstAndRecordsWithoutTtlStay() {
        ManualClock clock = new ManualClock(System.currentTimeMillis());
        NamespaceConfig ns = NamespaceConfig.inMemory("ev", 1L << 20).toBuilder()
                .nsupPeriodSeconds(1)
                .evictUsedPct(40)
                .build();
        NodeConfig config = NodeConfig.defaults().withServicePort(0).withNamespaces(List.of(ns));
        int withTtl = 2000;
        try (Aerie node = Aerie.start(config, clock);
                AerospikeClient c = new AerospikeClient("127.0.0.1", node.port())) {
            byte[] payload = new byte[200];
            for (int i = 0; i < withTtl; i++) {
                WritePolicy p = new WritePolicy();
                p.expiration = 1000 + i; // key i expires i seconds after key 0
                c.put(p, new Key("ev", "s", i), new Bin("p", payload));
            }
            for (int i = 0; i < 100; i++) {
                WritePolicy p = new WritePolicy();
                p.expiration = -1;
                c.put(p, new Key("ev", "forever", i), new Bin("p", payload));
            }
            Namespace namespace = node.namespaces().get("ev");
            assertThat(namespace.usedBytes() * 100 / namespace.dataSizeBytes()).isGreaterThanOrEqualTo(40);

            long evicted = namespace.evict();

            assertThat(evicted).as("about 0.5% of the records with a TTL").isBetween(10L, 40L);
            assertThat(namespace.stats().get(Counter.EVICTED_OBJECTS)).isEqualTo(evicted);
            for (int i = 0; i < withTtl; i++) {
                boolean present = c.exists(null, new Key("ev", "s", i));
                assertThat(present)
                        .as("key %d (the first %d are evicted)", i, evicted)
                        .isEqualTo(i >= evicted);
            }
            for (int i = 0; i < 100; i++) {
                assertThat(c.exists(null, new Key("ev", "forever", i))).isTrue();
            }
        }
    }

    @Test
    void belowTheThresholdNothingIsEvicted() {
        NamespaceConfig ns = NamespaceConfig.inMemory("ev", 64L << 20).toBuilder()
                .nsupPeriodSeconds(1)
                .evictUsedPct(60)
                .build();
        try (Aerie node = Aerie.start(NodeConfig.defaults().withServicePort(0).withNamespaces(List.of(ns)));
                AerospikeClient c = new AerospikeClient("127.0.0.1", node.port())) {
            WritePolicy p = new WritePolicy();
            p.expiration = 100;
            c.put(p, new Key("ev", "s", 1), new Bin("v", 1));
            assertThat(node.namespaces().get("ev").evict()).isZero();
        }
    }
}
