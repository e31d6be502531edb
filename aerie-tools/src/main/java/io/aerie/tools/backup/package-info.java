/**
 * Backup and restore: {@code bin/aerie-backup} writes a consistent point-in-time snapshot of a
 * namespace or set to a file in Aerospike's text backup format; {@code bin/aerie-restore} reads such
 * a file (Aerie's or {@code asbackup}'s) back through the official client with {@code asrestore}'s
 * write policies.
 */
@NullMarked
package io.aerie.tools.backup;

import org.jspecify.annotations.NullMarked;
