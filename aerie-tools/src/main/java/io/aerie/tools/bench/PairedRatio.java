package io.aerie.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The throughput of a subject node against a yardstick's, from slices measured in turn: each pair
 * holds one slice of each, taken back to back, so a drift in the machine's speed (seen here as
 * swings of 10% and more within a minute) moves both sides of a pair alike and cancels in its ratio.
 */
public final class PairedRatio {
    private final List<double[]> pairs = new ArrayList<>();

    /** Adds a pair: the yardstick's and the subject's throughput, measured one right after the other. */
    public void add(double yardstickTps, double subjectTps) {
        if (!(yardstickTps > 0) || !(subjectTps >= 0)) {
            throw new IllegalArgumentException("throughputs must be positive: " + yardstickTps + ", " + subjectTps);
        }
        pairs.add(new double[] {yardstickTps, subjectTps});
    }

    public int size() {
        return pairs.size();
    }

    /** Mean throughput of the yardstick (0) or the subject (1) over all pairs. */
    public double meanTps(int side) {
        return pairs.stream().mapToDouble(p -> p[side]).average().orElse(Double.NaN);
    }

    /** The subject's mean throughput over the yardstick's. */
    public double ratioOfMeans() {
        return meanTps(1) / meanTps(0);
    }

    /** The {@code q} quantile (0..1) of the pairs' own ratios, interpolated between neighbours. */
    public double pairQuantile(double q) {
        if (pairs.isEmpty()) {
            return Double.NaN;
        }
        double[] r = pairs.stream().mapToDouble(p -> p[1] / p[0]).sorted().toArray();
        double pos = q * (r.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(r.length - 1, lo + 1);
        return r[lo] + (r[hi] - r[lo]) * (pos - lo);
    }

    /** One line: means, ratio of means, and the median and quartiles of the pairs' ratios. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "pairs %d; yardstick tps mean %.0f; subject tps mean %.0f; ratio of means %.3f;"
                        + " pair ratios median %.3f (quartiles %.3f .. %.3f)",
                size(),
                meanTps(0),
                meanTps(1),
                ratioOfMeans(),
                pairQuantile(0.5),
                pairQuantile(0.25),
                pairQuantile(0.75));
    }

    /** The same as JSON. */
    public String json() {
        double[] ratios = pairs.stream().mapToDouble(p -> p[1] / p[0]).toArray();
        return String.format(
                Locale.ROOT,
                "{\"pairs\":%d,\"yardstickTps\":%.1f,\"subjectTps\":%.1f,\"ratioOfMeans\":%.4f,"
                        + "\"medianPairRatio\":%.4f,\"pairRatios\":%s}",
                size(),
                meanTps(0),
                meanTps(1),
                ratioOfMeans(),
                pairQuantile(0.5),
                Arrays.toString(ratios));
    }
}
