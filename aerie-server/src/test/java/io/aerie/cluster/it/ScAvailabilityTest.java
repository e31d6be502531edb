package io.aerie.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.aerie.cluster.PartitionBalance;
import io.aerie.cluster.PartitionTable;
import io.aerie.cluster.Roster;
import io.aerie.info.ClusterInfoCommands;
import io.aerie.server.Aerie;
import io.aerie.storage.Partition;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strong consistency on five nodes with replication factor 2: the roster set through the info
 * commands, every partition available again once the cluster re-forms without a killed node, and
 * the minority side of a split serving exactly the partitions Aerospike's rules allow while
 * refusing the rest.
 */
class ScAvailabilityTest {
    private static final int KEYS = 400;

    @TempDir
    Path dir;

    private static AerospikeClient client(int port) {
        ClientPolicy p = new ClientPolicy();
        p.timeout = 5000;
        return new AerospikeClient(p, new Host("127.0.0.1", port));
    }

    /** Sets the roster to the observed nodes and makes it active, as an operator does. */
    static void setRoster(LocalCluster c, int size) throws InterruptedException {
        Aerie first = c.node(0);
        assertThat(first.info("roster:namespace=test")).startsWith("roster=null:pending_roster=null:observed_nodes=");
        c.awaitAll(
                n -> n.info("roster:namespace=test")
                                .split(":observed_nodes=")[1]
                                .split(",")
                                .length
                        == size,
                30_000);
        String observed = first.info("roster:namespace=test").split(":observed_nodes=")[1];
        assertThat(first.info("roster-set:namespace=test;nodes=" + observed)).isEqualTo("ok");
        c.awaitAll(n -> n.info("roster:namespace=test").contains("pending_roster=" + observed), 10_000);
        assertThat(first.info("recluster:")).isEqualTo("ok");
        c.awaitAll(n -> n.info("roster:namespace=test").startsWith("roster=" + observed + ":"), 10_000);
        c.awaitAll(n -> mastered(c).size() == Partition.COUNT, 30_000);
    }

    /** The partitions some running node says it masters, from its {@code replicas-master} bitmap. */
    static Set<Integer> mastered(LocalCluster c) {
        Set<Integer> out = new HashSet<>();
        for (Aerie n : c.running()) {
            out.addAll(masteredBy(n));
        }
        return out;
    }

    static Set<Integer> masteredBy(Aerie n) {
        Set<Integer> out = new HashSet<>();
        String reply = n.info("replicas-master");
        byte[] bits = Base64.getDecoder().decode(reply.substring(reply.indexOf(':') + 1));
        for (int pid = 0; pid < Partition.COUNT; pid++) {
            if ((bits[pid >> 3] & (0x80 >>> (pid & 7))) != 0) {
                out.add(pid);
            }
        }
        return out;
    }

    /** The partitions nodes {@code from} to {@code to - 1} master. */
    private static Set<Integer> servedBy(LocalCluster c, int from, int to) {
        Set<Integer> out = new HashSet<>();
        for (int i = from; i < to; i++) {
            out.addAll(masteredBy(c.node(i)));
        }
        return out;
    }

