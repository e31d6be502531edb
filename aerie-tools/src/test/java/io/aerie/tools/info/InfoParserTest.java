package io.aerie.tools.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoParserTest {
    /** A 4096-bit bitmap with exactly {@code partitions} set, base64 as the server sends it. */
    private static String bitmapOf(int... partitions) {
        byte[] bits = new byte[InfoParser.PARTITIONS / 8];
        for (int p : partitions) {
            bits[p >> 3] |= (byte) (0x80 >>> (p & 7));
        }
        return Base64.getEncoder().encodeToString(bits);
    }

    private static String filled(int value) {
        byte[] bits = new byte[InfoParser.PARTITIONS / 8];
        Arrays.fill(bits, (byte) value);
        return Base64.getEncoder().encodeToString(bits);
    }

    @Test
    void bitmapsCountTheirPartitionsMostSignificantBitFirst() {
        assertThat(InfoParser.popcount(filled(0xFF))).isEqualTo(4096);
        assertThat(InfoParser.popcount(filled(0x00))).isZero();
        assertThat(InfoParser.popcount(filled(0xAA))).isEqualTo(2048);
        assertThat(InfoParser.popcount(filled(0x01))).isEqualTo(512);
        assertThat(InfoParser.bitmap(filled(0x80)).nextSetBit(0)).isZero();
        assertThat(InfoParser.bitmap(filled(0x01)).nextSetBit(0)).isEqualTo(7);
        var set = InfoParser.bitmap(bitmapOf(0, 9, 4095));
        assertThat(set.cardinality()).isEqualTo(3);
        assertThat(set.get(0)).isTrue();
        assertThat(set.get(9)).isTrue();
        assertThat(set.get(4095)).isTrue();
        assertThat(set.get(8)).isFalse();
    }

    @Test
    void replicasRowsGiveMastersAndReplicasPerNamespace() {
        String answer = "test:0,2," + filled(0xF0) + "," + filled(0x0F) + ";bar:0,1," + bitmapOf(1, 2, 3) + ";";
        Map<String, InfoParser.NamespaceReplicas> r = InfoParser.replicas(answer);
        assertThat(r).containsOnlyKeys("test", "bar");
        assertThat(r.get("test").masters()).isEqualTo(2048);
        assertThat(r.get("test").replicas()).isEqualTo(2048);
        assertThat(r.get("test").columns()).hasSize(2);
        assertThat(r.get("bar").masters()).isEqualTo(3);
        assertThat(r.get("bar").replicas()).isZero();
    }

    @Test
    void replicasAllAndOldStyleRowsAreReadToo() {
        Map<String, InfoParser.NamespaceReplicas> all =
                InfoParser.replicas("test:3," + filled(0xFF) + "," + filled(0x00) + "," + filled(0x80));
        assertThat(all.get("test").masters()).isEqualTo(4096);
        assertThat(all.get("test").replicas()).isEqualTo(512);
        Map<String, InfoParser.NamespaceReplicas> old = InfoParser.replicas("test:" + filled(0x11));
        assertThat(old.get("test").masters()).isEqualTo(1024);
        assertThat(InfoParser.replicas("")).isEmpty();
        assertThat(InfoParser.replicas("test:0,1," + filled(0xFF) + ",;")
                        .get("test")
                        .columns())
                .hasSize(1);
    }

    @Test
    void peersListsNodesWithTheirAddresses() {
        Peers p = InfoParser.peers("7,3000,[[A1,,[127.0.0.1:3010]],[A2,tls-a2,[10.0.0.2:3020,10.0.0.3]]]");
        assertThat(p.generation()).isEqualTo(7);
        assertThat(p.defaultPort()).isEqualTo(3000);
        assertThat(p.peers()).hasSize(2);
        assertThat(p.peers().get(0).nodeId()).isEqualTo("A1");
        assertThat(p.peers().get(0).tlsName()).isEmpty();
        assertThat(p.peers().get(0).hosts()).containsExactly(new Peers.HostPort("127.0.0.1", 3010));
        assertThat(p.peers().get(1).tlsName()).isEqualTo("tls-a2");
        assertThat(p.peers().get(1).hosts())
                .containsExactly(new Peers.HostPort("10.0.0.2", 3020), new Peers.HostPort("10.0.0.3", 3000));
    }

    @Test
    void peersOfANodeAloneIsAnEmptyList() {
        Peers p = InfoParser.peers("0,3000,[]");
        assertThat(p.generation()).isZero();
        assertThat(p.peers()).isEmpty();
    }

    @Test
    void ipv6HostsComeInBrackets() {
        Peers p = InfoParser.peers("3,4000,[[BB9,,[[::1]:4010,[fe80::2],127.0.0.1]]]");
        assertThat(p.peers().get(0).hosts())
                .containsExactly(
                        new Peers.HostPort("::1", 4010),
                        new Peers.HostPort("fe80::2", 4000),
                        new Peers.HostPort("127.0.0.1", 4000));
        assertThat(new Peers.HostPort("::1", 4010).toString()).isEqualTo("[::1]:4010");
        assertThat(InfoParser.hostPort("2001:db8::7", 3000)).isEqualTo(new Peers.HostPort("2001:db8::7", 3000));
    }

    @Test
    void malformedPeersAreRefused() {
        assertThatThrownBy(() -> InfoParser.peers("ERROR::bad")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InfoParser.peers("1,3000,[[A1]]")).hasMessageContaining("not a peer");
        assertThatThrownBy(() -> InfoParser.peers("1,x,[]")).hasMessageContaining("bad number");
    }

    @Test
    void pairsKeepTheirOrderAndSkipItemsWithoutValues() {
        assertThat(InfoParser.pairs("cluster_size=3;cluster_key=ABC;junk;objects=0;"))
                .containsExactly(
                        Map.entry("cluster_size", "3"), Map.entry("cluster_key", "ABC"), Map.entry("objects", "0"));
    }
}
