/**
 * The fault harness's runner ({@code bin/aerie-harness}): starts a strong-consistency cluster of node processes,
 * drives register, counter and set workloads through the official client while a nemesis partitions, kills, pauses
 * and skews nodes on a seeded schedule, records every operation, and hands the histories to the checkers of {@link
 * io.aerie.tools.harness.check}.
 */
@NullMarked
package io.aerie.tools.harness;

import org.jspecify.annotations.NullMarked;
