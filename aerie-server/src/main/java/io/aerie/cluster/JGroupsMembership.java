package io.aerie.cluster;

import io.aerie.config.HeartbeatConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership through JGroups over TCP, configured from the heartbeat stanza: the node listens on
 * the heartbeat port, finds the others through the {@code mesh-seed-address-port} seeds (a seed
 * may be the node itself), suspects a member after {@code interval} × {@code timeout} without a
 * heartbeat, and merges views again when a split heals. Each member's JGroups address carries its
 * node id, so every member maps a view to the same node ids.
 */
public final class JGroupsMembership extends ListeningMembership {
    private static final Logger LOG = LoggerFactory.getLogger(JGroupsMembership.class);

    private final long nodeId;
    private final HeartbeatConfig heartbeat;
    private final String clusterName;
    private final long incarnation;
    private volatile @Nullable JChannel channel;
    /** Every member address seen, by node id: what fault injection needs to drop a node's traffic. */
    private final java.util.Map<Long, Address> addresses = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile @Nullable DISCARD discard;

    /**
     * Membership of node {@code nodeId} in cluster {@code clusterName}; {@code incarnation} tells this
     * start of the node from earlier ones (random per process start). Nothing happens before {@link #start()}.
     */
    public JGroupsMembership(long nodeId, HeartbeatConfig heartbeat, String clusterName, long incarnation) {
        super(nodeId);
        this.nodeId = nodeId;
        this.heartbeat = heartbeat;
        this.clusterName = clusterName.isEmpty() ? "aerie" : clusterName;
        this.incarnation = incarnation;
    }

    @Override
    public void start() {
        try {
            InetAddress bind = InetAddress.getByName(heartbeat.address() == null ? "127.0.0.1" : heartbeat.address());
            long suspectAfter = (long) heartbeat.intervalMs() * heartbeat.timeout();
            JChannel ch = new JChannel(
                    new TCP().setBindAddress(bind).setBindPort(heartbeat.port()).setPortRange(0),
                    new TCPPING().setInitialHosts(seeds(bind)).setPortRange(0),
                    new MERGE3()
                            .setMinInterval(Math.max(500, suspectAfter / 2))
                            .setMaxInterval(Math.max(1000, suspectAfter)),
                    new FD_SOCK2(),
                    new FD_ALL3().setTimeout(suspectAfter).setInterval(heartbeat.intervalMs()),
                    new VERIFY_SUSPECT2(),
                    new NAKACK2(),
                    new UNICAST3(),
                    new STABLE(),
                    new GMS().setJoinTimeout(Math.max(500, suspectAfter)).printLocalAddress(false));
            // The address carries the node id, so a view names its members by node id on every member;
            // the low half tells this start of the node from an earlier one, which peers may still remember.
            ch.addAddressGenerator(() -> new UUID(nodeId, incarnation));
            ch.setReceiver(new Receiver() {
                @Override
                public void viewAccepted(View v) {
                    accept(v);
                }

                @Override
                public void receive(Message msg) {
                    if (msg.getSrc() instanceof UUID u) {
                        byte[] payload = msg.getArray();
                        byte[] copy = java.util.Arrays.copyOfRange(
                                payload, msg.getOffset(), msg.getOffset() + msg.getLength());
                        deliver(u.getMostSignificantBits(), copy);
                    }
                }
            });
            channel = ch;
            ch.connect(clusterName);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot join the cluster on heartbeat port " + heartbeat.port() + ": " + e.getMessage(), e);
        }
    }

    private List<InetSocketAddress> seeds(InetAddress bind) throws UnknownHostException {
        List<InetSocketAddress> out = new ArrayList<>();
        out.add(new InetSocketAddress(bind, heartbeat.port()));
        for (String seed : heartbeat.meshSeeds()) {
            int colon = seed.lastIndexOf(':');
            String host = seed.substring(0, colon).replace("[", "").replace("]", "");
            out.add(new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(seed.substring(colon + 1))));
        }
        return out;
    }

    private void accept(View v) {
        List<Long> ids = new ArrayList<>();
        for (Address a : v.getMembers()) {
            if (a instanceof UUID u) {
                addresses.put(u.getMostSignificantBits(), a);
                ids.add(u.getMostSignificantBits());
            }
        }
        ids.sort((a, b) -> Long.compareUnsigned(b, a));
        // Every member sees the same view id (creator and number): hash it into the 48-bit key. The
        // creator's incarnation (random per process start) keeps keys from repeating across restarts.
        UUID creator = (UUID) v.getViewId().getCreator();
        long key = mix(mix(v.getViewId().getId() * 31 + creator.getMostSignificantBits())
                        ^ creator.getLeastSignificantBits())
                & 0xFFFF_FFFF_FFFFL;
        ClusterView next = new ClusterView(key == 0 ? 1 : key, ids, ids.get(0));
        LOG.info(
                "cluster view {}: {} nodes, cluster key {}, principal {}",
                v.getViewId().getId(),
                ids.size(),
                Long.toHexString(next.clusterKey()),
                Long.toHexString(next.principal()));
        install(next);
    }

    /** A 64-bit finaliser (splitmix64): spreads the view id's bits over the key. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public void broadcast(byte[] payload) {
        JChannel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("membership not started");
        }
        try {
            ch.send(new BytesMessage(null, payload));
        } catch (Exception e) {
            LOG.warn("broadcast of {} bytes failed: {}", payload.length, e.toString());
        }
    }

    @Override
    public synchronized void isolate(java.util.Set<Long> nodes) {
        JChannel ch = channel;
        if (ch == null) {
            return;
        }
        DISCARD d = discard;
        if (d == null) {
            d = new DISCARD();
            try {
                ch.getProtocolStack().insertProtocol(d, org.jgroups.stack.ProtocolStack.Position.ABOVE, TCP.class);
            } catch (Exception e) {
                throw new IllegalStateException("cannot insert the fault-injection layer", e);
            }
            discard = d;
        }
        d.resetIgnoredMembers();
        for (long n : nodes) {
            Address a = addresses.get(n);
            if (a != null) {
                d.addIgnoreMember(a);
            }
        }
        LOG.warn(
                "fault injection: dropping heartbeat traffic of nodes {}",
                nodes.stream().map(Long::toHexString).toList());
    }

    @Override
    public void close() {
        JChannel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
