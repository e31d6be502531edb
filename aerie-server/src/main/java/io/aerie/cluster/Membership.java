package io.aerie.cluster;

import java.util.function.Consumer;

/** Who is in the cluster now: a view that changes as nodes join, leave, split and merge. */
public interface Membership extends AutoCloseable {
    /** Joins the cluster; views start arriving. */
    void start();

    /** The view now in force. */
    ClusterView view();

    /** Calls {@code listener} with every new view, in order. */
    void onViewChange(Consumer<ClusterView> listener);

    /** Leaves the cluster. */
    @Override
    void close();
}
