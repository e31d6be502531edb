package io.aerie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValuesTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1048576, 1048576",
        "1K, 1024",
        "128k, 131072",
        "1M, 1048576",
        "4G, 4294967296",
        "4g, 4294967296",
        "2T, 2199023255552",
        "1P, 1125899906842624",
    })
    void sizesArePowersOf1024(String text, long bytes) {
        assertThat(ConfigValues.parseSize(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "G", "4GB", "4GiB", "-1", "1.5G", "4 G", "0x10", "9999999999P", "99999999999999999999"})
    void badSizesAreRejected(String text) {
        assertThatThrownBy(() -> ConfigValues.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "3600, 3600", "90s, 90", "10m, 600", "12h, 43200", "30d, 2592000", "1D, 86400", "2H, 7200"})
    void durationsAreSecondsWithOptionalUnit(String text, long seconds) {
        assertThat(ConfigValues.parseSeconds(text)).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "1w", "1y", "-5", "10ms", "1.5h"})
    void badDurationsAreRejected(String text) {
        assertThatThrownBy(() -> ConfigValues.parseSeconds(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seconds");
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "yes, true", "false, false", "False, false", "no, false"})
    void booleans(String text, boolean value) {
        assertThat(ConfigValues.parseBoolean(text)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "0", "on", "off", "truee"})
    void badBooleansAreRejected(String text) {
        assertThatThrownBy(() -> ConfigValues.parseBoolean(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1K", "-1", "+1", "1 2", "abc"})
    void wholeNumbersHaveNoSuffixOrSign(String text) {
        assertThatThrownBy(() -> ConfigValues.parseUnsigned(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
