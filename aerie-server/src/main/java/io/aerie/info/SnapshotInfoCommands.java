package io.aerie.info;

import io.aerie.backup.AsbWriter;
import io.aerie.namespace.Namespace;
import io.aerie.namespace.Namespaces;
import io.aerie.namespace.Snapshot;
import io.aerie.storage.Partition;
import io.aerie.util.Clock;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consistent point-in-time snapshots over the info protocol, for {@code bin/aerie-backup} (an
 * Aerie extension; Aerospike has no such command):
 *
 * <ul>
 *   <li>{@code snapshot-create:namespace=NS[;set=SET]} takes a snapshot and answers
 *       {@code id=ID;instant=MS;entries=N} (the instant in ms since 2010);
 *   <li>{@code snapshot-read:id=ID;partition=P} answers {@code records=N;data=BASE64}: the
 *       partition's records as of the instant, in Aerospike's text backup format, base64 encoded
 *       because an info value is one line;
 *   <li>{@code snapshot-close:id=ID} releases it.
 * </ul>
 *
 * A snapshot left unread for ten minutes is closed, so a backup that died does not hold the
 * namespace's in-place writes and defragmentation back for ever.
 */
final class SnapshotInfoCommands {
    private static final long IDLE_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final Namespaces namespaces;
    private final Clock clock;
    private final Map<Long, Open> open = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private static final class Open {
        final Snapshot snapshot;
        volatile long touched;

        Open(Snapshot snapshot, long touched) {
            this.snapshot = snapshot;
            this.touched = touched;
        }
    }

    private SnapshotInfoCommands(Namespaces namespaces, Clock clock) {
        this.namespaces = namespaces;
        this.clock = clock;
    }

    static void register(InfoRegistry registry, Namespaces namespaces, Clock clock) {
        SnapshotInfoCommands c = new SnapshotInfoCommands(namespaces, clock);
        registry.register("snapshot-create", (n, a) -> c.create(InfoRegistry.params(a)));
        registry.register("snapshot-read", (n, a) -> c.read(InfoRegistry.params(a)));
        registry.register("snapshot-close", (n, a) -> c.close(InfoRegistry.params(a)));
    }

    private String create(Map<String, String> p) {
        closeIdle();
        String nsName = InfoRegistry.param(p, "namespace", "ns");
        Namespace ns = nsName == null ? null : namespaces.get(nsName);
        if (ns == null) {
            throw new IllegalArgumentException("namespace not found");
        }
        String set = p.get("set");
        Snapshot s = ns.snapshot(set == null || set.isEmpty() ? null : set);
        long id = ids.incrementAndGet();
        open.put(id, new Open(s, clock.currentTimeMillis()));
        return "id=" + id + ";instant=" + s.instantMillis() + ";entries=" + s.entries();
    }

    private String read(Map<String, String> p) {
        Open o = find(p);
        int partition = integer(p, "partition");
        if (partition < 0 || partition >= Partition.COUNT) {
            throw new IllegalArgumentException("partition must be 0 to " + (Partition.COUNT - 1));
        }
        o.touched = clock.currentTimeMillis();
        Snapshot s = o.snapshot;
        AsbWriter w = new AsbWriter();
        int records = 0;
        for (byte[] r : s.records(partition)) {
            w.write(s.namespace().name(), s.setName(r), r);
            records++;
        }
        return "records=" + records + ";data=" + Base64.getEncoder().encodeToString(w.take());
    }

    private String close(Map<String, String> p) {
        Open o = find(p);
        open.values().remove(o);
        o.snapshot.close();
        return "ok";
    }

    private Open find(Map<String, String> p) {
        long id = integer(p, "id");
        Open o = open.get(id);
        if (o == null) {
            throw new IllegalArgumentException("no open snapshot " + id);
        }
        return o;
    }

    private static int integer(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number", e);
        }
    }

    private void closeIdle() {
        long now = clock.currentTimeMillis();
        for (Iterator<Open> it = open.values().iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (now - o.touched > IDLE_MILLIS) {
                it.remove();
                o.snapshot.close();
            }
        }
    }
}
