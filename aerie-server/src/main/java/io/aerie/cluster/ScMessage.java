package io.aerie.cluster;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Strong-consistency control messages, sent to every member over the membership channel (ordered
 * and reliable): a pending roster, a recluster that makes pending rosters active, the notice
 * that a node has durably recorded the regimes of a rebalance, and members' clocks.
 */
sealed interface ScMessage {
    int MAGIC = 0xAE5C;

    /** {@code roster-set}: {@code roster} becomes the pending roster of {@code namespace}. */
    record RosterSet(String namespace, Roster roster) implements ScMessage {}

    /**
     * {@code recluster}: each listed roster becomes active; members of the view with cluster key
     * {@code baseKey} then exchange and rebalance again under a key derived from {@code nonce}.
     */
    record Recluster(long baseKey, long nonce, List<NamespaceRoster> rosters) implements ScMessage {
        public Recluster {
            rosters = List.copyOf(rosters);
        }
    }

    /** A namespace's roster in a recluster. */
    record NamespaceRoster(String namespace, Roster roster) {}

    /** The sender has durably recorded the regimes of the rebalance for {@code clusterKey}. */
    record Adopted(long clusterKey) implements ScMessage {}

    /** The sender's wall clock read {@code millis}, for the clock-skew estimate. */
    record Clock(long millis) implements ScMessage {}

    static boolean is(byte[] bytes) {
        return bytes.length >= 3 && ((bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF)) == MAGIC;
    }

    static byte[] encode(ScMessage m) {
        ByteBuffer b = ByteBuffer.allocate(size(m));
        b.putShort((short) MAGIC);
        switch (m) {
            case RosterSet r -> {
                b.put((byte) 1);
                Wire.putString(b, r.namespace());
                Wire.putRoster(b, r.roster());
            }
            case Recluster r -> {
                b.put((byte) 2)
                        .putLong(r.baseKey())
                        .putLong(r.nonce())
                        .putInt(r.rosters().size());
                for (NamespaceRoster nr : r.rosters()) {
                    Wire.putString(b, nr.namespace());
                    Wire.putRoster(b, nr.roster());
                }
            }
            case Adopted a -> b.put((byte) 3).putLong(a.clusterKey());
            case Clock c -> b.put((byte) 4).putLong(c.millis());
        }
        return b.array();
    }

    private static int size(ScMessage m) {
        return 3
                + switch (m) {
                    case RosterSet r -> Wire.stringSize(r.namespace()) + rosterSize(r.roster());
                    case Recluster r ->
                        20
                                + r.rosters().stream()
                                        .mapToInt(nr -> Wire.stringSize(nr.namespace()) + rosterSize(nr.roster()))
                                        .sum();
                    case Adopted a -> 8;
                    case Clock c -> 8;
                };
    }

    /** Decodes a message; IllegalArgumentException names what is wrong. */
    static ScMessage decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.getShort();
            return switch (b.get()) {
                case 1 -> new RosterSet(Wire.getString(b), Wire.getRoster(b));
                case 2 -> {
                    long base = b.getLong();
                    long nonce = b.getLong();
                    int n = b.getInt();
                    if (n < 0 || n > 1024) {
                        throw new IllegalArgumentException(n + " namespaces");
                    }
                    List<NamespaceRoster> rosters = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        rosters.add(new NamespaceRoster(Wire.getString(b), Wire.getRoster(b)));
                    }
                    yield new Recluster(base, nonce, rosters);
                }
                case 3 -> new Adopted(b.getLong());
                case 4 -> new Clock(b.getLong());
                default -> throw new IllegalArgumentException("unknown strong-consistency message");
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("strong-consistency message cut short", e);
        }
    }

    private static int rosterSize(Roster r) {
        return 10 + 12 * r.nodes().size();
    }
}
