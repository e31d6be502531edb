package io.aerie.tools.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetEncodingTest {
    private static Record record(Object value) {
        return new Record(Map.of("v", value), 1, 0);
    }

    @Test
    void aStringBinHoldsSpaceSeparatedElementsInAppendOrder() {
        assertThat(SetEncoding.STRING.decode(record(" 3 1 20 1"), "v")).containsExactly(3L, 1L, 20L, 1L);
        assertThat(SetEncoding.STRING.decode(record(""), "v")).isEmpty();
    }

    @Test
    void aListBinHoldsLongs() {
        assertThat(SetEncoding.LIST.decode(record(List.of(4L, 2L)), "v")).containsExactly(4L, 2L);
    }

    @Test
    void anAbsentRecordOrBinIsTheEmptySet() {
        assertThat(SetEncoding.LIST.decode(null, "v")).isEmpty();
        assertThat(SetEncoding.STRING.decode(new Record(Map.of(), 1, 0), "v")).isEmpty();
    }

    @Test
    void corruptionIsAnErrorNotAnEmptyRead() {
        assertThatThrownBy(() -> SetEncoding.STRING.decode(record(" 1 x2"), "v"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("x2");
        assertThatThrownBy(() -> SetEncoding.STRING.decode(record(7L), "v")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SetEncoding.LIST.decode(record(List.of("a")), "v"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void appendsAreSingleOperations() {
        assertThat(SetEncoding.STRING.append("v", 12).value.toString()).isEqualTo(" 12");
        assertThat(SetEncoding.LIST.append("v", 12).binName).isEqualTo("v");
    }
}
