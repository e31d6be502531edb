package io.aerie.tools.harness;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the set workload keeps its elements in one bin: a list appended to with {@link ListOperation#append}, or,
 * for servers without list operations, a string appended to with {@link Operation#append} (elements separated by
 * spaces). Both appends are single atomic record operations, so the set checker's reasoning holds for either.
 */
public enum SetEncoding {
    /** A list bin, appended to by a CDT list operation. */
    LIST,
    /** A string bin of space-separated elements, appended to by a string append. */
    STRING;

    private static final int PROBE_ATTEMPTS = 20;
    private static final long PROBE_RETRY_MILLIS = 500;

    /** The name as the command line and the report spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation that appends {@code element} to bin {@code bin}. */
    Operation append(String bin, long element) {
        return switch (this) {
            case LIST -> ListOperation.append(ListPolicy.Default, bin, Value.get(element));
            case STRING -> Operation.append(new Bin(bin, " " + element));
        };
    }

    /** The elements bin {@code bin} of {@code record} holds, in order (none if the record or bin is absent). */
    List<Long> decode(@Nullable Record record, String bin) {
        List<Long> out = new ArrayList<>();
        if (record == null) {
            return out;
        }
        Object v = record.getValue(bin);
        if (v == null) {
            return out;
        }
        switch (this) {
            case LIST -> {
                for (Object o : record.getList(bin)) {
                    if (!(o instanceof Long l)) {
                        throw new IllegalStateException("list element " + o + " is not a long");
                    }
                    out.add(l);
                }
            }
            case STRING -> out.addAll(parse(v));
        }
        return out;
    }

    /** The elements of a string bin; anything but space-separated longs is the server's corruption, so it throws. */
    static List<Long> parse(Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalStateException("set bin holds " + value.getClass().getSimpleName() + ", not a string");
        }
        List<Long> out = new ArrayList<>();
        for (String token : s.trim().split(" +", -1)) {
            if (token.isEmpty()) {
                continue;
            }
            try {
                out.add(Long.parseLong(token));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("set bin holds a token that is no element: '" + token + "'", e);
            }
        }
        return out;
    }

    /**
     * LIST if the cluster takes a list append on {@code probeKey}, STRING if it answers that the feature is
     * unsupported; other errors (a cluster still settling) are retried a few times.
     */
    static SetEncoding detect(AerospikeClient client, WritePolicy policy, Key probeKey, String bin)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.operate(policy, probeKey, LIST.append(bin, 0));
                return LIST;
            } catch (AerospikeException e) {
                if (e.getResultCode() == ResultCode.UNSUPPORTED_FEATURE) {
                    return STRING;
                }
                if (attempt == PROBE_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(PROBE_RETRY_MILLIS);
            }
        }
    }
}
