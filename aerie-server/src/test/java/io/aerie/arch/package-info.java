/** Architecture rules of the package map, checked with ArchUnit. */
@NullMarked
package io.aerie.arch;

import org.jspecify.annotations.NullMarked;
