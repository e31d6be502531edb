package io.aerie.tools.harness;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;
import io.aerie.tools.harness.check.Outcome;
import java.util.Locale;

/**
 * How a client error ends an op, as Jepsen classifies it: a write that may have reached a node is in doubt (INFO),
 * one the server or client definitely refused failed (FAIL); a read has no effect, so any error fails it.
 *
 * <p>With one attempt per write, the client's in-doubt flag is set exactly when the command was sent and no answer
 * came (or the answer was a timeout); timeouts count as in doubt even without it.
 */
public final class Outcomes {
    private Outcomes() {}

    /** The outcome of a write (put, operate, or a CAS's write) that threw {@code error}. */
    public static Outcome ofWriteError(Throwable error) {
        if (!(error instanceof AerospikeException e)) {
            // Not the client's own error (a bug, an interrupted socket): nothing says the write did not happen.
            return Outcome.INFO;
        }
        if (e.getInDoubt() || e instanceof AerospikeException.Timeout || e.getResultCode() == ResultCode.TIMEOUT) {
            // Sent, or a timeout: it may apply, now or later. The client flags a connection lost after the command
            // went out as in doubt; one that failed before (connection refused by a dead node) changed nothing.
            return Outcome.INFO;
        }
        // A definite answer: unavailable partition, generation mismatch, no node to send to, and so on.
        return Outcome.FAIL;
    }

    /** The outcome of a read that threw: reads change nothing, so an error only means it observed nothing. */
    public static Outcome ofReadError(Throwable error) {
        return Outcome.FAIL;
    }

    /** A short name for tallying errors, e.g. {@code PARTITION_UNAVAILABLE(11)} or {@code timeout(in doubt)}. */
    public static String label(Throwable error) {
        if (!(error instanceof AerospikeException e)) {
            return error.getClass().getSimpleName();
        }
        String doubt = e.getInDoubt() ? " in doubt" : "";
        if (e instanceof AerospikeException.Timeout t) {
            return (t.client ? "client timeout" : "server timeout") + doubt;
        }
        if (e instanceof AerospikeException.Connection) {
            return "connection" + doubt;
        }
        String name = ResultCode.getResultString(e.getResultCode());
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "") + "("
                + e.getResultCode() + ")" + doubt;
    }
}
