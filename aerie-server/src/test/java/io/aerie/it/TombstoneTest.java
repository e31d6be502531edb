package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.config.NamespaceConfig;
import io.aerie.config.NodeConfig;
import io.aerie.namespace.Namespace;
import io.aerie.util.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Durable deletes leave tombstones: the record reads as gone everywhere a client looks, a record
 * written again continues the tombstone's generation, and the tombstone is reaped once it is
 * {@code tomb-raider-eligible-age} old. Other deletes leave none.
 */
class TombstoneTest {
    private static final ManualClock CLOCK = new ManualClock(System.currentTimeMillis());

    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension(
            NodeConfig.defaults()
                    .withServicePort(0)
                    .withNamespaces(List.of(
                            NamespaceConfig.inMemory("test", 64L << 20),
                            NamespaceConfig.inMemory("reap", 64L << 20).toBuilder()
                                    .tombRaiderEligibleAgeSeconds(60)
                                    .build())),
            CLOCK);

    private static WritePolicy durable() {
        WritePolicy wp = new WritePolicy();
        wp.durableDelete = true;
        return wp;
    }

    private static long stat(String ns, String name) {
        String all = Info.request(NODE.client().getNodes()[0], "namespace/" + ns);
        for (String kv : all.split(";")) {
            if (kv.startsWith(name + "=")) {
                return Long.parseLong(kv.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " missing from namespace/" + ns + ": " + all);
    }

    private static Namespace namespace(String name) {
        return Objects.requireNonNull(NODE.node().namespaces().get(name));
    }

    @Test
    void aDurablyDeletedRecordIsGoneForReadsBatchesScansAndDeletesButCountsAsATombstone() {
        String set = "gone";
        Key key = new Key("test", set, "k");
        Key other = new Key("test", set, "stays");
        long objects = stat("test", "objects");
        long tombstones = stat("test", "tombstones");
        NODE.client().put(null, key, new Bin("v", 1));
        NODE.client().put(null, other, new Bin("v", 2));
        assertThat(NODE.client().delete(durable(), key)).isTrue();

        assertThat(NODE.client().get(null, key)).isNull();
        assertThat(NODE.client().exists(null, key)).isFalse();
        assertThat(NODE.client().get(null, new Key[] {key, other}))
                .extracting(r -> r == null ? null : r.getInt("v"))
                .containsExactly(null, 2);
        List<Object> scanned = new ArrayList<>();
        NODE.client().scanAll(new ScanPolicy(), "test", set, (k, r) -> scanned.add(r.getInt("v")));
        assertThat(scanned).containsExactly(2);
        assertThat(NODE.client().delete(durable(), key)).isFalse();
        assertCode(() -> NODE.client().touch(null, key), ResultCode.KEY_NOT_FOUND_ERROR);
        WritePolicy updateOnly = new WritePolicy();
        updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
        assertCode(() -> NODE.client().put(updateOnly, key, new Bin("v", 3)), ResultCode.KEY_NOT_FOUND_ERROR);

        assertThat(stat("test", "objects")).isEqualTo(objects + 1);
        assertThat(stat("test", "tombstones")).isEqualTo(tombstones + 1);
        assertThat(namespace("test").sweep())
                .as("a fresh tombstone is not reaped")
                .isZero();
        assertThat(stat("test", "tombstones")).isEqualTo(tombstones + 1);
    }

    @Test
    void aRecordWrittenOverATombstoneContinuesItsGeneration() {
        Key key = new Key("test", "regen", 1);
        NODE.client().put(null, key, new Bin("v", 1));
        NODE.client().put(null, key, new Bin("v", 2));
        NODE.client().delete(durable(), key);
        WritePolicy createOnly = new WritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        NODE.client().put(createOnly, key, new Bin("v", 3));
        Record r = NODE.client().get(null, key);
        assertThat(r.getInt("v")).isEqualTo(3);
        // Two writes, then the tombstone at 3: the new record is at 4, ahead of every copy the delete outdated.
        assertThat(r.generation).isEqualTo(4);
    }

    @Test
    void removingTheLastBinDurablyLeavesATombstoneToo() {
        Key key = new Key("test", "lastbin", 1);
        NODE.client().put(null, key, new Bin("v", 1));
        long tombstones = stat("test", "tombstones");
        NODE.client().put(durable(), key, Bin.asNull("v"));
        assertThat(NODE.client().exists(null, key)).isFalse();
        assertThat(stat("test", "tombstones")).isEqualTo(tombstones + 1);
        NODE.client().put(null, key, new Bin("v", 5));
        assertThat(NODE.client().get(null, key).generation).isEqualTo(3);
        assertThat(stat("test", "tombstones")).isEqualTo(tombstones);
    }

    @Test
    void aPlainDeleteLeavesNoTombstone() {
        Key key = new Key("test", "expunge", 1);
        NODE.client().put(null, key, new Bin("v", 1));
        NODE.client().put(null, key, new Bin("v", 2));
        long tombstones = stat("test", "tombstones");
        assertThat(NODE.client().delete(null, key)).isTrue();
        assertThat(stat("test", "tombstones")).isEqualTo(tombstones);
        NODE.client().put(null, key, new Bin("v", 3));
        assertThat(NODE.client().get(null, key).generation).isEqualTo(1);
    }

    @Test
    void tombstonesAreReapedOnceTheyAreTombRaiderEligibleAgeOld() {
        Key key = new Key("reap", "s", 1);
        NODE.client().put(null, key, new Bin("v", 1));
        NODE.client().delete(durable(), key);
        assertThat(stat("reap", "tombstones")).isEqualTo(1);
        assertThat(Info.request(NODE.client().getNodes()[0], "namespace/reap")).contains("tomb-raider-eligible-age=60");

        CLOCK.advanceMillis(30_000);
        namespace("reap").sweep();
        assertThat(stat("reap", "tombstones")).as("30 s old").isEqualTo(1);
        CLOCK.advanceMillis(31_000);
        assertThat(namespace("reap").sweep()).isEqualTo(1);
        assertThat(stat("reap", "tombstones")).as("61 s old").isZero();
        assertThat(stat("reap", "objects")).isZero();

        NODE.client().put(null, key, new Bin("v", 2));
        assertThat(NODE.client().get(null, key).generation)
                .as("with the tombstone gone a new record starts over")
                .isEqualTo(1);
    }

    @Test
    void theTombRaiderWaitsWhileMigrationsArePending() {
        Key key = new Key("reap", "s", 2);
        NODE.client().put(null, key, new Bin("v", 1));
        NODE.client().delete(durable(), key);
        long before = stat("reap", "tombstones");
        CLOCK.advanceMillis(61_000);
        boolean[] migrating = {true};
        namespace("reap").reapTombstonesWhen(() -> !migrating[0]);
        try {
            namespace("reap").sweep();
            assertThat(stat("reap", "tombstones"))
                    .as("eligible, but migrations pending")
                    .isEqualTo(before);
            migrating[0] = false;
            namespace("reap").sweep();
            assertThat(stat("reap", "tombstones")).as("migrations done").isEqualTo(before - 1);
        } finally {
            namespace("reap").reapTombstonesWhen(() -> true);
        }
    }

    private static void assertCode(Runnable call, int code) {
        try {
            call.run();
        } catch (AerospikeException e) {
            assertThat(e.getResultCode()).isEqualTo(code);
            return;
        }
        throw new AssertionError("expected result code " + code);
    }
}
