package io.aerie.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedRatioTest {
    @Test
    void aDriftThatMovesBothSidesOfEachPairLeavesThePairRatiosAlone() {
        PairedRatio r = new PairedRatio();
        // The machine slows from 100k to 70k; the subject stays at 0.9 of the yardstick throughout.
        for (int i = 0; i < 7; i++) {
            double speed = 100_000 - i * 5_000;
            r.add(speed, 0.9 * speed);
        }
        assertThat(r.size()).isEqualTo(7);
        assertThat(r.pairQuantile(0.5)).isCloseTo(0.9, within(1e-9));
        assertThat(r.pairQuantile(0.25)).isCloseTo(0.9, within(1e-9));
        assertThat(r.ratioOfMeans()).isCloseTo(0.9, within(1e-9));
        assertThat(r.meanTps(0)).isCloseTo(85_000, within(1e-6));
    }

    @Test
    void quantilesInterpolateBetweenTheSortedPairRatios() {
        PairedRatio r = new PairedRatio();
        r.add(100, 80);
        r.add(100, 100);
        r.add(100, 90);
        r.add(100, 95);
        assertThat(r.pairQuantile(0.5)).isCloseTo(0.925, within(1e-9));
        assertThat(r.pairQuantile(0)).isCloseTo(0.8, within(1e-9));
        assertThat(r.pairQuantile(1)).isCloseTo(1.0, within(1e-9));
        assertThat(r.summary()).contains("pairs 4", "ratio of means 0.913", "median 0.925");
        assertThat(r.json()).startsWith("{\"pairs\":4,").contains("\"pairRatios\":[0.8, 1.0, 0.9, 0.95]");
    }

    @Test
    void aYardstickThatServedNothingIsRefused() {
        assertThatThrownBy(() -> new PairedRatio().add(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PairedRatio().pairQuantile(0.5)).isNaN();
    }
}
