/** A JUnit 5 extension that runs an embedded Aerie node for application tests. */
@NullMarked
package io.aerie.junit;

import org.jspecify.annotations.NullMarked;
