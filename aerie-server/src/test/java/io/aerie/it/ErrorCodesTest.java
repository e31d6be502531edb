package io.aerie.it;

import static io.aerie.it.WriteSemanticsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.operation.BitOperation;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.config.NamespaceConfig;
import io.aerie.config.NodeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each failure answers with Aerospike's result code. */
class ErrorCodesTest {
    @RegisterExtension
    static final NodeExtension NODE = new NodeExtension(NodeConfig.defaults()
            .withServicePort(0)
            .withNamespaces(List.of(
                    NamespaceConfig.inMemory("test", 256L << 20), NamespaceConfig.inMemory("small", 1L << 20))));

    @Test
    void binNamesOverFifteenBytesAreRefused() {
        Key key = new Key("test", "err", "name");
        assertCode(() -> NODE.client().put(null, key, new Bin("sixteen-bytes-xx", 1)), ResultCode.BIN_NAME_TOO_LONG);
        assertThat(NODE.client().exists(null, key)).isFalse();
    }

    @Test
    void recordsOverMaxRecordSizeAreRefused() {
        Key key = new Key("test", "err", "big");
        assertCode(
                () -> NODE.client().put(null, key, new Bin("b", new byte[(1 << 20) + 1])), ResultCode.RECORD_TOO_BIG);
        NODE.client().put(null, key, new Bin("b", new byte[1000]));
        assertCode(() -> NODE.client().put(null, key, new Bin("c", new byte[1 << 20])), ResultCode.RECORD_TOO_BIG);
        assertThat(NODE.client().get(null, key).bins).containsOnlyKeys("b");
    }

    @Test
    void stopWritesRefusesWritesButReadsAndDeletesGoOn() {
        byte[] chunk = new byte[64 * 1024];
        Key first = new Key("small", "fill", 0);
        NODE.client().put(null, first, new Bin("b", chunk));
        int written = 1;
        int code = 0;
        for (int i = 1; i < 100 && code == 0; i++) {
            try {
                NODE.client().put(null, new Key("small", "fill", i), new Bin("b", chunk));
                written++;
            } catch (com.aerospike.client.AerospikeException e) {
                code = e.getResultCode();
            }
        }
        assertThat(code).isEqualTo(ResultCode.SERVER_MEM_ERROR);
        assertThat(written).isBetween(8, 12);
        assertThat(NODE.client().get(null, first)).isNotNull();
        assertThat(NODE.client().delete(null, first)).isTrue();
        NODE.client().put(null, new Key("small", "fill", 1000), new Bin("b", new byte[10]));
    }

    @Test
    void cdtBitHllAndExpressionOperationsAreNotSupportedYet() {
        Key key = new Key("test", "err", "cdt");
        NODE.client().put(null, key, new Bin("l", List.of(1, 2)), new Bin("m", java.util.Map.of("a", 1)));
        WritePolicy wp = new WritePolicy();
        assertCode(() -> NODE.client().operate(wp, key, ListOperation.size("l")), ResultCode.UNSUPPORTED_FEATURE);
        assertCode(
                () -> NODE.client()
                        .operate(wp, key, MapOperation.put(MapPolicy.Default, "m", Value.get("b"), Value.get(2))),
                ResultCode.UNSUPPORTED_FEATURE);
        assertCode(() -> NODE.client().operate(wp, key, BitOperation.count("l", 0, 8)), ResultCode.UNSUPPORTED_FEATURE);
        assertCode(
                () -> NODE.client().operate(wp, key, HLLOperation.init(HLLPolicy.Default, "h", 8)),
                ResultCode.UNSUPPORTED_FEATURE);
        assertCode(
                () -> NODE.client()
                        .operate(wp, key, ExpOperation.read("x", Exp.build(Exp.val(1)), ExpReadFlags.DEFAULT)),
                ResultCode.UNSUPPORTED_FEATURE);
        assertThat(NODE.client().get(null, key).generation).isEqualTo(1);
    }

    @Test
    void anUnknownNamespaceIsInvalidNamespace() throws Exception {
        // The client refuses namespaces missing from its partition map before sending anything.
        assertCode(
                () -> NODE.client().put(null, new Key("nope", "s", 1), new Bin("a", 1)), ResultCode.INVALID_NAMESPACE);
        // The node's own answer, to a request sent over a plain socket.
        assertThat(RawReads.resultCode(NODE.node().port(), "nope", new byte[20]))
                .isEqualTo(ResultCode.INVALID_NAMESPACE);
    }

    @Test
    void largeCompressedRecordsRoundTrip() {
        WritePolicy wp = new WritePolicy();
        wp.compress = true;
        com.aerospike.client.policy.Policy rp = new com.aerospike.client.policy.Policy();
        rp.compress = true;
        Key key = new Key("test", "err", "zip");
        String text = "compressible ".repeat(5000);
        NODE.client().put(wp, key, new Bin("t", text), new Bin("n", 7));
        assertThat(NODE.client().get(rp, key).getString("t")).isEqualTo(text);
        assertThat(NODE.client().get(null, key).getInt("n")).isEqualTo(7);
    }
}
