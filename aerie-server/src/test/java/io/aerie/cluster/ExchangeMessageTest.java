package io.aerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.cluster.ExchangeMessage.NamespaceState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The exchange message reads back as written, whatever the versions look like; cut or foreign
 * bytes are refused with IllegalArgumentException. Also the version format it carries.
 */
class ExchangeMessageTest {
    private static final int N = PartitionBalance.PARTITIONS;

    @Property(tries = 100)
    void roundTrips(
            @ForAll long clusterKey,
            @ForAll long nodeId,
            @ForAll @AlphaChars @NumericChars @StringLength(max = 40) String fabricHost,
            @ForAll int fabricPort,
            @ForAll @Size(max = 3) List<@AlphaChars @StringLength(max = 20) String> serviceHosts,
            @ForAll int servicePort,
            @ForAll @IntRange(min = 0, max = 3) int namespaces,
            @ForAll long seed) {
        Random r = new Random(seed);
        Map<String, NamespaceState> ns = new LinkedHashMap<>();
        for (int i = 0; i < namespaces; i++) {
            ns.put("ns" + i, new NamespaceState(r.nextInt(4), r.nextInt(), versions(r, i + (int) (seed & 3))));
        }
        ExchangeMessage m =
                new ExchangeMessage(clusterKey, nodeId, fabricHost, fabricPort, serviceHosts, servicePort, ns);
        assertSameMessage(ExchangeMessage.decode(m.encode()), m);
    }

    @Test
    void roundTripsAnyText() {
        ExchangeMessage m =
                message("hôte-ünïcode.例え", Map.of("ναμεσπαце", new NamespaceState(2, 7, allDistinct()), "", state(5)));
        assertSameMessage(ExchangeMessage.decode(m.encode()), m);
    }

    @Test
    void runsOfEqualVersionsAreSentOnce() {
        long[] versions = new long[N];
        Arrays.fill(versions, PartitionVersion.fresh(0xABC) | PartitionVersion.MASTER);
        int one =
                message("h", Map.of("test", new NamespaceState(2, 0, versions))).encode().length;
        int none = message("h", Map.of()).encode().length;
        // name, replication factor, rack, one run (a 2-byte length and the version), then the
        // length of the strong-consistency state (-1: none).
        assertThat(one - none).isEqualTo(4 + 4 + 4 + 4 + 2 + 8 + 4);
        int distinct = message("h", Map.of("test", new NamespaceState(2, 0, allDistinct())))
                .encode()
                .length;
        assertThat(distinct - none).isEqualTo(4 + 4 + 4 + 4 + N * (2 + 8) + 4);
    }

