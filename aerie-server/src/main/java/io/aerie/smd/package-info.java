/**
 * System metadata kept on disk: what a node must remember across restarts to rejoin its cluster
 * safely, such as each strong-consistency namespace's rosters and regimes.
 */
@NullMarked
package io.aerie.smd;

import org.jspecify.annotations.NullMarked;
