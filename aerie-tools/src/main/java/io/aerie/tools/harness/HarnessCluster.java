package io.aerie.tools.harness;

import com.aerospike.client.AerospikeException;
import io.aerie.info.ClusterInfoCommands;
import io.aerie.tools.info.InfoClient;
import io.aerie.tools.info.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The nodes of a harness cluster, each a JVM process of its own started as the integration tests start them, with
 * fault injection enabled: it starts them, sets the strong-consistency roster, and kills, restarts, pauses, resumes,
 * isolates and skews them on request. Closing it stops every node.
 */
public final class HarnessCluster implements AutoCloseable {
    private static final int INFO_TIMEOUT_MILLIS = 2000;
    private static final long POLL_MILLIS = 100;
    private static final String NAMESPACE = "test";
    private static final Set<String> HEALTH_STATS =
            Set.of("unavailable_partitions", "dead_partitions", "clock_skew_stop_writes");

    private final ClusterLayout layout;
    private final @Nullable Process[] processes;
    private final boolean[] paused;
    private final InfoClient info = InfoClient.over(INFO_TIMEOUT_MILLIS);

    /** A cluster of the nodes {@code layout} describes, none started yet. */
    public HarnessCluster(ClusterLayout layout) {
        this.layout = layout;
        this.processes = new Process[layout.size()];
        this.paused = new boolean[layout.size()];
    }

    /** Where the nodes live. */
    public ClusterLayout layout() {
        return layout;
    }

    /** Number of nodes. */
    public int size() {
        return layout.size();
    }

    /** Starts every node, sets the roster to all of them and waits until the cluster is stable. */
    public void startAll(long timeoutMillis) throws IOException, InterruptedException {
        Files.createDirectories(layout.dir());
        for (int i = 0; i < size(); i++) {
            start(i);
        }
        setRoster(timeoutMillis);
    }

