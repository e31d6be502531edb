package io.aerie.tools.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HistoryFormatTest {
    @Test
    void writesOneReadableLinePerOp() {
        List<Op> ops = List.of(
                Op.write(1, "k", 5, Outcome.OK, 100, 150),
                Op.cas(2, "k", null, 6, Outcome.INFO, 120, Long.MAX_VALUE),
                Op.setRead(3, "my set", List.of(3L, -1L), Outcome.OK, 130, 180),
                Op.read(4, "", null, Outcome.OK, 140, 190));
        String text = HistoryFormat.write(ops);
        assertThat(text.lines().skip(1))
                .containsExactly(
                        "1 WRITE OK 100 150 5 - [] k",
                        "2 CAS INFO 120 9223372036854775807 6 - [] k",
                        "3 READ OK 130 180 - - [3,-1] my+set",
                        "4 READ OK 140 190 - - [] ");
        assertThat(HistoryFormat.parse(text)).isEqualTo(ops);
    }

    @Test
    void parsingSkipsCommentsAndBlankLinesAndNamesBadLines() {
        assertThat(HistoryFormat.parse("# a comment\n\n0 ADD OK 1 2 3 - [] c\r\n"))
                .containsExactly(Op.add(0, "c", 3, Outcome.OK, 1, 2));
        assertThatThrownBy(() -> HistoryFormat.parse("0 ADD OK 1 2 3 - [] c\n0 ADD OK 1 2\n"))
                .hasMessageStartingWith("line 2: expected 9 fields");
        assertThatThrownBy(() -> HistoryFormat.parse("0 JUMP OK 1 2 3 - [] c")).hasMessageStartingWith("line 1:");
        assertThatThrownBy(() -> HistoryFormat.parse("0 ADD OK 2 1 3 - [] c"))
                .hasMessageContaining("completes before it is invoked");
        assertThatThrownBy(() -> HistoryFormat.parse("0 READ OK 1 2 - - 1,2 c")).hasMessageContaining("bracketed");
    }

    @Property(tries = 300)
    void anyHistoryRoundTrips(@ForAll("histories") List<Op> ops) {
        assertThat(HistoryFormat.parse(HistoryFormat.write(ops))).isEqualTo(ops);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        return op().list().ofMaxSize(30);
    }

    private static Arbitrary<Op> op() {
        Arbitrary<String> keys = Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars("é日\n\t")
                .ofMaxLength(12);
        Arbitrary<Long> values = Arbitraries.longs();
        Arbitrary<Long> times = Arbitraries.longs().between(0, Long.MAX_VALUE / 2);
        Arbitrary<Outcome> outcomes = Arbitraries.of(Outcome.class);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1000),
                        keys,
                        Arbitraries.of(OpKind.class),
                        values,
                        values.injectNull(0.3),
                        values.list().ofMaxSize(5),
                        outcomes,
                        times.tuple2())
                .as((process, key, kind, value, expected, elements, outcome, interval) -> {
                    long invoke = interval.get1();
                    long complete = invoke + interval.get2();
                    return switch (kind) {
                        case READ ->
                            outcome != Outcome.OK
                                    ? Op.read(process, key, null, outcome, invoke, complete)
                                    : elements.isEmpty()
                                            ? Op.read(process, key, expected, outcome, invoke, complete)
                                            : Op.setRead(
                                                    process, key, new ArrayList<>(elements), outcome, invoke, complete);
                        case CAS -> Op.cas(process, key, expected, value, outcome, invoke, complete);
                        default -> new Op(process, key, kind, value, null, List.of(), outcome, invoke, complete);
                    };
                });
    }
}
