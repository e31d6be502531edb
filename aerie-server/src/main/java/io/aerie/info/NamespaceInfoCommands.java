package io.aerie.info;

import io.aerie.cluster.ClusterService;
import io.aerie.cluster.PartitionStates;
import io.aerie.config.DeviceStorageConfig;
import io.aerie.config.MemoryStorageConfig;
import io.aerie.config.NamespaceConfig;
import io.aerie.namespace.BinNames;
import io.aerie.namespace.Counter;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.namespace.SetInfo;
import io.aerie.storage.EntryArena;
import io.aerie.storage.Partition;
import io.aerie.storage.device.DeviceStore;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** {@code namespace/<ns>}, {@code sets}, {@code bins}: a namespace's statistics and configuration. */
final class NamespaceInfoCommands {
    private NamespaceInfoCommands() {}

    static void register(InfoRegistry registry, Namespaces namespaces, NodeState node) {
        registry.register("namespace", (n, a) -> {
            Namespace ns = namespaces.get(a);
            return ns == null ? "type=unknown" : namespace(ns, node.cluster());
        });
        registry.register("sets", (n, a) -> sets(namespaces, a));
        registry.register("bins", (n, a) -> bins(namespaces, a));
    }

    /** Statistics first, then configuration, as Aerospike 8.1 lists them. */
    static String namespace(Namespace ns, @Nullable ClusterService cluster) {
        StringJoiner j = new StringJoiner(";");
        long total = ns.dataSizeBytes();
        long used = ns.usedBytes();
        PartitionStates states = cluster == null ? null : cluster.states(ns.name());
        long master = ns.objects();
        long masterTombstones = ns.tombstones();
        long prole = 0;
        long proleTombstones = 0;
        long nonReplica = 0;
        if (states != null && cluster != null && !cluster.alone()) {
            master = 0;
            masterTombstones = 0;
            for (int pid = 0; pid < Partition.COUNT; pid++) {
                int t = ns.partitionTombstones(pid);
                int n = ns.partitionSize(pid) - t;
                if (states.isMaster(pid)) {
                    master += n;
                    masterTombstones += t;
                } else if (states.canRead(pid)) {
                    prole += n;
                    proleTombstones += t;
                } else {
                    nonReplica += n;
                }
            }
        }
        j.add("ns_cluster_size=" + (cluster == null ? 1 : cluster.view().size()));
        j.add("effective_replication_factor=" + (states == null ? 1 : states.replicationFactor()));
        if (states != null && states.sc() != null) {
            j.add("unavailable_partitions=" + states.unavailablePartitions());
            j.add("dead_partitions=" + states.deadPartitions());
            j.add("unreplicated_records=" + states.unreplicated().size());
            j.add("clock_skew_stop_writes=" + (cluster != null && cluster.clockSkewStopsWrites()));
        }
        j.add("objects=" + ns.objects());
        j.add("tombstones=" + ns.tombstones());
        j.add("master_objects=" + master);
        j.add("master_tombstones=" + masterTombstones);
        j.add("prole_objects=" + prole);
        j.add("prole_tombstones=" + proleTombstones);
        j.add("non_replica_objects=" + nonReplica);
        DeviceStore store = ns.store();
        Map<String, Object> storage = store == null ? Map.of() : store.statistics();
        if (ns.config().storage() instanceof DeviceStorageConfig) {
            // The device engine's data lives in its files: Aerospike reports data_* against them.
            storage.forEach((k, v) -> j.add(k + "=" + v));
        } else {
            j.add("data_used_bytes=" + used);
            j.add("data_total_bytes=" + total);
            j.add("data_used_pct=" + (total == 0 ? 0 : used * 100 / total));
            j.add("data_avail_pct=" + (total == 0 ? 0 : Math.max(0, 100 - used * 100 / total)));
            storage.forEach((k, v) -> {
                if (!k.startsWith("data_")) {
                    j.add(k + "=" + v);
                }
            });
        }
        EntryArena arena = ns.indexArena();
        if (arena != null) {
            // Off-heap entries only; the per-partition slot tables add about 7 bytes a record on heap.
            j.add("index_used_bytes=" + arena.usedBytes());
        }
        j.add("stop_writes=" + ns.stopWrites());
        int evictPct = ns.config().evictUsedPct();
        j.add("hwm_breached=" + (evictPct > 0 && ns.usedPct() >= evictPct));
        j.add("evict_void_time=" + ns.evictVoidTime());
        j.add("truncate_lut=" + ns.truncateLut());
        for (Counter c : Counter.values()) {
            j.add(c.statName() + "=" + ns.stats().get(c));
        }
        j.add(config(ns.config()));
        return j.toString();
    }

