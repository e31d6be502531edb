package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.config.NamespaceConfig;
import io.aerie.config.NodeConfig;
import io.aerie.util.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TTL rules and expiry, on a node whose clock the test moves. */
class TtlTest {
    private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());

    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension(
            NodeConfig.defaults()
                    .withServicePort(0)
                    .withNamespaces(List.of(
                            NamespaceConfig.inMemory("test", 64L << 20),
                            NamespaceConfig.inMemory("dflt", 64L << 20).withDefaultTtl(3600),
                            NamespaceConfig.inMemory("nonsup", 64L << 20).withNsupPeriod(0))),
            CLOCK);

    /**
     * The TTL as the node sees it: the client derives TTL from the void-time and its own clock, and
     * this node's clock runs ahead by however far the tests have moved it.
     */
    private static int serverTtl(Record r) {
        int ttl = r.getTimeToLive();
        if (ttl == -1) {
            return -1;
        }
        return ttl - (int) ((CLOCK.currentTimeMillis() - System.currentTimeMillis()) / 1000);
    }

    private static WritePolicy ttl(int seconds) {
        WritePolicy wp = new WritePolicy();
        wp.expiration = seconds;
        return wp;
    }

    @Test
    void zeroTakesTheNamespaceDefaultAndMinusOneNeverExpires() {
        Key noDefault = new Key("test", "ttl", "zero");
        NODE.client().put(ttl(0), noDefault, new Bin("v", 1));
        assertThat(serverTtl(NODE.client().get(null, noDefault))).isEqualTo(-1);
        Key withDefault = new Key("dflt", "ttl", "zero");
        NODE.client().put(ttl(0), withDefault, new Bin("v", 1));
        assertThat(serverTtl(NODE.client().get(null, withDefault))).isBetween(3500, 3602);
        NODE.client().put(ttl(-1), withDefault, new Bin("v", 2));
        assertThat(serverTtl(NODE.client().get(null, withDefault))).isEqualTo(-1);
    }

    @Test
    void minusTwoKeepsTheCurrentTtl() {
        Key key = new Key("test", "ttl", "keep");
        NODE.client().put(ttl(1000), key, new Bin("v", 1));
        NODE.client().put(ttl(-2), key, new Bin("v", 2));
        Record r = NODE.client().get(null, key);
        assertThat(r.getInt("v")).isEqualTo(2);
        assertThat(serverTtl(r)).isBetween(900, 1002);
    }

    @Test
    void recordsExpireWhenTheirTimeComes() {
        Key key = new Key("test", "ttl", "expire");
        NODE.client().put(ttl(100), key, new Bin("v", 1));
        assertThat(serverTtl(NODE.client().get(null, key))).isBetween(95, 102);
        CLOCK.advanceMillis(50_000);
        assertThat(NODE.client().exists(null, key)).isTrue();
        CLOCK.advanceMillis(51_000);
        assertThat(NODE.client().get(null, key)).isNull();
        assertThat(NODE.client().exists(null, key)).isFalse();
        // The slot is free again: a create-only write succeeds.
        WritePolicy create = ttl(0);
        create.recordExistsAction = com.aerospike.client.policy.RecordExistsAction.CREATE_ONLY;
        NODE.client().put(create, key, new Bin("v", 2));
        assertThat(NODE.client().get(null, key).generation).isEqualTo(1);
    }

    @Test
    void readTouchResetsTheTtlInTheLastPercentOfIt() {
        Key key = new Key("test", "ttl", "touch");
        NODE.client().put(ttl(1000), key, new Bin("v", 1));
        Policy touching = new Policy();
        touching.readTouchTtlPercent = 80;
        CLOCK.advanceMillis(100_000);
        assertThat(serverTtl(NODE.client().get(touching, key))).isBetween(888, 902);
        CLOCK.advanceMillis(150_000);
        assertThat(serverTtl(NODE.client().get(touching, key))).isBetween(988, 1002);
    }

    @Test
    void tenYearsIsTheLongestTtlAndTtlsNeedNsup() {
        Key key = new Key("test", "ttl", "long");
        WriteSemanticsTest.assertCode(
                () -> NODE.client().put(ttl(315_360_001), key, new Bin("v", 1)), ResultCode.PARAMETER_ERROR);
        NODE.client().put(ttl(315_360_000), key, new Bin("v", 1));
        Key noNsup = new Key("nonsup", "ttl", 1);
        WriteSemanticsTest.assertCode(
                () -> NODE.client().put(ttl(60), noNsup, new Bin("v", 1)), ResultCode.FAIL_FORBIDDEN);
        NODE.client().put(ttl(-1), noNsup, new Bin("v", 1));
        assertThat(NODE.client().exists(null, noNsup)).isTrue();
    }
}
