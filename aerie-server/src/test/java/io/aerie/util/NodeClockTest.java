package io.aerie.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A node's clock never goes back, whatever the system clock or an injected skew does. */
class NodeClockTest {
    @Test
    void neverGoesBackAndTakesAnOffset() {
        java.util.concurrent.atomic.AtomicLong system = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        NodeClock clock = new NodeClock(system::get);
        assertThat(clock.currentTimeMillis()).isEqualTo(1_000_000);
        clock.setOffset(5_000);
        assertThat(clock.currentTimeMillis()).isEqualTo(1_005_000);
        clock.setOffset(0);
        assertThat(clock.currentTimeMillis())
                .as("skew removed: holds until time catches up")
                .isEqualTo(1_005_000);
        system.addAndGet(6_000);
        assertThat(clock.currentTimeMillis()).isEqualTo(1_006_000);
        system.set(900_000);
        assertThat(clock.currentTimeMillis()).as("system clock set back").isEqualTo(1_006_000);
        assertThat(clock.offset()).isZero();
    }
}
