package io.aerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Record-exists actions, generation policies, delete, touch and durable-delete acceptance. */
class WriteSemanticsTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    static void assertCode(ThrowingCallable call, int code) {
        assertThatThrownBy(call)
                .isInstanceOf(AerospikeException.class)
                .satisfies(e ->
                        assertThat(((AerospikeException) e).getResultCode()).isEqualTo(code));
    }

    private static WritePolicy exists(RecordExistsAction action) {
        WritePolicy wp = new WritePolicy();
        wp.recordExistsAction = action;
        return wp;
    }

    @Test
    void updateMergesAndReplaceDropsOtherBins() {
        Key key = new Key("test", "rea", "merge");
        NODE.client().put(null, key, new Bin("a", 1), new Bin("b", 2));
        NODE.client().put(exists(RecordExistsAction.UPDATE), key, new Bin("c", 3));
        assertThat(NODE.client().get(null, key).bins).containsOnlyKeys("a", "b", "c");
        NODE.client().put(exists(RecordExistsAction.REPLACE), key, new Bin("d", 4));
        assertThat(NODE.client().get(null, key).bins).containsOnlyKeys("d");
    }

    @Test
    void onlyActionsRefuseTheWrongExistence() {
        Key missing = new Key("test", "rea", "missing");
        assertCode(
                () -> NODE.client().put(exists(RecordExistsAction.UPDATE_ONLY), missing, new Bin("a", 1)),
                ResultCode.KEY_NOT_FOUND_ERROR);
        assertCode(
                () -> NODE.client().put(exists(RecordExistsAction.REPLACE_ONLY), missing, new Bin("a", 1)),
                ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(NODE.client().exists(null, missing)).isFalse();
        Key key = new Key("test", "rea", "create");
        NODE.client().put(exists(RecordExistsAction.CREATE_ONLY), key, new Bin("a", 1), new Bin("b", 1));
        assertCode(
                () -> NODE.client().put(exists(RecordExistsAction.CREATE_ONLY), key, new Bin("a", 2)),
                ResultCode.KEY_EXISTS_ERROR);
        NODE.client().put(exists(RecordExistsAction.REPLACE_ONLY), key, new Bin("c", 3));
        assertThat(NODE.client().get(null, key).bins).containsOnlyKeys("c");
        NODE.client().put(exists(RecordExistsAction.UPDATE_ONLY), key, new Bin("d", 4));
        assertThat(NODE.client().get(null, key).bins).containsOnlyKeys("c", "d");
    }

    @Test
    void generationStartsAtOneGrowsByOneAndGuardsWrites() {
        Key key = new Key("test", "gen", 1);
        NODE.client().put(null, key, new Bin("v", 1));
        assertThat(NODE.client().get(null, key).generation).isEqualTo(1);
        NODE.client().put(null, key, new Bin("v", 2));
        assertThat(NODE.client().get(null, key).generation).isEqualTo(2);
        WritePolicy eq = new WritePolicy();
        eq.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        eq.generation = 1;
        assertCode(() -> NODE.client().put(eq, key, new Bin("v", 3)), ResultCode.GENERATION_ERROR);
        eq.generation = 2;
        NODE.client().put(eq, key, new Bin("v", 3));
        WritePolicy gt = new WritePolicy();
        gt.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        gt.generation = 3;
        assertCode(() -> NODE.client().put(gt, key, new Bin("v", 4)), ResultCode.GENERATION_ERROR);
        gt.generation = 10;
        NODE.client().put(gt, key, new Bin("v", 4));
        Record r = NODE.client().get(null, key);
        assertThat(r.getInt("v")).isEqualTo(4);
        assertThat(r.generation).isEqualTo(4);
    }

    @Test
    void deleteAndTouchReportWhetherTheRecordExisted() {
        Key key = new Key("test", "del", 1);
        NODE.client().put(null, key, new Bin("v", 1));
        WritePolicy durable = new WritePolicy();
        durable.durableDelete = true;
        assertThat(NODE.client().delete(durable, key)).isTrue();
        assertThat(NODE.client().delete(null, key)).isFalse();
        assertThat(NODE.client().exists(null, key)).isFalse();
        assertCode(() -> NODE.client().touch(null, key), ResultCode.KEY_NOT_FOUND_ERROR);
        NODE.client().put(null, key, new Bin("v", 1));
        NODE.client().touch(null, key);
        Record r = NODE.client().get(null, key);
        // 1, the durable delete's tombstone 2, written again 3, touched 4.
        assertThat(r.generation).isEqualTo(4);
        assertThat(r.getInt("v")).isEqualTo(1);
        WritePolicy guarded = new WritePolicy();
        guarded.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        guarded.generation = 3;
        assertCode(() -> NODE.client().delete(guarded, key), ResultCode.GENERATION_ERROR);
    }
}
