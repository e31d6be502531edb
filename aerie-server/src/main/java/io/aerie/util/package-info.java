/** Small shared pieces: the injected clock and Aerospike's time bases. */
@NullMarked
package io.aerie.util;

import org.jspecify.annotations.NullMarked;
