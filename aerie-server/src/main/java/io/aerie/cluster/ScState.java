package io.aerie.cluster;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a node knows of one strong-consistency namespace, kept across restarts: the active and the
 * pending roster, the namespace's regime, and for every partition the last regime in which it was
 * made available with the replica list it had then. Members exchange it after every view change;
 * the newest regime among those present says which copies hold every acknowledged write.
 *
 * <p>Why every node keeps it, not only the partition's replicas: any two sub-clusters that may
 * serve a partition share a node (the availability rules guarantee it), and a regime serves only
 * once every member of its view has recorded it. So a later sub-cluster always contains a node
 * that knows the latest regime and will not mistake an older copy for a current one.
 */
public final class ScState {
    private static final int N = PartitionBalance.PARTITIONS;
    private static final long[] NONE = new long[0];
    /** The encoding's format, first byte; 2 since lineages tell views apart. */
    private static final byte FORMAT = 2;

    private Roster roster = Roster.EMPTY;
    private Roster pending = Roster.EMPTY;
    /** Volatile: the {@code replicas} info command reads it off the cluster thread. */
    private volatile int regime;

    private boolean reviveRequested;
    /** Per partition, the lineage of the last regime it was made available in: see {@link #lineage}. */
    private final long[] knownLineage = new long[N];

    private final long[][] knownReplicas = new long[N][];
    private final long[] knownMaster = new long[N];

    public ScState() {
        Arrays.fill(knownReplicas, NONE);
    }

    public Roster roster() {
        return roster;
    }

    public Roster pending() {
        return pending;
    }

    /** The highest regime this node has taken part in; the next rebalance uses a higher one. */
    public int regime() {
        return regime;
    }

    /** Whether the operator asked this node to revive dead partitions at the next rebalance. */
    public boolean reviveRequested() {
        return reviveRequested;
    }

    /** The last regime in which partition {@code pid} was made available (0: never). */
    public int knownRegime(int pid) {
        return regimeOf(knownLineage[pid]);
    }

    /** The lineage of that regime: its number and the view it was made in ({@link #lineage}); 0: never. */
    public long knownLineage(int pid) {
        return knownLineage[pid];
    }

    /** Bits of a strong-consistency lineage that tell views apart. */
    private static final int VIEW_BITS = 24;

    /** The highest regime number a lineage can carry. */
    static final int MAX_REGIME = (1 << VIEW_BITS) - 1;

    /**
     * The lineage (a {@link PartitionVersion} without flags) of regime {@code regime} made in the view
     * with {@code clusterKey}: the regime number above 24 bits of the key. Two views can pick the same
     * number (a node that recorded a regime its other members never took up, and the view those
     * members formed without it), and only one of them can have served; telling them apart keeps a
     * copy from the other from passing as full. Lineages order by regime first.
     */
    public static long lineage(int regime, long clusterKey) {
        if (regime < 1 || regime > MAX_REGIME) {
            throw new IllegalArgumentException("regime out of range: " + regime);
        }
        long view = (clusterKey ^ (clusterKey >>> VIEW_BITS)) & MAX_REGIME;
        return PartitionVersion.fresh(((long) regime << VIEW_BITS) | view);
    }

    /** The regime number of a lineage made by {@link #lineage} (0 for none). */
    public static int regimeOf(long lineage) {
        return (int) (PartitionVersion.lineage(lineage) >>> (16 + VIEW_BITS));
    }

    /** The replica list (master first) of that regime. */
    public long[] knownReplicas(int pid) {
        return knownReplicas[pid];
    }

    /**
     * The node that was to serve partition {@code pid} first in that regime (its working master):
     * every write of the regime goes through it or, after it handed off, through the final master.
     */
    public long knownMaster(int pid) {
        return knownMaster[pid];
    }

    void setRoster(Roster r) {
        roster = r;
    }

    void setPending(Roster r) {
        pending = r;
    }

    void requestRevive(boolean on) {
        reviveRequested = on;
    }

    void raiseRegime(int r) {
        if (r > regime) {
            regime = r;
        }
    }

    /**
     * Records that partition {@code pid} serves in the regime of {@code lineage} from {@code master}
     * with {@code replicas}; regimes never go back.
     */
    void know(int pid, long lineage, long master, long[] replicas) {
        int r = regimeOf(lineage);
        assert r >= knownRegime(pid)
                : "regime of partition " + pid + " going back from " + knownRegime(pid) + " to " + r;
        knownLineage[pid] = lineage;
        knownMaster[pid] = master;
        knownReplicas[pid] = replicas.clone();
        raiseRegime(r);
    }

    /** The state as bytes: for the exchange and for the file it survives restarts in. */
    public byte[] encode() {
        int size = 64 + 12 * (roster.nodes().size() + pending.nodes().size());
        for (int pid = 0; pid < N; pid++) {
            size += 18 + 8 * knownReplicas[pid].length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT);
        Wire.putRoster(b, roster);
        Wire.putRoster(b, pending);
        b.putInt(regime).put((byte) (reviveRequested ? 1 : 0));
        int pid = 0;
        while (pid < N) {
            int run = 1;
            while (pid + run < N
                    && knownLineage[pid + run] == knownLineage[pid]
                    && knownMaster[pid + run] == knownMaster[pid]
                    && Arrays.equals(knownReplicas[pid + run], knownReplicas[pid])) {
                run++;
            }
            b.putShort((short) run).putLong(knownLineage[pid]).putLong(knownMaster[pid]);
            b.put((byte) knownReplicas[pid].length);
            for (long n : knownReplicas[pid]) {
                b.putLong(n);
            }
            pid += run;
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Reads what {@link #encode} wrote. */
    public static ScState decode(ByteBuffer b) {
        ScState s = new ScState();
        byte format = b.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("strong-consistency state of format " + format + ", not " + FORMAT
                    + " (written by an older version: move the file away and revive)");
        }
        s.roster = Wire.getRoster(b);
        s.pending = Wire.getRoster(b);
        s.regime = b.getInt();
        s.reviveRequested = b.get() != 0;
        int pid = 0;
        while (pid < N) {
            int run = b.getShort() & 0xFFFF;
            long lineage = b.getLong();
            long master = b.getLong();
            int count = b.get() & 0xFF;
            if (run == 0 || pid + run > N || PartitionVersion.lineage(lineage) != lineage || count > Roster.MAX_NODES) {
                throw new IllegalArgumentException("bad partition run at " + pid);
            }
            long[] replicas = new long[count];
            for (int i = 0; i < count; i++) {
                replicas[i] = b.getLong();
            }
            for (int i = 0; i < run; i++) {
                s.knownLineage[pid + i] = lineage;
                s.knownMaster[pid + i] = master;
                s.knownReplicas[pid + i] = replicas;
            }
            pid += run;
        }
        return s;
    }
}
