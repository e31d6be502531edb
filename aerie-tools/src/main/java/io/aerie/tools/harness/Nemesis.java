package io.aerie.tools.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Injects the faults of a schedule into a {@link HarnessCluster} and heals them.
 *
 * <p>Kills respect what an in-memory cluster of replication factor 2 can survive: one node down at a time, and a
 * node is killed only once the cluster has been stable since the previous one came back, since a node restarts
 * empty and needs its migrations before it holds a copy again.
 */
final class Nemesis {
    private final HarnessCluster cluster;
    private final EventLog log;
    private final long stableTimeoutMillis;
    private @Nullable Boolean clockSupported;
    private @Nullable String clockRefusal;
    private boolean restartedSinceStable;
    private int applied;
    private int skipped;

    Nemesis(HarnessCluster cluster, EventLog log, long stableTimeoutMillis) {
        this.cluster = cluster;
        this.log = log;
        this.stableTimeoutMillis = stableTimeoutMillis;
    }

    /**
     * Whether the nodes take {@code nemesis-clock}; asked once, of node 0, with a harmless offset of 0, so ask while
     * the cluster is whole.
     */
    boolean clockSupported() {
        Boolean known = clockSupported;
        if (known == null) {
            String answer = cluster.skew(0, 0);
            known = "ok".equals(answer);
            clockSupported = known;
            clockRefusal = known ? null : (answer.isEmpty() ? "no answer" : answer);
        }
        return known;
    }

    /** Why {@code nemesis-clock} is unsupported, as the node answered; empty if it is supported or not yet asked. */
    String clockRefusal() {
        String r = clockRefusal;
        return r == null ? "" : r;
    }

    /** Faults injected so far. */
    int applied() {
        return applied;
    }

    /** Faults skipped so far (a kill while the cluster was not stable, a clock the node refused). */
    int skipped() {
        return skipped;
    }

    /** Injects {@code fault}; returns false if it was skipped, so its heal must be skipped too. */
    boolean apply(Fault fault) throws IOException, InterruptedException {
        String what = fault.describe(cluster.size());
        switch (fault.type()) {
            case PARTITION -> {
                List<Integer> failed = cluster.isolate(fault.nodes());
                log.note(what + (failed.isEmpty() ? "" : " (not acknowledged by " + failed + ")"));
            }
            case KILL -> {
                if (restartedSinceStable && !awaitStable("before killing again")) {
                    return skip(what, "the cluster is not stable since the last restart");
                }
                restartedSinceStable = false;
                cluster.kill(fault.nodes().getFirst());
                log.note(what);
            }
            case PAUSE -> {
                cluster.pause(fault.nodes().getFirst());
                log.note(what);
            }
            case CLOCK -> {
                if (!clockSupported()) {
                    return skip(what, "nemesis-clock unsupported: " + clockRefusal());
                }
                String answer = cluster.skew(fault.nodes().getFirst(), fault.clockOffsetMillis());
                if (!"ok".equals(answer)) {
                    return skip(what, "node answered " + (answer.isEmpty() ? "nothing" : answer));
                }
                log.note(what);
            }
            case NONE -> log.note("none (no fault)");
        }
        applied++;
        return true;
    }

    private boolean skip(String what, String why) {
        skipped++;
        log.note(what + " skipped: " + why);
        return false;
    }

    /** Heals {@code fault}, injected before. */
    void heal(Fault fault) throws IOException, InterruptedException {
        switch (fault.type()) {
            case PARTITION -> {
                List<Integer> failed = cluster.heal();
                log.note("heal partition" + (failed.isEmpty() ? "" : " (not acknowledged by " + failed + ")"));
            }
            case KILL -> {
                int victim = fault.nodes().getFirst();
                cluster.start(victim);
                restartedSinceStable = true;
                log.note("restart n" + victim);
            }
            case PAUSE -> {
                int victim = fault.nodes().getFirst();
                cluster.resume(victim);
                log.note("resume n" + victim);
            }
            case CLOCK -> {
                int victim = fault.nodes().getFirst();
                String answer = cluster.skew(victim, 0);
                log.note("reset clock n" + victim + ("ok".equals(answer) ? "" : " (answered " + answer + ")"));
            }
            case NONE -> {}
        }
    }

    /**
     * Undoes every fault (resumes, restarts, heals, resets clocks) and waits for a stable cluster; returns null when
     * it is stable, else what the nodes last answered.
     */
    @Nullable
    String recover() throws IOException, InterruptedException {
        // Only reset clocks known to take the command: asking now could find node 0 still down.
        cluster.restoreAll(Boolean.TRUE.equals(clockSupported));
        List<String> answers = new ArrayList<>();
        boolean stable = cluster.awaitStable(stableTimeoutMillis, answers);
        restartedSinceStable = !stable;
        String health = cluster.partitionHealth();
        log.note((stable ? "recovered: cluster stable" : "NOT stable after recovery: " + answers)
                + (health.isEmpty() ? "" : "; " + health));
        return stable ? null : answers.toString();
    }

    private boolean awaitStable(String when) throws InterruptedException {
        List<String> answers = new ArrayList<>();
        boolean stable = cluster.awaitStable(stableTimeoutMillis, answers);
        if (!stable) {
            log.note("not stable " + when + " within " + stableTimeoutMillis + " ms: " + answers);
        }
        return stable;
    }
}
