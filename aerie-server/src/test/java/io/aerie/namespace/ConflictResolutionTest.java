package io.aerie.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.NamespaceConfig;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import org.junit.jupiter.api.Test;

/** Which copy wins when two versions of a record meet, per policy and in strong consistency. */
class ConflictResolutionTest {
    private static final Digest DIGEST = Digest.of(new byte[Digest.SIZE], 0);

    private static byte[] version(int generation, long lastUpdateTime) {
        return Record.allocate(DIGEST, generation, 0, lastUpdateTime, 0, 0, 1, 0);
    }

    @Test
    void generationPolicyPrefersMoreHistoryThenTheLaterWrite() {
        String gen = NamespaceConfig.GENERATION;
        assertThat(ConflictResolution.incomingWins(gen, version(3, 500), version(4, 100)))
                .isTrue();
        assertThat(ConflictResolution.incomingWins(gen, version(4, 100), version(3, 500)))
                .isFalse();
        assertThat(ConflictResolution.incomingWins(gen, version(4, 100), version(4, 101)))
                .isTrue();
        assertThat(ConflictResolution.incomingWins(gen, version(4, 100), version(4, 100)))
                .as("a tie keeps the existing copy")
                .isFalse();
        assertThat(ConflictResolution.incomingWins(gen, version(65535, 100), version(1, 200)))
                .as("plain comparison: the wrapped copy has less history")
                .isFalse();
    }

    @Test
    void lastUpdateTimePolicyPrefersTheLaterWriteThenTheWrappedGeneration() {
        String lut = NamespaceConfig.LAST_UPDATE_TIME;
        assertThat(ConflictResolution.incomingWins(lut, version(9, 100), version(2, 101)))
                .isTrue();
        assertThat(ConflictResolution.incomingWins(lut, version(2, 101), version(9, 100)))
                .isFalse();
        assertThat(ConflictResolution.incomingWins(lut, version(65535, 100), version(1, 100)))
                .isTrue();
    }

    @Test
    void strongConsistencyOrdersByGenerationAcrossTheWrapWhateverThePolicyOrTheClocks() {
        for (String policy : NamespaceConfig.CONFLICT_RESOLUTION_POLICIES) {
            assertThat(ConflictResolution.incomingWins(policy, true, version(65535, 900), version(1, 100)))
                    .as("%s: the write after 65535 is 1, even from a master whose clock is behind", policy)
                    .isTrue();
            assertThat(ConflictResolution.incomingWins(policy, true, version(1, 100), version(65535, 900)))
                    .as("%s: a resent older write loses", policy)
                    .isFalse();
            assertThat(ConflictResolution.incomingWins(policy, true, version(7, 900), version(8, 100)))
                    .isTrue();
            assertThat(ConflictResolution.incomingWins(policy, true, version(8, 100), version(8, 100)))
                    .isFalse();
        }
    }
}
