package io.aerie.tools.harness;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.ReadModeSC;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.tools.harness.check.History;
import io.aerie.tools.harness.check.OpKind;
import io.aerie.tools.harness.check.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * The harness's operations through the official client, each recorded in a {@link History}: invoked just before
 * the client call, completed just after, with the outcome {@link Outcomes} gives an error.
 */
final class ClientOps {
    /** Namespace the harness cluster is configured with. */
    static final String NAMESPACE = "test";

    /** Set holding every harness record; keys carry the segment and workload, so segments never share records. */
    static final String SET = "harness";

    /** The one bin every workload uses. */
    static final String BIN = "v";

    private final AerospikeClient client;
    private final History history;
    private final ErrorTally errors;
    private final Policy readPolicy;
    private final WritePolicy writePolicy;
    private final WritePolicy deletePolicy;
    private final SetEncoding setEncoding;

    ClientOps(AerospikeClient client, History history, ErrorTally errors, int timeoutMillis, SetEncoding setEncoding) {
        this.client = client;
        this.setEncoding = setEncoding;
        this.history = history;
        this.errors = errors;
        this.readPolicy = new Policy();
        readPolicy.readModeSC = ReadModeSC.LINEARIZE;
        readPolicy.totalTimeout = timeoutMillis;
        readPolicy.socketTimeout = timeoutMillis;
        readPolicy.maxRetries = 0;
        this.writePolicy = new WritePolicy();
        // One attempt: a retried write that timed out could apply twice, which a counter would double count.
        writePolicy.maxRetries = 0;
        writePolicy.totalTimeout = timeoutMillis;
        writePolicy.socketTimeout = timeoutMillis;
        // Strong consistency refuses deletes that leave no tombstone.
        this.deletePolicy = new WritePolicy(writePolicy);
        deletePolicy.durableDelete = true;
    }

    /** The history the ops are recorded in. */
    History history() {
        return history;
    }

    private static Key key(String key) {
        return new Key(NAMESPACE, SET, key);
    }

    /** A linearized read of a register or counter: OK with the value (absent: null), or FAIL. */
    Outcome read(int process, String key) {
        int id = history.invokeRead(process, key, System.nanoTime());
        try {
            Record r = client.get(readPolicy, key(key));
            history.completeRead(id, Outcome.OK, value(r), System.nanoTime());
            return Outcome.OK;
        } catch (RuntimeException e) {
            history.completeRead(id, Outcomes.ofReadError(e), null, System.nanoTime());
            errors.add("read", e);
            return Outcome.FAIL;
        }
    }

    /** A linearized read of a whole set: OK with its elements (absent: none), or FAIL. */
    Outcome readSet(int process, String key) {
        int id = history.invokeRead(process, key, System.nanoTime());
        try {
            Record r = client.get(readPolicy, key(key));
            history.completeSetRead(id, Outcome.OK, setEncoding.decode(r, BIN), System.nanoTime());
            return Outcome.OK;
        } catch (RuntimeException e) {
            history.completeRead(id, Outcomes.ofReadError(e), null, System.nanoTime());
            errors.add("read", e);
            return Outcome.FAIL;
        }
    }

    /** A blind write of {@code value} to a register. */
    Outcome write(int process, String key, long value) {
        int id = history.invoke(process, key, OpKind.WRITE, value, System.nanoTime());
        return put(id, writePolicy, key, value);
    }

    /**
     * A durable delete of a register: it becomes absent, as a write of nothing would make it. The tombstone it leaves
     * keeps the generation going, so a compare-and-set that read the record before cannot match a later one.
     */
    Outcome delete(int process, String key) {
        int id = history.invokeDelete(process, key, System.nanoTime());
        // Whether the record existed or not, it is absent now.
        return change(id, "delete", () -> client.delete(deletePolicy, key(key)));
    }

    /**
     * A compare-and-set: reads the value and generation, fails unless the value is {@code expected}, then writes
     * {@code value} only if the generation is unchanged. Recorded as one op from before the read to after the write.
     */
    Outcome cas(int process, String key, long expected, long value) {
        int id = history.invokeCas(process, key, expected, value, System.nanoTime());
        Record r;
        try {
            r = client.get(readPolicy, key(key));
        } catch (RuntimeException e) {
            // Nothing was written yet, whatever the read's error.
            history.complete(id, Outcome.FAIL, System.nanoTime());
            errors.add("cas-read", e);
            return Outcome.FAIL;
        }
        Long current = value(r);
        if (r == null || current == null || current != expected) {
            history.complete(id, Outcome.FAIL, System.nanoTime());
            return Outcome.FAIL;
        }
        WritePolicy guarded = new WritePolicy(writePolicy);
        guarded.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        guarded.generation = r.generation;
        return put(id, guarded, key, value);
    }

    private Outcome put(int id, WritePolicy policy, String key, long value) {
        return change(id, "write", () -> client.put(policy, key(key), new Bin(BIN, value)));
    }

    /** Runs a client call that changes a record and completes op {@code id} with its outcome. */
    private Outcome change(int id, String what, Runnable call) {
        try {
            call.run();
            return done(id, Outcome.OK);
        } catch (RuntimeException e) {
            errors.add(what, e);
            return done(id, Outcomes.ofWriteError(e));
        }
    }

    /** Adds {@code delta} to a counter. */
    Outcome add(int process, String key, long delta) {
        int id = history.invoke(process, key, OpKind.ADD, delta, System.nanoTime());
        return change(id, "add", () -> client.operate(writePolicy, key(key), Operation.add(new Bin(BIN, delta))));
    }

    /** Appends {@code element} to a set's bin. */
    Outcome append(int process, String key, long element) {
        int id = history.invoke(process, key, OpKind.APPEND, element, System.nanoTime());
        return change(id, "append", () -> client.operate(writePolicy, key(key), setEncoding.append(BIN, element)));
    }

    private Outcome done(int id, Outcome outcome) {
        history.complete(id, outcome, System.nanoTime());
        return outcome;
    }

    private static @Nullable Long value(@Nullable Record r) {
        if (r == null) {
            return null;
        }
        Object v = r.getValue(BIN);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("bin " + BIN + " holds " + v.getClass().getSimpleName() + ": " + v);
    }
}
