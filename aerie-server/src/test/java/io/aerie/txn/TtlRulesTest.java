package io.aerie.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.NamespaceConfig;
import io.aerie.protocol.ResultCode;
import io.aerie.storage.Digest;
import io.aerie.storage.Record;
import org.junit.jupiter.api.Test;

class TtlRulesTest {
    private static final int NOW = 500_000_000;
    private static final NamespaceConfig NS =
            NamespaceConfig.inMemory("t", 1 << 20).withNsupPeriod(120);

    private static byte[] record(int voidTime, long lutMillis) {
        return Record.of(new Digest(1, 2, 3), 3, voidTime, lutMillis, 0, null, new byte[0], 0);
    }

    @Test
    void zeroTtlTakesTheNamespaceDefault() {
        assertThat(TtlPolicy.voidTime(0, null, NS, NOW)).isZero();
        NamespaceConfig withDefault = new NamespaceConfig(
                "t",
                2,
                100,
                120,
                false,
                0,
                70,
                0,
                90,
                "generation",
                false,
                1 << 20,
                NS.storage(),
                NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD,
                0,
                true,
                false,
                NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE);
        assertThat(TtlPolicy.voidTime(0, null, withDefault, NOW)).isEqualTo(NOW + 100L);
    }

    @Test
    void minusOneNeverExpiresAndMinusTwoKeepsTheCurrentExpiry() {
        assertThat(TtlPolicy.voidTime(-1, record(NOW + 5, 0), NS, NOW)).isZero();
        assertThat(TtlPolicy.voidTime(-2, record(NOW + 5, 0), NS, NOW)).isEqualTo(NOW + 5L);
        assertThat(TtlPolicy.voidTime(-2, null, NS, NOW)).isZero();
    }

    @Test
    void ttlsOverTenYearsAreRefused() {
        assertThat(TtlPolicy.voidTime(315_360_001, null, NS, NOW)).isEqualTo(-ResultCode.PARAMETER_ERROR);
        assertThat(TtlPolicy.voidTime(315_360_000, null, NS, NOW)).isEqualTo(NOW + 315_360_000L);
    }

    @Test
    void expiringRecordsAreForbiddenWithoutNsupUnlessAllowed() {
        NamespaceConfig noNsup = new NamespaceConfig(
                "t",
                2,
                0,
                0,
                false,
                0,
                70,
                0,
                90,
                "generation",
                false,
                1 << 20,
                NS.storage(),
                NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD,
                0,
                true,
                false,
                NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE);
        assertThat(TtlPolicy.voidTime(60, null, noNsup, NOW)).isEqualTo(-ResultCode.FAIL_FORBIDDEN);
        NamespaceConfig allowed = new NamespaceConfig(
                "t",
                2,
                0,
                0,
                true,
                0,
                70,
                0,
                90,
                "generation",
                false,
                1 << 20,
                NS.storage(),
                NamespaceConfig.DEFAULT_TOMB_RAIDER_PERIOD,
                0,
                true,
                false,
                NamespaceConfig.DEFAULT_TOMB_RAIDER_ELIGIBLE_AGE);
        assertThat(TtlPolicy.voidTime(60, null, allowed, NOW)).isEqualTo(NOW + 60L);
    }

    @Test
    void readTouchIsDueOnlyInTheLastPercentOfTheWrittenTtl() {
        // Written at NOW with a TTL of 1000 s.
        byte[] r = record(NOW + 1000, NOW * 1000L);
        assertThat(ReadTouch.writtenTtl(r)).isEqualTo(1000);
        assertThat(ReadTouch.due(r, 80, NOW + 199)).isFalse();
        assertThat(ReadTouch.due(r, 80, NOW + 200)).isTrue();
        assertThat(ReadTouch.due(r, 0, NOW + 999)).isFalse();
        assertThat(ReadTouch.due(record(0, NOW * 1000L), 100, NOW)).isFalse();
    }
}