    @Test
    void afterAKillEveryPartitionServesAgainAndASplitMinorityServesWhatTheRulesAllow() throws Exception {
        System.setProperty(ClusterInfoCommands.NEMESIS_PROPERTY, "true");
        try (LocalCluster c = new LocalCluster(5, 2).strongConsistency(dir).startAll()) {
            c.awaitStable(5);
            try (AerospikeClient client = client(c.servicePort(0))) {
                WritePolicy w = new WritePolicy();
                w.maxRetries = 0;
                AerospikeException before = null;
                try {
                    client.put(w, new Key("test", "s", -1), new Bin("v", 0));
                } catch (AerospikeException e) {
                    before = e;
                }
                assertThat(before).as("no roster: nothing is served").isNotNull();
            }
            setRoster(c, 5);
            try (AerospikeClient client = client(c.servicePort(0))) {
                for (int i = 0; i < KEYS; i++) {
                    client.put(null, new Key("test", "s", i), new Bin("v", i));
                }
            }

            // A node is lost: once the four re-form, every partition has a master again and no
            // acknowledged write is missing.
            readEverythingLinearizably(c);

            c.stop(4);
            c.awaitAll(n -> n.info("statistics").contains("cluster_size=4"), 30_000);
            c.awaitAll(n -> mastered(c).size() == Partition.COUNT, 30_000);
            try (AerospikeClient client = client(c.servicePort(0))) {
                for (int i = 0; i < KEYS; i++) {
                    Record r = client.get(null, new Key("test", "s", i));
                    assertThat(r).as("key %d", i).isNotNull();
                    assertThat(r.getLong("v")).isEqualTo(i);
                }
            }

            c.start(4);
            c.awaitStable(5);
            c.awaitAll(n -> mastered(c).size() == Partition.COUNT, 30_000);

            // {0, 1} split from {2, 3, 4}: the minority holds 2 of 5 roster nodes, so it serves only
            // the partitions whose roster master and replica are both among its nodes.
            Map<Long, Integer> racks = new HashMap<>();
            List<Long> roster = Roster.parse(
                            0,
                            c.node(0)
                                    .info("roster:namespace=test")
                                    .split(":")[0]
                                    .substring(7))
                    .ids();
            PartitionTable table = PartitionBalance.compute(roster, racks, 2, true);
            long a = Long.parseUnsignedLong(c.node(0).nodeId(), 16);
            long b = Long.parseUnsignedLong(c.node(1).nodeId(), 16);
            Set<Integer> allowed = new HashSet<>();
            for (int pid = 0; pid < Partition.COUNT; pid++) {
                if (Set.of(a, b).containsAll(Set.of(table.master(pid), table.nodeAt(pid, 1)))) {
                    allowed.add(pid);
                }
            }
            String minority = c.node(0).nodeId() + "," + c.node(1).nodeId();
            String majority = c.node(2).nodeId() + "," + c.node(3).nodeId() + ","
                    + c.node(4).nodeId();
            c.node(0).info("nemesis-isolate:nodes=" + majority);
            c.node(1).info("nemesis-isolate:nodes=" + majority);
            for (int i = 2; i < 5; i++) {
                c.node(i).info("nemesis-isolate:nodes=" + minority);
            }
            c.awaitAll(
                    n -> n.info("statistics")
                            .contains("cluster_size=" + (c.running().indexOf(n) < 2 ? 2 : 3)),
                    30_000);
            c.awaitAll(
                    n -> {
                        Set<Integer> served = new HashSet<>(masteredBy(c.node(0)));
                        served.addAll(masteredBy(c.node(1)));
                        return served.equals(allowed);
                    },
                    30_000);
            c.awaitAll(n -> servedBy(c, 2, 5).size() == Partition.COUNT - allowed.size(), 30_000);
            Set<Integer> majorityServes = servedBy(c, 2, 5);
            assertThat(majorityServes).as("the majority serves the rest").hasSize(Partition.COUNT - allowed.size());
            assertThat(majorityServes).doesNotContainAnyElementsOf(allowed);

            writeThroughTheMinority(c, allowed);

            for (Aerie n : c.running()) {
                n.info("nemesis-isolate:nodes=");
            }
            c.awaitStable(5);
            c.awaitAll(n -> mastered(c).size() == Partition.COUNT, 30_000);
            // Healed: the writes the minority took are there, and nothing else changed.
            try (AerospikeClient client = client(c.servicePort(3))) {
                for (int i = 0; i < KEYS; i++) {
                    Key k = new Key("test", "s", i);
                    boolean rewritten = allowed.contains(io.aerie.storage.Digest.partitionId(k.digest, 0));
                    assertThat(client.get(null, k).getLong("v")).as("key %d", i).isEqualTo(rewritten ? -i : i);
                }
            }
        }
    }

    /** Through the minority: writes to the allowed partitions succeed, the rest are refused. */
    private static void writeThroughTheMinority(LocalCluster c, Set<Integer> allowed) {
        int ok = 0;
        int refused = 0;
        Map<Integer, Integer> codes = new java.util.TreeMap<>();
        try (AerospikeClient client = client(c.servicePort(0))) {
            WritePolicy w = new WritePolicy();
            w.maxRetries = 0;
            w.totalTimeout = 2000;
            for (int i = 0; i < KEYS; i++) {
                Key k = new Key("test", "s", i);
                int pid = io.aerie.storage.Digest.partitionId(k.digest, 0);
                try {
                    client.put(w, k, new Bin("v", -i));
                    assertThat(allowed)
                            .as("partition %d took a write on the minority", pid)
                            .contains(pid);
                    ok++;
                } catch (AerospikeException e) {
                    assertThat(allowed)
                            .as("partition %d refused: %s", pid, e.getMessage())
                            .doesNotContain(pid);
                    // The client sends nothing for a partition no node claims; asked directly,
                    // the minority node answers PARTITION_UNAVAILABLE.
                    assertThat(io.aerie.it.RawReads.resultCode(c.servicePort(0), "test", k.digest))
                            .isEqualTo(ResultCode.PARTITION_UNAVAILABLE);
                    assertThat(e.getResultCode()).isIn(ResultCode.PARTITION_UNAVAILABLE, ResultCode.INVALID_NODE_ERROR);
                    codes.merge(e.getResultCode(), 1, Integer::sum);
                    refused++;
                }
            }
        }
        System.out.printf(
                "minority of a 2|3 split: %d partitions allowed, %d writes taken, %d refused (result codes %s)%n",
                allowed.size(), ok, refused, codes);
        assertThat(refused).isPositive();
        assertThat(ok + refused).isEqualTo(KEYS);
    }

    /** Linearizable reads, single and batch: each master confirms its regime with the other copy first. */
    private static void readEverythingLinearizably(LocalCluster c) {
        try (AerospikeClient client = client(c.servicePort(1))) {
            com.aerospike.client.policy.Policy linearize = new com.aerospike.client.policy.Policy();
            linearize.readModeSC = com.aerospike.client.policy.ReadModeSC.LINEARIZE;
            for (int i = 0; i < KEYS; i++) {
                assertThat(client.get(linearize, new Key("test", "s", i)).getLong("v"))
                        .isEqualTo(i);
            }
            // Batch rows take the same path, master by master.
            com.aerospike.client.policy.BatchPolicy batch = new com.aerospike.client.policy.BatchPolicy();
            batch.readModeSC = com.aerospike.client.policy.ReadModeSC.LINEARIZE;
            Key[] keys = new Key[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = new Key("test", "s", i);
            }
            Record[] records = client.get(batch, keys);
            for (int i = 0; i < KEYS; i++) {
                assertThat(records[i]).as("batch row %d", i).isNotNull();
                assertThat(records[i].getLong("v")).isEqualTo(i);
            }
        }
    }
}
