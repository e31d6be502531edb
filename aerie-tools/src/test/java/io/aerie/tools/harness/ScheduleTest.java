package io.aerie.tools.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final List<FaultType> ALL =
            List.of(FaultType.PARTITION, FaultType.KILL, FaultType.PAUSE, FaultType.CLOCK, FaultType.NONE);

    private static Schedule draw(long seed) {
        return Schedule.generate(new Random(seed), ALL, 5, 60_000, 5_000, 5_000);
    }

    @Test
    void theSameSeedDrawsTheSameSchedule() {
        assertThat(draw(42)).isEqualTo(draw(42));
        assertThat(draw(42).describe(5)).isEqualTo(draw(42).describe(5));
    }

    @Test
    void differentSeedsDrawDifferentSchedules() {
        Set<Schedule> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            seen.add(draw(seed));
        }
        assertThat(seen).hasSizeGreaterThan(15);
    }

    @Test
    void aSegmentPerFaultTypeAlternatingFaultAndHealedPeriods() {
        Schedule s = draw(7);
        assertThat(s.segments()).extracting(Segment::type).isEqualTo(ALL);
        for (Segment seg : s.segments()) {
            assertThat(seg.faults()).hasSize(6);
            assertThat(seg.durationMillis()).isEqualTo(60_000);
            for (int i = 0; i < seg.faults().size(); i++) {
                Fault f = seg.faults().get(i);
                assertThat(f.type()).isEqualTo(seg.type());
                assertThat(f.startMillis()).isEqualTo(i * 10_000L);
                assertThat(f.faultMillis()).isEqualTo(5_000);
                assertThat(f.healMillis()).isEqualTo(5_000);
            }
        }
        assertThat(s.segments())
                .extracting(Segment::name)
                .containsExactly("0-partition", "1-kill", "2-pause", "3-clock", "4-none");
    }

    @Test
    void faultsHitValidNodes() {
        for (long seed = 0; seed < 200; seed++) {
            for (Segment seg : draw(seed).segments()) {
                for (Fault f : seg.faults()) {
                    assertThat(f.nodes())
                            .allMatch(n -> n >= 0 && n < 5)
                            .doesNotHaveDuplicates()
                            .isSorted();
                    switch (f.type()) {
                        case PARTITION -> {
                            // A minority side: the other side always holds the majority (or half).
                            assertThat(f.nodes()).hasSizeBetween(1, 2);
                            assertThat(f.otherSide(5)).hasSize(5 - f.nodes().size());
                        }
                        case KILL, PAUSE -> assertThat(f.nodes()).hasSize(1);
                        case CLOCK -> {
                            assertThat(f.nodes()).hasSize(1);
                            assertThat(Math.abs(f.clockOffsetMillis()))
                                    .isBetween((long) Schedule.MIN_SKEW_MILLIS, (long) Schedule.MAX_SKEW_MILLIS);
                        }
                        case NONE -> assertThat(f.nodes()).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void aSegmentShorterThanACycleStillHasOneFault() {
        Schedule s = Schedule.generate(new Random(1), List.of(FaultType.KILL), 3, 2_000, 5_000, 5_000);
        assertThat(s.segments().getFirst().faults()).hasSize(1);
        assertThat(s.segments().getFirst().durationMillis()).isEqualTo(10_000);
    }

    @Test
    void describesFaults() {
        assertThat(new Fault(FaultType.PARTITION, 0, 1, 1, List.of(1, 3), 0).describe(5))
                .isEqualTo("partition n1,n3 | n0,n2,n4");
        assertThat(new Fault(FaultType.CLOCK, 0, 1, 1, List.of(2), -2300).describe(5))
                .isEqualTo("clock n2 -2300 ms");
        assertThat(new Fault(FaultType.KILL, 0, 1, 1, List.of(4), 0).describe(5))
                .isEqualTo("kill n4");
        assertThat(draw(3).describe(5)).hasSize(5).allMatch(l -> l.startsWith("segment "));
    }

    @Test
    void rejectsTooFewNodes() {
        assertThatThrownBy(() -> Schedule.generate(new Random(1), ALL, 1, 10_000, 1_000, 1_000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
