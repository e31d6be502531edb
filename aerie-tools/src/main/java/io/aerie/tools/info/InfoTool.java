package io.aerie.tools.info;

import com.aerospike.client.AerospikeException;
import io.aerie.tools.NodeOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/aerie-info}: asks a node one info command and prints the answer, as {@code asinfo}
 * does; with {@code --cluster}, surveys the node's whole cluster.
 *
 * <pre>{@code
 * bin/aerie-info -p 3000 -l statistics
 * bin/aerie-info -p 3000 'cluster-stable:size=3;ignore-migrations=no'
 * bin/aerie-info -p 3000 --cluster
 * }</pre>
 */
@Command(
        name = "aerie-info",
        sortOptions = false,
        description = {
            "Sends an info command to a node and prints the answer, as asinfo does (default command:" + " statistics).",
            "",
            "With --cluster, finds every node of the node's cluster through peers-clear-std and prints a"
                    + " row per node and namespace: node id, address, cluster size, cluster key, principal,"
                    + " master and replica partitions (counted in the replicas bitmaps), objects and"
                    + " migrations remaining. Then, per namespace, the fewest and most master partitions"
                    + " a node has and their total (4096 when every partition has its master), and whether"
                    + " cluster-stable:size=N;ignore-migrations=no holds on every node.",
            "",
            "Exit status: 0 ok; 1 node unreachable or ERROR answer; 2 bad arguments; with --cluster, 3"
                    + " when the cluster is not stable or a namespace's partitions lack exactly one master.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bin/aerie-info -p 3000 -l statistics",
            "  bin/aerie-info -p 3000 'cluster-stable:size=3;ignore-migrations=no'",
            "  bin/aerie-info -p 3000 --cluster"
        })
public final class InfoTool implements Callable<Integer> {
    /** Exit status of {@code --cluster} when the cluster is not (yet) whole and stable. */
    public static final int UNHEALTHY = 3;

    @Mixin
    NodeOptions target = new NodeOptions();

    @Option(
            names = {"-l", "--lines"},
            description = "print a ';'-separated answer one item (key=value) a line")
    boolean lines;

    @Option(
            names = {"-t", "--timeout"},
            description = "milliseconds to connect and answer (default ${DEFAULT-VALUE})")
    int timeoutMs = 2000;

    @Option(names = "--cluster", description = "survey every node of the cluster instead of sending a command")
    boolean cluster;

    @Option(
            names = {"-v", "--value"},
            paramLabel = "COMMAND",
            description = "the info command, as asinfo -v takes it")
    @Nullable
    String value;

    @Parameters(
            arity = "0..1",
            paramLabel = "COMMAND",
            description = "the info command, e.g. statistics, namespace/test, replicas, peers-clear-std")
    @Nullable
    String command;

    private final PrintStream out;
    private final PrintStream err;

    public InfoTool() {
        this(System.out, System.err);
    }

    InfoTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new CommandLine(new InfoTool(out, System.err)).execute(args));
    }

    @Override
    public Integer call() {
        InfoClient client = InfoClient.over(timeoutMs);
        Peers.HostPort node = new Peers.HostPort(target.host, target.port);
        if (cluster) {
            if (command != null || value != null) {
                err.println("aerie-info: --cluster takes no command");
                return 2;
            }
            ClusterSurvey survey = ClusterSurvey.of(client, node);
            NodeSnapshot seed = survey.nodes().get(0);
            if (survey.nodes().size() == 1 && !seed.reachable()) {
                err.println("aerie-info: " + node + ": " + seed.error());
                return 1;
            }
            out.print(ClusterTable.render(survey));
            return ClusterTable.healthy(survey) ? 0 : UNHEALTHY;
        }
        String cmd = value != null ? value : command != null ? command : "statistics";
        String answer;
        try {
            answer = client.request(node, cmd);
        } catch (AerospikeException e) {
            err.println("aerie-info: " + node + ": " + e.getMessage());
            return 1;
        }
        if (lines) {
            java.util.Arrays.stream(answer.split(";", -1))
                    .filter(s -> !s.isEmpty())
                    .forEach(out::println);
        } else {
            out.println(answer);
        }
        return answer.startsWith("ERROR") ? 1 : 0;
    }
}