    /** The namespace's parameters under their aerospike.conf names. */
    static String config(NamespaceConfig c) {
        StringJoiner j = new StringJoiner(";");
        j.add("replication-factor=" + c.replicationFactor());
        j.add("default-ttl=" + c.defaultTtlSeconds());
        j.add("nsup-period=" + c.nsupPeriodSeconds());
        j.add("allow-ttl-without-nsup=" + c.allowTtlWithoutNsup());
        j.add("default-read-touch-ttl-pct=" + c.defaultReadTouchTtlPct());
        j.add("evict-used-pct=" + c.evictUsedPct());
        j.add("stop-writes-sys-memory-pct=" + c.stopWritesSysMemoryPct());
        j.add("conflict-resolution-policy=" + c.conflictResolutionPolicy());
        j.add("strong-consistency=" + c.strongConsistency());
        j.add("max-record-size=" + c.maxRecordSize());
        j.add("tomb-raider-eligible-age=" + c.tombRaiderEligibleAgeSeconds());
        j.add("tomb-raider-period=" + c.tombRaiderPeriodSeconds());
        if (c.storage() instanceof MemoryStorageConfig m) {
            j.add("storage-engine=memory");
            j.add("storage-engine.data-size=" + m.dataSizeBytes());
            j.add("storage-engine.stop-writes-used-pct=" + c.stopWritesUsedPct());
        } else {
            j.add("storage-engine=device");
        }
        return j.toString();
    }

    /** {@code sets}, {@code sets/<ns>} or {@code sets/<ns>/<set>}. */
    static String sets(Namespaces namespaces, String args) {
        String[] parts = args.isEmpty() ? new String[0] : args.split("/", -1);
        StringJoiner j = new StringJoiner(";", "", "");
        for (Namespace ns : namespaces.all()) {
            if (parts.length > 0 && !ns.name().equals(parts[0])) {
                continue;
            }
            for (SetInfo s : ns.sets().all()) {
                if (parts.length > 1 && !s.name().equals(parts[1])) {
                    continue;
                }
                j.add("ns=" + ns.name() + ":set=" + s.name() + ":objects=" + s.objects()
                        + ":tombstones=0:data_used_bytes="
                        + s.dataBytes() + ":truncate_lut=" + s.truncateLut()
                        + ":sindexes=0:index_populating=false:truncating=false:default-read-touch-ttl-pct=0:default-ttl=0"
                        + ":disable-eviction=false:enable-index=false:stop-writes-count=0:stop-writes-size=0");
            }
        }
        String out = j.toString();
        return out.isEmpty() ? "" : out + ";";
    }

    /** {@code bins} or {@code bins/<ns>}. */
    static String bins(Namespaces namespaces, String nsName) {
        StringJoiner j = new StringJoiner(";");
        for (Namespace ns : namespaces.all()) {
            if (!nsName.isEmpty() && !ns.name().equals(nsName)) {
                continue;
            }
            StringBuilder b = new StringBuilder(ns.name())
                    .append(":bin_names=")
                    .append(ns.bins().size());
            b.append(",bin_names_quota=").append(BinNames.QUOTA);
            for (String name : ns.bins().all()) {
                b.append(',').append(name);
            }
            j.add(b);
        }
        return j.toString().isEmpty() ? "" : j + ";";
    }
}
