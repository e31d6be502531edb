/**
 * Aerospike's text backup format ({@code .asb}, "Version 3.1"): a pure writer that turns stored
 * records into its lines and a reader that parses them back, shared by the node (which serves
 * snapshots in it) and the backup and restore tools.
 */
@NullMarked
package io.aerie.backup;

import org.jspecify.annotations.NullMarked;
