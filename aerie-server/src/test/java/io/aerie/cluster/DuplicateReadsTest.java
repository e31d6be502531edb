package io.aerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.config.NamespaceConfig;
import io.aerie.fabric.NettyFabric;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.storage.Digest;
import io.aerie.storage.Partition;
import io.aerie.storage.Record;
import io.aerie.util.ManualClock;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Duplicate resolution between two nodes on loopback: the newer copy of a record wins, whichever node has it. */
class DuplicateReadsTest {
    private static final ManualClock CLOCK = new ManualClock(1_800_000_000_000L);

    private static Namespace namespace() {
        Namespace ns = new Namespaces(List.of(NamespaceConfig.inMemory("test", 1L << 26)), CLOCK).get("test");
        assertThat(ns).isNotNull();
        return ns;
    }

    private static void put(Namespace ns, Digest d, int generation) {
        Partition p = ns.partition(d.partitionId());
        p.lock();
        try {
            ns.install(p, Record.allocate(d, generation, 0, 1000L + generation, 0, 0, 0, 0), null);
        } finally {
            p.unlock();
        }
    }

    @Test
    void theNewerCopyIsMergedInBeforeTheReadAndSilentHoldersTimeOut() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Namespace nsA = namespace();
        Namespace nsB = namespace();
        PartitionStates statesA = new PartitionStates(nsA, 0xA, PartitionVersion.fresh(1), null);
        PartitionStates statesB = new PartitionStates(nsB, 0xB, PartitionVersion.fresh(2), null);
        try (NettyFabric a = new NettyFabric(0xA, "127.0.0.1", 0);
                NettyFabric b = new NettyFabric(0xB, "127.0.0.1", 0)) {
            InetSocketAddress addrB = b.start();
            InetSocketAddress addrA = a.start();
            b.addPeer(0xA, addrA);
            DuplicateReads readsA = new DuplicateReads(a, timer, System::nanoTime, 500, n -> statesA);
            new DuplicateReads(b, timer, System::nanoTime, 500, n -> statesB);
            a.addPeer(0xB, addrB);
            byte[] raw = new byte[Digest.SIZE];
            raw[5] = 7;
            Digest d = Digest.of(raw, 0);
            put(nsA, d, 2);
            put(nsB, d, 5);
            // The first send opens the channel; the request goes out once it is up.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Record.generation(nsA.lookup(d.partitionId(), d)) != 5) {
                readsA.resolve("test", d, new long[] {0xB}, 1).get(5, TimeUnit.SECONDS);
                assertThat(System.nanoTime()).isLessThan(deadline);
            }
            // An older copy elsewhere changes nothing.
            put(nsB, d, 3);
            readsA.resolve("test", d, new long[] {0xB}, 1).get(5, TimeUnit.SECONDS);
            assertThat(Record.generation(nsA.lookup(d.partitionId(), d))).isEqualTo(5);
            // A holder that never answers holds the read up only until the timeout.
            a.addPeer(0xC, new InetSocketAddress("127.0.0.1", 1));
            long start = System.nanoTime();
            readsA.resolve("test", d, new long[] {0xC}, 1).get(5, TimeUnit.SECONDS);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
        } finally {
            timer.shutdownNow();
        }
    }
}
