/**
 * {@code bin/aerie-info}: sends raw info commands to a node, as {@code asinfo} does, and with
 * {@code --cluster} surveys every node of its cluster (partition ownership, migrations, stability).
 * {@link io.aerie.tools.info.InfoParser} reads the answers without I/O; {@link
 * io.aerie.tools.info.ClusterSurvey} asks the nodes; {@link io.aerie.tools.info.ClusterTable}
 * prints what it found.
 */
@NullMarked
package io.aerie.tools.info;

import org.jspecify.annotations.NullMarked;