    @Test
    void cutShortBytesAreRefused() {
        byte[] bytes = message("host", Map.of("a", state(3), "b", state(0))).encode();
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> ExchangeMessage.decode(cut))
                    .as("%d of %d bytes", len, bytes.length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] big = message("host", Map.of("a", new NamespaceState(2, 0, allDistinct())))
                .encode();
        for (int len : new int[] {big.length - 1, big.length - 9, big.length / 2, 100}) {
            assertThatThrownBy(() -> ExchangeMessage.decode(Arrays.copyOf(big, len)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cut short");
        }
    }

    @Test
    void otherMagicIsRefused() {
        byte[] bytes = message("host", Map.of("a", state(2))).encode();
        for (int b = 0; b < 2; b++) {
            byte[] wrong = bytes.clone();
            wrong[b] ^= 0x40;
            assertThatThrownBy(() -> ExchangeMessage.decode(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an exchange message");
        }
    }

    @Test
    void badRunsAndStringLengthsAreRefused() {
        byte[] bytes = message("host", Map.of("a", state(3))).encode();
        // magic, key, node, fabric host, fabric port, no service hosts, service port, one namespace "a", rf, rack
        int firstRun = 2 + 8 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 1 + 4 + 4;
        assertThat(ByteBuffer.wrap(bytes, firstRun, 2).getShort()).isEqualTo((short) N);
        ByteBuffer zero = ByteBuffer.wrap(bytes.clone());
        zero.putShort(firstRun, (short) 0);
        assertThatThrownBy(() -> ExchangeMessage.decode(zero.array()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad version run of 0");
        ByteBuffer tooLong = ByteBuffer.wrap(bytes.clone());
        tooLong.putShort(firstRun, (short) (N + 1));
        assertThatThrownBy(() -> ExchangeMessage.decode(tooLong.array()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad version run of " + (N + 1));
        ByteBuffer hugeHost = ByteBuffer.wrap(bytes.clone());
        hugeHost.putInt(18, Integer.MAX_VALUE);
        assertThatThrownBy(() -> ExchangeMessage.decode(hugeHost.array()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("string of");
        ByteBuffer negativeHost = ByteBuffer.wrap(bytes.clone());
        negativeHost.putInt(18, -1);
        assertThatThrownBy(() -> ExchangeMessage.decode(negativeHost.array()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNamespaceStateHasAVersionForEveryPartition() {
        assertThatThrownBy(() -> new NamespaceState(2, 0, new long[N - 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(N - 1));
    }

    @Test
    void aMessageKeepsItsOwnCopiesOfHostsAndNamespaces() {
        List<String> hosts = new ArrayList<>(List.of("a", "b"));
        Map<String, NamespaceState> ns = new LinkedHashMap<>(Map.of("test", state(1)));
        ExchangeMessage m = new ExchangeMessage(1, 2, "f", 3, hosts, 4, ns);
        hosts.add("c");
        ns.clear();
        assertThat(m.serviceHosts()).containsExactly("a", "b");
        assertThat(m.namespaces()).containsOnlyKeys("test");
        assertThatThrownBy(() -> m.serviceHosts().add("d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rebalanceWaitsForTheVersionsOfEveryMember() {
        PartitionTable t = PartitionBalance.compute(List.of(1L, 2L, 3L), Map.of(), 2);
        Map<Long, long[]> versions = Map.of(1L, new long[N], 3L, new long[N]);
        assertThatThrownBy(() -> Rebalance.plan(t, versions, 0xC0FFEEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no partition versions from node 2");
    }

    @Test
    void versionsPrintAsAerospikeDoes() {
        long v = PartitionVersion.fresh(0xABC);
        assertThat(PartitionVersion.format(PartitionVersion.NONE)).isEqualTo("000000000000.0.00");
        assertThat(PartitionVersion.format(v)).isEqualTo("000000000abc.0.00");
        assertThat(PartitionVersion.format(v | PartitionVersion.MASTER)).isEqualTo("000000000abc.0.10");
        assertThat(PartitionVersion.format(v | PartitionVersion.SUBSET)).isEqualTo("000000000abc.0.01");
        long top = PartitionVersion.fresh(0xFFFF_FFFF_FFFFL) | PartitionVersion.MASTER | PartitionVersion.SUBSET;
        assertThat(PartitionVersion.format(top)).isEqualTo("ffffffffffff.0.11");
        assertThat(PartitionVersion.format(PartitionVersion.fresh(0x8000_0000_0001L)))
                .isEqualTo("800000000001.0.00");
    }

    @Test
    void versionFlagsAndLineage() {
        long v = PartitionVersion.fresh(0x1234_5678_9ABCL);
        assertThat(v).isEqualTo(0x1234_5678_9ABC_0000L);
        assertThat(PartitionVersion.isFull(v)).isTrue();
        assertThat(PartitionVersion.isMaster(v)).isFalse();
        assertThat(PartitionVersion.isSubset(v)).isFalse();
        long master = v | PartitionVersion.MASTER;
        assertThat(PartitionVersion.isMaster(master)).isTrue();
        assertThat(PartitionVersion.isFull(master)).isTrue();
        long subset = v | PartitionVersion.SUBSET;
        assertThat(PartitionVersion.isSubset(subset)).isTrue();
        assertThat(PartitionVersion.isFull(subset)).isFalse();
        assertThat(PartitionVersion.lineage(master)).isEqualTo(v);
        assertThat(PartitionVersion.lineage(subset | PartitionVersion.MASTER)).isEqualTo(v);
        assertThat(PartitionVersion.isFull(PartitionVersion.NONE)).isFalse();
        assertThat(PartitionVersion.isMaster(PartitionVersion.NONE)).isFalse();
        assertThat(PartitionVersion.isSubset(PartitionVersion.NONE)).isFalse();
        assertThat(PartitionVersion.lineage(PartitionVersion.NONE)).isEqualTo(PartitionVersion.NONE);
        for (long bad : new long[] {0, 1L << 48, -1}) {
            assertThatThrownBy(() -> PartitionVersion.fresh(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Versions shaped by {@code kind}: long runs, all distinct, a few values at random, or all none. */
    private static long[] versions(Random r, int kind) {
        long[] v = new long[N];
        switch (kind % 4) {
            case 0 -> {
                int pid = 0;
                while (pid < N) {
                    int run = 1 + r.nextInt(r.nextBoolean() ? N : 8);
                    Arrays.fill(v, pid, Math.min(N, pid + run), r.nextLong());
                    pid += run;
                }
            }
            case 1 -> v = allDistinct();
            case 2 -> {
                long[] few = {PartitionVersion.NONE, PartitionVersion.fresh(1), PartitionVersion.fresh(2) | 2, -1};
                for (int pid = 0; pid < N; pid++) {
                    v[pid] = few[r.nextInt(few.length)];
                }
            }
            default -> {}
        }
        return v;
    }

    private static long[] allDistinct() {
        long[] v = new long[N];
        for (int pid = 0; pid < N; pid++) {
            v[pid] = PartitionVersion.fresh(pid + 1) | (pid % 4);
        }
        return v;
    }

    private static NamespaceState state(int kind) {
        return new NamespaceState(2, kind, versions(new Random(kind), kind));
    }

    private static ExchangeMessage message(String fabricHost, Map<String, NamespaceState> namespaces) {
        return new ExchangeMessage(0xC0FFEEL, 0xBB9_0000_0001L, fabricHost, 3002, List.of(), 3000, namespaces);
    }

    private static void assertSameMessage(ExchangeMessage actual, ExchangeMessage expected) {
        assertThat(actual.clusterKey()).isEqualTo(expected.clusterKey());
        assertThat(actual.nodeId()).isEqualTo(expected.nodeId());
        assertThat(actual.fabricHost()).isEqualTo(expected.fabricHost());
        assertThat(actual.fabricPort()).isEqualTo(expected.fabricPort());
        assertThat(actual.serviceHosts()).isEqualTo(expected.serviceHosts());
        assertThat(actual.servicePort()).isEqualTo(expected.servicePort());
        assertThat(actual.namespaces()).containsOnlyKeys(expected.namespaces().keySet());
        for (Map.Entry<String, NamespaceState> e : expected.namespaces().entrySet()) {
            NamespaceState a = actual.namespaces().get(e.getKey());
            assertThat(a.replicationFactor()).isEqualTo(e.getValue().replicationFactor());
            assertThat(a.rackId()).isEqualTo(e.getValue().rackId());
            assertThat(Arrays.equals(a.versions(), e.getValue().versions()))
                    .as("versions of %s", e.getKey())
                    .isTrue();
        }
    }
}
