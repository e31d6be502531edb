/** Info protocol: one small handler per command name, registered in an InfoRegistry. */
@NullMarked
package io.aerie.info;

import org.jspecify.annotations.NullMarked;
