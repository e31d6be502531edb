package io.aerie.tools.harness.check;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The counter checker's findings: an overall verdict and what each counter key added up to.
 *
 * @param verdict valid if every read lay within its bounds
 * @param keys one report per counter key, in key order
 */
public record CounterReport(Verdict verdict, List<KeyReport> keys) {
    public CounterReport {
        keys = List.copyOf(keys);
    }

    /**
     * One counter key.
     *
     * @param key the key
     * @param acknowledged sum of acknowledged increments
     * @param inDoubt sum of in-doubt increments
     * @param finalRead the value seen by the last successful read (by invocation), null if none succeeded
     * @param lostAcknowledged how far the final read fell below the increments acknowledged before it began
     * @param readsChecked successful reads checked
     * @param badReads reads outside their bounds (indices into the history)
     */
    public record KeyReport(
            String key,
            long acknowledged,
            long inDoubt,
            @Nullable Long finalRead,
            long lostAcknowledged,
            int readsChecked,
            List<Integer> badReads) {
        public KeyReport {
            badReads = List.copyOf(badReads);
        }
    }

    /** Acknowledged increments missing from final reads, over all keys. */
    public long lostAcknowledged() {
        return keys.stream().mapToLong(KeyReport::lostAcknowledged).sum();
    }
}
