/**
 * JMH benchmarks of the request path without the network. Run with {@code bench/jmh.sh [regex]}.
 */
@NullMarked
package io.aerie.bench;

import org.jspecify.annotations.NullMarked;
