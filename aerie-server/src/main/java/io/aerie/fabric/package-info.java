/**
 * Node-to-node messaging ({@code network { fabric { port } }}): framed, typed messages that carry
 * the sender's node id and the cluster key of the view they belong to, over one outbound Netty
 * channel per peer that reconnects by itself. Replication, migration, proxy and metadata messages
 * (issue 4) ride on it.
 */
@NullMarked
package io.aerie.fabric;

import org.jspecify.annotations.NullMarked;
