package io.aerie.namespace;

import io.aerie.config.NamespaceConfig;
import io.aerie.storage.Record;

/**
 * Which of two versions of a record wins when copies meet (migration, replica writes, after a
 * split heals): the namespace's {@code conflict-resolution-policy}, as Aerospike's
 * {@code as_record_resolve_conflict}.
 */
public final class ConflictResolution {
    private ConflictResolution() {}

    /**
     * Whether {@code incoming} beats {@code existing}. {@code generation}: the higher generation,
     * compared plainly (not wrap-aware, favouring the side with more history), then the later
     * last-update time. {@code last-update-time}: the later last-update time, then the generation,
     * wrap-aware. A tie keeps the existing copy.
     */
    public static boolean incomingWins(String policy, byte[] existing, byte[] incoming) {
        return incomingWins(policy, false, existing, incoming);
    }

    /**
     * As {@link #incomingWins(String, byte[], byte[])}, and for a strong-consistency namespace
     * ({@code strongConsistency}) the policy does not apply: the later generation, wrap-aware, then
     * the later last-update time. Every version of a record there descends from the one before
     * through a single master at a time (copies of an older regime are refilled, never merged), so
     * generations order them even across a wrap, which a plain comparison would get backwards, and
     * clocks of different masters never have to agree.
     */
    public static boolean incomingWins(String policy, boolean strongConsistency, byte[] existing, byte[] incoming) {
        if (strongConsistency) {
            int delta = wrappedGenerationDelta(existing, incoming);
            return delta != 0 ? delta > 0 : Record.lastUpdateTime(incoming) > Record.lastUpdateTime(existing);
        }
        int genOld = Record.generation(existing);
        int genNew = Record.generation(incoming);
        long lutOld = Record.lastUpdateTime(existing);
        long lutNew = Record.lastUpdateTime(incoming);
        if (NamespaceConfig.LAST_UPDATE_TIME.equals(policy)) {
            if (lutNew != lutOld) {
                return lutNew > lutOld;
            }
            return wrappedGenerationDelta(existing, incoming) > 0;
        }
        if (genNew != genOld) {
            return genNew > genOld;
        }
        return lutNew > lutOld;
    }

    /**
     * How far {@code incoming}'s generation is ahead of {@code existing}'s, wrap-aware: a generation
     * just past 65535 is ahead of one just below it. Negative when behind.
     */
    private static int wrappedGenerationDelta(byte[] existing, byte[] incoming) {
        return (short) (Record.generation(incoming) - Record.generation(existing));
    }
}
