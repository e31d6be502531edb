/** Integration tests: real nodes driven through the official Aerospike Java client. */
@NullMarked
package io.aerie.it;

import org.jspecify.annotations.NullMarked;
