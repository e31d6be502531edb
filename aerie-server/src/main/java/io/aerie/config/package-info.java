/** aerospike.conf parsing and the typed, immutable node configuration. */
@NullMarked
package io.aerie.config;

import org.jspecify.annotations.NullMarked;
