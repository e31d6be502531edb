package io.aerie.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What every membership shares: the view in force, and the listeners its views and broadcasts go
 * to. Subclasses decide where views and messages come from.
 */
public abstract class ListeningMembership implements Membership {
    private final List<Consumer<ClusterView>> viewListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Long, byte[]>> messageListeners = new CopyOnWriteArrayList<>();
    private volatile ClusterView view;

    /** Before the first view: node {@code nodeId} alone, under no cluster key. */
    protected ListeningMembership(long nodeId) {
        this.view = new ClusterView(0, List.of(nodeId), nodeId);
    }

    /** Puts {@code next} in force and hands it to the listeners, in order. */
    protected final void install(ClusterView next) {
        view = next;
        for (Consumer<ClusterView> l : viewListeners) {
            l.accept(next);
        }
    }

    /** Hands a broadcast from node {@code source} to the listeners. */
    protected final void deliver(long source, byte[] payload) {
        for (BiConsumer<Long, byte[]> l : messageListeners) {
            l.accept(source, payload);
        }
    }

    @Override
    public final ClusterView view() {
        return view;
    }

    @Override
    public final void onViewChange(Consumer<ClusterView> listener) {
        viewListeners.add(listener);
    }

    @Override
    public final void onMessage(BiConsumer<Long, byte[]> listener) {
        messageListeners.add(listener);
    }
}
