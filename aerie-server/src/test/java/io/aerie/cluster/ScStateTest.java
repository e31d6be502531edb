package io.aerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerie.smd.ScStateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rosters in Aerospike's text form, and strong-consistency state through the exchange, messages and files. */
class ScStateTest {
    private static final int N = PartitionBalance.PARTITIONS;

    @TempDir
    Path dir;

    @Test
    void rostersReadAndPrintAsAerospikeDoes() {
        Roster r = Roster.parse(3, "a1,BB9020011AC4202@2, c3");
        assertThat(r.format()).isEqualTo("BB9020011AC4202@2,C3,A1");
        assertThat(r.ids()).containsExactly(0xBB9020011AC4202L, 0xC3L, 0xA1L);
        assertThat(r.contains(0xC3)).isTrue();
        assertThat(r.contains(0xC4)).isFalse();
        assertThat(Roster.parse(0, "null").isEmpty()).isTrue();
        assertThat(Roster.EMPTY.format()).isEqualTo("null");
        assertThat(r.sameNodes(Roster.parse(9, "C3,A1,BB9020011AC4202@2"))).isTrue();
        assertThat(r.sameNodes(Roster.parse(3, "C3,A1,BB9020011AC4202")))
                .as("rack differs")
                .isFalse();
    }

    @Test
    void badRosterEntriesAreNamed() {
        assertThatThrownBy(() -> Roster.parse(0, "A1,XYZ")).hasMessageContaining("'XYZ'");
        assertThatThrownBy(() -> Roster.parse(0, "A1,A1")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Roster.parse(0, "A1@-1")).hasMessageContaining("'A1@-1'");
        assertThatThrownBy(() -> Roster.parse(0, "A1,,B2")).hasMessageContaining("''");
        assertThatThrownBy(() -> Roster.parse(0, "0")).hasMessageContaining("zero");
    }

    private static ScState sample(long seed) {
        Random r = new Random(seed);
        ScState s = new ScState();
        s.setRoster(Roster.parse(r.nextInt(100), "A1,B2@1,C3"));
        s.setPending(Roster.parse(0, "A1,B2,C3,D4"));
        s.requestRevive(r.nextBoolean());
        int regime = 1;
        for (int pid = 0; pid < N; pid++) {
            if (r.nextInt(10) == 0) {
                regime += r.nextInt(3);
            }
            s.know(
                    pid,
                    ScState.lineage(regime, 0x5C_0000L + r.nextInt(4)),
                    r.nextBoolean() ? 0xA1 : 0xC3,
                    r.nextBoolean() ? new long[] {0xA1, 0xB2} : new long[] {0xC3});
        }
        return s;
    }

    private static void assertSame(ScState actual, ScState expected) {
        assertThat(actual.roster()).isEqualTo(expected.roster());
        assertThat(actual.pending()).isEqualTo(expected.pending());
        assertThat(actual.regime()).isEqualTo(expected.regime());
        assertThat(actual.reviveRequested()).isEqualTo(expected.reviveRequested());
        for (int pid = 0; pid < N; pid++) {
            assertThat(actual.knownLineage(pid)).isEqualTo(expected.knownLineage(pid));
            assertThat(actual.knownReplicas(pid)).isEqualTo(expected.knownReplicas(pid));
            assertThat(actual.knownMaster(pid)).isEqualTo(expected.knownMaster(pid));
        }
    }

    @Test
    void stateRoundTripsThroughBytesAndTheExchange() {
        for (long seed = 0; seed < 20; seed++) {
            ScState s = sample(seed);
            assertSame(ScState.decode(ByteBuffer.wrap(s.encode())), s);
            ExchangeMessage m = new ExchangeMessage(
                    5,
                    0xA1,
                    "h",
                    1,
                    List.of("h"),
                    2,
                    Map.of("sc", new ExchangeMessage.NamespaceState(2, 0, new long[N], s)));
            ScState back =
                    ExchangeMessage.decode(m.encode()).namespaces().get("sc").sc();
            assertThat(back).isNotNull();
            assertSame(back, s);
        }
        ScState fresh = new ScState();
        assertThat(fresh.encode().length)
                .as("one run for the untouched partitions")
                .isLessThan(64);
    }

    @Test
    void controlMessagesRoundTrip() {
        Roster r = Roster.parse(4, "A1,B2@3");
        assertThat(ScMessage.decode(ScMessage.encode(new ScMessage.RosterSet("test", r))))
                .isEqualTo(new ScMessage.RosterSet("test", r));
        ScMessage.Recluster rc = new ScMessage.Recluster(7, -3, List.of(new ScMessage.NamespaceRoster("test", r)));
        assertThat(ScMessage.decode(ScMessage.encode(rc))).isEqualTo(rc);
        assertThat(ScMessage.decode(ScMessage.encode(new ScMessage.Adopted(99))))
                .isEqualTo(new ScMessage.Adopted(99));
        byte[] bytes = ScMessage.encode(rc);
        assertThat(ScMessage.is(bytes)).isTrue();
        assertThat(Metadata.isMetadata(bytes)).isFalse();
        for (int len = 3; len < bytes.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> ScMessage.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aReclusterDerivesTheSameNewKeyEverywhere() {
        long k = StrongConsistency.derivedKey(0x1234_5678_9ABCL, 42);
        assertThat(k).isEqualTo(StrongConsistency.derivedKey(0x1234_5678_9ABCL, 42));
        assertThat(k).isNotEqualTo(StrongConsistency.derivedKey(0x1234_5678_9ABCL, 43));
        assertThat(k).isPositive().isLessThanOrEqualTo(0xFFFF_FFFF_FFFFL);
    }

    @Test
    void filesKeepTheStateAcrossRestartsAndRefuseADamagedOne() throws IOException {
        ScStateFiles files = new ScStateFiles(dir.resolve("smd"));
        assertThat(files.load("test").roster().isEmpty())
                .as("nothing saved yet")
                .isTrue();
        ScState s = sample(7);
        files.save("test", s);
        files.save("test", s);
        assertSame(new ScStateFiles(dir.resolve("smd")).load("test"), s);
        Path file = dir.resolve("smd").resolve("test.sc");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> files.load("test")).hasMessageContaining("damaged");
        Files.write(file, java.util.Arrays.copyOf(bytes, 10));
        assertThatThrownBy(() -> files.load("test")).isInstanceOf(IOException.class);
    }
}