    /** Starts node {@code i} (again), with the config it always had, logging into its log file. */
    public synchronized void start(int i) throws IOException {
        Process old = processes[i];
        if (old != null && old.isAlive()) {
            throw new IllegalStateException("node " + i + " is already running");
        }
        Files.writeString(layout.configFile(i), layout.config(i));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-ea",
                "-Xmx512m",
                "-D" + ClusterInfoCommands.NEMESIS_PROPERTY + "=true",
                "-cp",
                System.getProperty("java.class.path"),
                io.aerie.server.Main.class.getName(),
                "--config",
                layout.configFile(i).toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(layout.logFile(i).toFile()));
        processes[i] = pb.start();
        paused[i] = false;
    }

    /** Whether node {@code i}'s process is alive (paused counts as alive). */
    public synchronized boolean alive(int i) {
        Process p = processes[i];
        return p != null && p.isAlive();
    }

    /** Whether node {@code i} is stopped with SIGSTOP. */
    public synchronized boolean paused(int i) {
        return paused[i];
    }

    /** SIGKILLs node {@code i} and waits for it to die; its records in memory are gone. */
    public void kill(int i) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = processes[i];
            processes[i] = null;
            paused[i] = false;
        }
        if (p != null) {
            p.destroyForcibly();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + i + " survived SIGKILL for 30 s");
            }
        }
    }

    /** Stops node {@code i} with SIGSTOP: it keeps its sockets but answers nothing. */
    public void pause(int i) throws IOException, InterruptedException {
        signal(i, "-STOP");
        synchronized (this) {
            paused[i] = true;
        }
    }

    /** Continues node {@code i} with SIGCONT. */
    public void resume(int i) throws IOException, InterruptedException {
        signal(i, "-CONT");
        synchronized (this) {
            paused[i] = false;
        }
    }

    /** {@link ProcessHandle} can only terminate, so stop and continue go through kill(1). */
    private void signal(int i, String signal) throws IOException, InterruptedException {
        Process p;
        synchronized (this) {
            p = processes[i];
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid()))
                .redirectErrorStream(true)
                .start();
        String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " " + p.pid() + " failed: " + out.strip());
        }
    }

    /**
     * Splits the cluster: every node of {@code side} drops traffic with every other node, and they with it. Returns
     * the nodes that did not acknowledge (down or paused).
     */
    public List<Integer> isolate(List<Integer> side) {
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!side.contains(i)) {
                other.add(i);
            }
        }
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            List<Integer> drop = side.contains(i) ? other : side;
            if (!"ok".equals(info(i, "nemesis-isolate:nodes=" + layout.nodeIds(drop)))) {
                failed.add(i);
            }
        }
        return failed;
    }

    /** Ends every isolation; returns the nodes that did not acknowledge. */
    public List<Integer> heal() {
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (alive(i) && !"ok".equals(info(i, "nemesis-isolate:nodes="))) {
                failed.add(i);
            }
        }
        return failed;
    }

    /** Shifts node {@code i}'s clock by {@code offsetMillis} (0 resets it); returns the node's answer. */
    public String skew(int i, long offsetMillis) {
        return info(i, "nemesis-clock:offset-ms=" + offsetMillis);
    }

    /**
     * Undoes every fault: continues paused nodes, restarts dead ones, heals isolation and resets clocks (when
     * {@code clocks}), so the cluster can re-form.
     */
    public void restoreAll(boolean clocks) throws IOException, InterruptedException {
        for (int i = 0; i < size(); i++) {
            if (paused(i)) {
                resume(i);
            }
        }
        for (int i = 0; i < size(); i++) {
            if (!alive(i)) {
                start(i);
            }
        }
        heal();
        if (clocks) {
            for (int i = 0; i < size(); i++) {
                skew(i, 0);
            }
        }
    }

    /** Node {@code i}'s answer to an info command; empty when it does not answer (down, paused, or slow). */
    public String info(int i, String command) {
        try {
            return info.request(
                    new Peers.HostPort("127.0.0.1", layout.ports().get(i).service()), command);
        } catch (AerospikeException | IllegalStateException e) {
            return "";
        }
    }

    /**
     * What the nodes say about partitions they cannot serve: each node's non-zero {@code unavailable_partitions},
     * {@code dead_partitions} and {@code clock_skew_stop_writes} from {@code namespace/test}; empty when all are 0.
     */
    public String partitionHealth() {
        java.util.StringJoiner out = new java.util.StringJoiner("; ");
        for (int i = 0; i < size(); i++) {
            java.util.StringJoiner node = new java.util.StringJoiner(", ", "n" + i + ": ", "");
            node.setEmptyValue("");
            for (String item : info(i, "namespace/" + NAMESPACE).split(";", -1)) {
                int eq = item.indexOf('=');
                String name = eq < 0 ? item : item.substring(0, eq);
                String value = eq < 0 ? "" : item.substring(eq + 1);
                if (HEALTH_STATS.contains(name) && !value.equals("0") && !value.equals("false")) {
                    node.add(item);
                }
            }
            if (node.length() > 0) {
                out.add(node.toString());
            }
        }
        return out.toString();
    }

    /** Node {@code i}'s client port. */
    public int servicePort(int i) {
        return layout.ports().get(i).service();
    }

    /**
     * Waits up to {@code timeoutMillis} until every node is up and says the cluster holds all nodes under one
     * cluster key with no migration left; false if it did not happen in time.
     */
    public boolean awaitStable(long timeoutMillis) throws InterruptedException {
        return awaitStable(timeoutMillis, new ArrayList<>());
    }

    /** As {@link #awaitStable(long)}, leaving the last answers seen in {@code lastAnswers} for diagnosis. */
    public boolean awaitStable(long timeoutMillis, List<String> lastAnswers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String command = "cluster-stable:size=" + size() + ";ignore-migrations=no";
        while (true) {
            Set<String> keys = new HashSet<>();
            lastAnswers.clear();
            for (int i = 0; i < size(); i++) {
                String key = alive(i) && !paused(i) ? info(i, command) : "down";
                lastAnswers.add("n" + i + "=" + (key.isEmpty() ? "no answer" : key));
                keys.add(key.isEmpty() || key.startsWith("ERROR") || key.equals("down") ? "" : key);
            }
            if (keys.size() == 1 && !keys.contains("")) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Makes every node a roster member, as an operator does: waits until each observes all nodes, sets the roster
     * to them, reclusters, and waits until each has it active and the cluster is stable.
     */
    private void setRoster(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String all = layout.nodeIds(allNodes());
        awaitEvery(deadline, r -> observed(r).size() == size(), "every node observing " + all);
        String observed = String.join(",", observed(info(0, "roster:namespace=" + NAMESPACE)));
        expectOk(info(0, "roster-set:namespace=" + NAMESPACE + ";nodes=" + observed), "roster-set");
        awaitEvery(deadline, r -> r.contains("pending_roster=" + observed), "pending roster " + observed);
        expectOk(info(0, "recluster:"), "recluster");
        awaitEvery(deadline, r -> r.startsWith("roster=" + observed + ":"), "active roster " + observed);
        List<String> answers = new ArrayList<>();
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (!awaitStable(Math.max(0, left), answers)) {
            throw new IllegalStateException(
                    "cluster not stable after the roster was set (logs in " + layout.dir() + "): " + answers);
        }
    }

    private List<Integer> allNodes() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            out.add(i);
        }
        return out;
    }

    private static List<String> observed(String roster) {
        int at = roster.indexOf("observed_nodes=");
        if (at < 0) {
            return List.of();
        }
        String list = roster.substring(at + "observed_nodes=".length());
        int end = list.indexOf(':');
        list = end < 0 ? list : list.substring(0, end);
        return list.isEmpty() || list.equals("null") ? List.of() : List.of(list.split(","));
    }

    private static void expectOk(String answer, String what) {
        if (!"ok".equals(answer)) {
            throw new IllegalStateException(what + " answered " + (answer.isEmpty() ? "nothing" : answer));
        }
    }

    /** Waits until every node's {@code roster} answer satisfies {@code done}. */
    private void awaitEvery(long deadline, java.util.function.Predicate<String> done, String what)
            throws InterruptedException {
        while (true) {
            List<String> answers = new ArrayList<>();
            boolean all = true;
            for (int i = 0; i < size(); i++) {
                String r = info(i, "roster:namespace=" + NAMESPACE);
                answers.add("n" + i + ": " + r);
                all &= done.test(r);
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "timed out waiting for " + what + " (logs in " + layout.dir() + "): " + answers);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Stops every node: paused ones are continued first, so that none is left stopped should killing it fail, then
     * each is SIGKILLed.
     */
    @Override
    public void close() {
        for (int i = 0; i < size(); i++) {
            try {
                if (paused(i)) {
                    resume(i);
                }
            } catch (IOException | InterruptedException e) {
                // Best effort: SIGKILL below ends it either way.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (int i = 0; i < size(); i++) {
            Process p;
            synchronized (this) {
                p = processes[i];
                processes[i] = null;
            }
            if (p != null) {
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
