package io.aerie.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void readsUserAndSystemTicksPastACommandNameWithSpacesAndParentheses() {
        String line = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 30 0 100 0 0";
        assertThat(ProcessCpu.parse(line)).containsExactly(1234, 567);
    }

    @Test
    void thisProcessHasSpentSomeTime() {
        long spin = 0;
        for (int i = 0; i < 50_000_000; i++) {
            spin += i ^ (spin >>> 3);
        }
        long[] t = ProcessCpu.ticks(0);
        assertThat(spin).isNotZero();
        assertThat(t[0] + t[1]).isPositive();
    }

    @Test
    void anUnknownProcessReadsAsZero() {
        assertThat(ProcessCpu.ticks(Long.MAX_VALUE)).containsExactly(0, 0);
    }
}
