package io.aerie.tools.info;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Prints a {@link ClusterSurvey}: a row per node and namespace, then a summary per namespace and for the cluster. */
public final class ClusterTable {
    static final List<String> HEADER = List.of(
            "NODE",
            "ADDRESS",
            "SIZE",
            "CLUSTER-KEY",
            "PRINCIPAL",
            "NAMESPACE",
            "MASTERS",
            "REPLICAS",
            "OBJECTS",
            "MIGR-TX",
            "MIGR-RX");

    private ClusterTable() {}

    /**
     * How the partitions of one namespace are spread over the nodes.
     *
     * @param namespace the namespace
     * @param minMasters fewest partitions a node is master of
     * @param maxMasters most partitions a node is master of
     * @param totalMasters master partitions summed over the nodes; {@link InfoParser#PARTITIONS} when whole
     * @param totalReplicas replica partitions summed over the nodes
     * @param withoutMaster partitions no node is master of
     * @param severalMasters partitions more than one node claims to be master of
     */
    public record NamespaceSummary(
            String namespace,
            int minMasters,
            int maxMasters,
            int totalMasters,
            int totalReplicas,
            int withoutMaster,
            int severalMasters) {
        /** Whether every partition has exactly one master. */
        public boolean whole() {
            return withoutMaster == 0 && severalMasters == 0 && totalMasters == InfoParser.PARTITIONS;
        }
    }

    /** Sums up namespace {@code ns} over the reachable nodes. */
    public static NamespaceSummary summarize(ClusterSurvey survey, String ns) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        int masters = 0;
        int replicas = 0;
        BitSet any = new BitSet(InfoParser.PARTITIONS);
        BitSet twice = new BitSet(InfoParser.PARTITIONS);
        for (NodeSnapshot s : survey.nodes()) {
            if (!s.reachable()) {
                continue;
            }
            InfoParser.NamespaceReplicas r = s.replicas().get(ns);
            int m = r == null ? 0 : r.masters();
            min = Math.min(min, m);
            max = Math.max(max, m);
            masters += m;
            if (r != null) {
                replicas += r.replicas();
                BitSet mine = r.masterSet();
                BitSet again = (BitSet) mine.clone();
                again.and(any);
                twice.or(again);
                any.or(mine);
            }
        }
        return new NamespaceSummary(
                ns,
                min == Integer.MAX_VALUE ? 0 : min,
                max,
                masters,
                replicas,
                InfoParser.PARTITIONS - any.cardinality(),
                twice.cardinality());
    }

    /** Whether the cluster is stable and every namespace has exactly one master per partition. */
    public static boolean healthy(ClusterSurvey survey) {
        return survey.isStable()
                && survey.namespaces().stream()
                        .allMatch(ns -> summarize(survey, ns).whole());
    }

    /** The table and its summary lines. */
    public static String render(ClusterSurvey survey) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        List<String> notes = new ArrayList<>();
        for (NodeSnapshot s : survey.nodes()) {
            if (!s.reachable()) {
                rows.add(row(s, "-", "-", "-", "-"));
                notes.add("node " + s.nodeId() + " at " + s.address() + " did not answer: " + firstLine(s.error()));
                continue;
            }
            if (s.replicas().isEmpty()) {
                rows.add(row(s, "-", "-", "-", "-"));
            }
            for (InfoParser.NamespaceReplicas r : s.replicas().values()) {
                Long objects = s.objects().get(r.namespace());
                rows.add(row(
                        s,
                        r.namespace(),
                        Integer.toString(r.masters()),
                        Integer.toString(r.replicas()),
                        objects == null ? "-" : Long.toString(objects)));
            }
        }
        StringBuilder out = new StringBuilder(format(rows));
        for (String n : notes) {
            out.append(n).append('\n');
        }
        for (String ns : survey.namespaces()) {
            out.append(summaryLine(summarize(survey, ns))).append('\n');
        }
        out.append(clusterLine(survey)).append('\n');
        return out.toString();
    }

    private static List<String> row(NodeSnapshot s, String ns, String masters, String replicas, String objects) {
        return List.of(
                s.nodeId(),
                s.address().toString(),
                s.stat("cluster_size"),
                s.stat("cluster_key"),
                s.stat("cluster_principal"),
                ns,
                masters,
                replicas,
                objects,
                s.stat("migrate_tx_partitions_remaining"),
                s.stat("migrate_rx_partitions_remaining"));
    }

    static String summaryLine(NamespaceSummary n) {
        return String.format(
                Locale.ROOT,
                "namespace %s: masters per node min %d max %d, total masters %d of %d, replica partitions %d,"
                        + " partitions without master %d, with several masters %d",
                n.namespace(),
                n.minMasters(),
                n.maxMasters(),
                n.totalMasters(),
                InfoParser.PARTITIONS,
                n.totalReplicas(),
                n.withoutMaster(),
                n.severalMasters());
    }

    static String clusterLine(ClusterSurvey survey) {
        int n = survey.nodes().size();
        String head = "cluster: " + n + (n == 1 ? " node" : " nodes") + ", cluster-stable:size=" + n + " ";
        if (survey.isStable()) {
            return head + "holds (cluster key "
                    + survey.stable().values().iterator().next() + ")";
        }
        StringJoiner why = new StringJoiner(", ");
        survey.stable().forEach((id, answer) -> why.add(id + "=" + (answer.isEmpty() ? "(no answer)" : answer)));
        survey.nodes().stream().filter(s -> !s.reachable()).forEach(s -> why.add(s.nodeId() + " unreachable"));
        return head + "does NOT hold: " + why;
    }

    /** Left-aligned columns, two spaces apart. */
    static String format(List<List<String>> rows) {
        int[] width = new int[HEADER.size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(r.get(i)).append(" ".repeat(width[i] - r.get(i).length() + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
