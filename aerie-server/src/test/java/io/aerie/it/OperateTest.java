package io.aerie.it;

import static io.aerie.it.WriteSemanticsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.WritePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** operate() with the scalar operations, in order, with and without respond-all-ops. */
class OperateTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension();

    @Test
    void addAppendPrependAndReadAfterWriteInOneCall() {
        Key key = new Key("test", "op", "mix");
        NODE.client()
                .put(null, key, new Bin("n", 10), new Bin("d", 1.5), new Bin("s", "mid"), new Bin("b", new byte[] {2}));
        Record r = NODE.client()
                .operate(
                        null,
                        key,
                        Operation.add(new Bin("n", 5)),
                        Operation.add(new Bin("d", 0.25)),
                        Operation.append(new Bin("s", ">")),
                        Operation.prepend(new Bin("s", "<")),
                        Operation.append(new Bin("b", new byte[] {3})),
                        Operation.prepend(new Bin("b", new byte[] {1})),
                        Operation.get("n"),
                        Operation.get("d"),
                        Operation.get("s"),
                        Operation.get("b"));
        assertThat(r.getLong("n")).isEqualTo(15);
        assertThat(r.getDouble("d")).isEqualTo(1.75);
        assertThat(r.getString("s")).isEqualTo("<mid>");
        assertThat((byte[]) r.getValue("b")).containsExactly(1, 2, 3);
        assertThat(r.generation).isEqualTo(2);
    }

    @Test
    void addCreatesMissingBinsAndRecordsAndWrapsLikeALong() {
        Key key = new Key("test", "op", "create");
        Record r = NODE.client().operate(null, key, Operation.add(new Bin("n", 3)), Operation.get());
        assertThat(r.getLong("n")).isEqualTo(3);
        NODE.client().put(null, key, new Bin("n", Long.MAX_VALUE));
        assertThat(NODE.client()
                        .operate(null, key, Operation.add(new Bin("n", 1)), Operation.get("n"))
                        .getLong("n"))
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void wrongTypesAreBinTypeErrorsAndLeaveTheRecordAlone() {
        Key key = new Key("test", "op", "types");
        NODE.client().put(null, key, new Bin("s", "text"), new Bin("n", 1));
        assertCode(() -> NODE.client().operate(null, key, Operation.add(new Bin("s", 1))), ResultCode.BIN_TYPE_ERROR);
        assertCode(
                () -> NODE.client().operate(null, key, Operation.append(new Bin("n", "x"))), ResultCode.BIN_TYPE_ERROR);
        assertCode(() -> NODE.client().operate(null, key, Operation.add(new Bin("n", 1.5))), ResultCode.BIN_TYPE_ERROR);
        assertCode(
                () -> NODE.client().operate(null, key, Operation.put(new Bin("x", 1)), Operation.add(new Bin("s", 1))),
                ResultCode.BIN_TYPE_ERROR);
        Record r = NODE.client().get(null, key);
        assertThat(r.generation).isEqualTo(1);
        assertThat(r.bins).containsOnlyKeys("s", "n");
    }

    @Test
    void touchDeleteAndGetHeaderOperations() {
        Key key = new Key("test", "op", "touch");
        NODE.client().put(null, key, new Bin("v", 1));
        Record touched = NODE.client().operate(null, key, Operation.touch(), Operation.getHeader());
        assertThat(touched.generation).isEqualTo(2);
        assertThat(touched.bins).isNull();
        NODE.client().operate(null, key, Operation.delete());
        assertThat(NODE.client().exists(null, key)).isFalse();
        Record recreated =
                NODE.client().operate(null, key, Operation.delete(), Operation.put(new Bin("w", 2)), Operation.get());
        assertThat(recreated.bins).containsOnlyKeys("w");
    }

    @Test
    void respondAllOpsGivesOneResultPerOperation() {
        Key key = new Key("test", "op", "all");
        NODE.client().put(null, key, new Bin("n", 1));
        WritePolicy wp = new WritePolicy();
        wp.respondAllOps = true;
        Record r = NODE.client()
                .operate(
                        wp,
                        key,
                        Operation.add(new Bin("n", 1)),
                        Operation.get("n"),
                        Operation.add(new Bin("n", 1)),
                        Operation.get("n"),
                        Operation.get("missing"));
        assertThat(new java.util.ArrayList<Object>(r.getList("n"))).containsExactly(null, 2L, null, 3L);
        assertThat(r.bins).containsKey("missing");
        assertThat(r.getValue("missing")).isNull();
    }

    @Test
    void readsOnAMissingRecordAreKeyNotFound() {
        Key key = new Key("test", "op", "absent");
        assertThat(NODE.client().operate(null, key, Operation.get("a")))
                .as("read-only operate: null record")
                .isNull();
        assertCode(() -> NODE.client().operate(null, key, Operation.touch()), ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(NODE.client().exists(null, key)).isFalse();
    }
}
