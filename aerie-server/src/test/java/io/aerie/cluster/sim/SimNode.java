package io.aerie.cluster.sim;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
import io.aerie.cluster.ScStore;
import io.aerie.config.NamespaceConfig;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.util.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/** One simulated node: an in-memory namespace {@code test} and the real cluster service, in virtual time. */
final class SimNode {
    static final String NS = "test";

    final long id;
    final SimScheduler.Owner owner = new SimScheduler.Owner();
    final Namespaces namespaces;
    final ClusterService cluster;

    SimNode(long id, SimScheduler scheduler, SimNetwork network, Random random, ManualClock clock, int rf) {
        this.id = id;
        this.namespaces = new Namespaces(
                List.of(NamespaceConfig.inMemory(NS, 1L << 30).toBuilder()
                        .replicationFactor(rf)
                        .build()),
                clock);
        SimNetwork.Endpoint endpoint = network.attach(id, owner);
        ScheduledExecutorService executor = scheduler.executorFor(owner);
        this.cluster = new ClusterService(
                id,
                endpoint,
                endpoint,
                new ClusterService.Addresses("sim", 1, List.of("sim"), 1),
                namespaces,
                new ClusterService.Local(Map.of(), ScStore.inMemory()),
                new ClusterService.Threads(
                        executor, executor, executor, scheduler::nanoTime, () -> scheduler.nanoTime() / 1_000_000),
                (1 + (random.nextLong() & 0xFFFF_FFFF_FFFEL)) << 16,
                new ClusterService.Settings(2, 2, 2_000, 20_000));
        cluster.join();
    }

    Namespace namespace() {
        Namespace ns = namespaces.get(NS);
        if (ns == null) {
            throw new IllegalStateException("no namespace " + NS);
        }
        return ns;
    }

    PartitionStates states() {
        PartitionStates s = cluster.states(NS);
        if (s == null) {
            throw new IllegalStateException("no partition states for " + NS);
        }
        return s;
    }

    void kill() {
        owner.alive = false;
    }
}
