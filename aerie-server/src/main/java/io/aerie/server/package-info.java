/** Wiring and lifecycle of a node: builds the subsystems from config, starts and stops them. */
@NullMarked
package io.aerie.server;

import org.jspecify.annotations.NullMarked;
