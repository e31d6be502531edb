/** Property and fuzz tests: malformed input never crashes the node, hangs a connection or changes records. */
@NullMarked
package io.aerie.fuzz;

import org.jspecify.annotations.NullMarked;
