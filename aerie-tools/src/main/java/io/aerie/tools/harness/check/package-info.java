/**
 * Pure history checkers for the fault harness: operations recorded as invoked and completed are checked for
 * linearizability (registers), bounded counts (counters) and durable membership (sets), with no I/O.
 */
@NullMarked
package io.aerie.tools.harness.check;

import org.jspecify.annotations.NullMarked;
