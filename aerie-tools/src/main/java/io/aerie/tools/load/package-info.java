/** The load tool: drives a node through the official client and reports throughput and latency. */
@NullMarked
package io.aerie.tools.load;

import org.jspecify.annotations.NullMarked;
