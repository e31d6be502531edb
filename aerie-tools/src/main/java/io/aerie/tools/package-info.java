/** What the command-line tools share. */
@NullMarked
package io.aerie.tools;

import org.jspecify.annotations.NullMarked;
