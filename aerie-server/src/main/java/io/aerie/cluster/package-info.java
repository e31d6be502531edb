/**
 * The cluster: membership view, partition balance, exchange, migrations, replication. So far the
 * partition balance, a pure function from the cluster's nodes to each partition's node order.
 * Nothing here reads the wall clock or starts threads: time, randomness and network are injected.
 */
@NullMarked
package io.aerie.cluster;

import org.jspecify.annotations.NullMarked;
