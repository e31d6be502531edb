package io.aerie.tools.harness.check;

import java.util.List;

/**
 * The set checker's findings: an overall verdict and, per set key, what became of the appended elements.
 *
 * @param verdict valid if nothing was lost, unexpected, duplicated or stale
 * @param keys one report per set key, in key order
 */
public record SetReport(Verdict verdict, List<KeyReport> keys) {
    public SetReport {
        keys = List.copyOf(keys);
    }

    /**
     * One set key.
     *
     * @param key the key
     * @param attempted distinct elements appended, whatever the outcome
     * @param acknowledged distinct elements whose append was acknowledged
     * @param inDoubt distinct elements whose appends were only in doubt
     * @param recovered in-doubt elements present in the final read
     * @param lost elements the final read misses although they were acknowledged, or seen by an earlier read, before
     *     it began
     * @param unexpected elements read that no append acknowledged or left in doubt
     * @param duplicated elements some read returned more than once
     * @param staleReads non-final reads missing an element acknowledged or seen before they began (history indices)
     */
    public record KeyReport(
            String key,
            int attempted,
            int acknowledged,
            int inDoubt,
            int recovered,
            List<Long> lost,
            List<Long> unexpected,
            List<Long> duplicated,
            List<Integer> staleReads) {
        public KeyReport {
            lost = List.copyOf(lost);
            unexpected = List.copyOf(unexpected);
            duplicated = List.copyOf(duplicated);
            staleReads = List.copyOf(staleReads);
        }
    }

    /** Elements lost over all keys. */
    public int lostCount() {
        return keys.stream().mapToInt(k -> k.lost().size()).sum();
    }

    /** Unexpected elements over all keys. */
    public int unexpectedCount() {
        return keys.stream().mapToInt(k -> k.unexpected().size()).sum();
    }

    /** In-doubt elements that turned up in final reads, over all keys. */
    public int recoveredCount() {
        return keys.stream().mapToInt(KeyReport::recovered).sum();
    }
}
