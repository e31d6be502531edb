/** Benchmark fixtures: reference nodes to measure Aerie against. */
@NullMarked
package io.aerie.tools.bench;

import org.jspecify.annotations.NullMarked;
