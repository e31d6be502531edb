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
        int genOld = Record.generation(existing);
        int genNew = Record.generation(incoming);
        long lutOld = Record.lastUpdateTime(existing);
        long lutNew = Record.lastUpdateTime(incoming);
        if (NamespaceConfig.LAST_UPDATE_TIME.equals(policy)) {
            if (lutNew != lutOld) {
                return lutNew > lutOld;
            }
            // Wrap-aware: a generation just past 65535 is newer than one just below it.
            short delta = (short) (genNew - genOld);
            return delta > 0;
        }
        if (genNew != genOld) {
            return genNew > genOld;
        }
        return lutNew > lutOld;
    }
}
