package io.aerie.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every member tells the others after a view change, as Aerospike's exchange does: where it
 * can be reached, and per namespace its replication factor, rack and the version of its copy of
 * every partition. Sent over the membership channel (ordered, reliable); rebalance starts once one
 * has arrived from every member of the view.
 *
 * @param clusterKey the view the message belongs to
 * @param nodeId the sender
 * @param fabricHost where the sender's fabric listens
 * @param fabricPort its fabric port
 * @param serviceHosts where clients reach the sender
 * @param servicePort its client port
 * @param namespaces per namespace name, the sender's state of it
 */
public record ExchangeMessage(
        long clusterKey,
        long nodeId,
        String fabricHost,
        int fabricPort,
        List<String> serviceHosts,
        int servicePort,
        Map<String, NamespaceState> namespaces) {
    private static final int MAGIC = 0xAE0E;

    /**
     * One namespace on the sender.
     *
     * @param replicationFactor its configured {@code replication-factor}
     * @param rackId its {@code rack-id}
     * @param versions the sender's {@link PartitionVersion} of each partition
     * @param sc for a strong-consistency namespace, the sender's {@link ScState}; null in AP
     */
    public record NamespaceState(
            int replicationFactor,
            int rackId,
            long[] versions,
            @Nullable ScState sc) {
        public NamespaceState {
            if (versions.length != PartitionBalance.PARTITIONS) {
                throw new IllegalArgumentException("versions of " + versions.length + " partitions");
            }
        }

        /** An AP namespace's state. */
        public NamespaceState(int replicationFactor, int rackId, long[] versions) {
            this(replicationFactor, rackId, versions, null);
        }
    }

    public ExchangeMessage {
        serviceHosts = List.copyOf(serviceHosts);
        namespaces = Map.copyOf(namespaces);
    }

    /** The message as bytes. Runs of equal versions are sent once with their length. */
    public byte[] encode() {
        Map<String, byte[]> scBytes = new java.util.HashMap<>();
        int scSize = 0;
        for (Map.Entry<String, NamespaceState> e : namespaces.entrySet()) {
            ScState sc = e.getValue().sc();
            if (sc != null) {
                byte[] bytes = sc.encode();
                scBytes.put(e.getKey(), bytes);
                scSize += bytes.length;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(size() + scSize);
        b.putShort((short) MAGIC);
        b.putLong(clusterKey).putLong(nodeId);
        putString(b, fabricHost);
        b.putInt(fabricPort);
        b.putInt(serviceHosts.size());
        for (String h : serviceHosts) {
            putString(b, h);
        }
        b.putInt(servicePort);
        b.putInt(namespaces.size());
        for (Map.Entry<String, NamespaceState> e : namespaces.entrySet()) {
            putString(b, e.getKey());
            NamespaceState ns = e.getValue();
            b.putInt(ns.replicationFactor()).putInt(ns.rackId());
            long[] v = ns.versions();
            int i = 0;
            while (i < v.length) {
                int run = 1;
                while (i + run < v.length && v[i + run] == v[i]) {
                    run++;
                }
                b.putShort((short) run).putLong(v[i]);
                i += run;
            }
            byte[] sc = scBytes.get(e.getKey());
            b.putInt(sc == null ? -1 : sc.length);
            if (sc != null) {
                b.put(sc);
            }
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private int size() {
        int n = 2 + 16 + 4 + utf8(fabricHost).length + 8 + 4 + 4;
        for (String h : serviceHosts) {
            n += 4 + utf8(h).length;
        }
        for (String name : namespaces.keySet()) {
            // Worst case: every version differs from the one before.
            n += 4 + utf8(name).length + 8 + PartitionBalance.PARTITIONS * 10 + 4;
        }
        return n;
    }

    /** Decodes a message; IllegalArgumentException names what is wrong. */
    public static ExchangeMessage decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if ((b.getShort() & 0xFFFF) != MAGIC) {
                throw new IllegalArgumentException("not an exchange message");
            }
            long key = b.getLong();
            long node = b.getLong();
            String fabricHost = getString(b);
            int fabricPort = b.getInt();
            int hosts = b.getInt();
            List<String> serviceHosts = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                serviceHosts.add(getString(b));
            }
            int servicePort = b.getInt();
            int count = b.getInt();
            Map<String, NamespaceState> namespaces = new LinkedHashMap<>();
            for (int n = 0; n < count; n++) {
                String name = getString(b);
                int rf = b.getInt();
                int rack = b.getInt();
                long[] v = new long[PartitionBalance.PARTITIONS];
                int i = 0;
                while (i < v.length) {
                    int run = b.getShort() & 0xFFFF;
                    long value = b.getLong();
                    if (run == 0 || i + run > v.length) {
                        throw new IllegalArgumentException("bad version run of " + run + " at partition " + i);
                    }
                    java.util.Arrays.fill(v, i, i + run, value);
                    i += run;
                }
                int scLength = b.getInt();
                ScState sc = null;
                if (scLength >= 0) {
                    if (scLength > b.remaining()) {
                        throw new IllegalArgumentException("strong-consistency state of " + scLength + " bytes");
                    }
                    sc = ScState.decode(b.slice(b.position(), scLength));
                    b.position(b.position() + scLength);
                }
                namespaces.put(name, new NamespaceState(rf, rack, v, sc));
            }
            return new ExchangeMessage(key, node, fabricHost, fabricPort, serviceHosts, servicePort, namespaces);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("exchange message cut short", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] u = utf8(s);
        b.putInt(u.length).put(u);
    }

    private static String getString(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("string of " + len + " bytes");
        }
        byte[] u = new byte[len];
        b.get(u);
        return new String(u, StandardCharsets.UTF_8);
    }
}
