/** Namespaces: config, sets, bins, statistics, TTL and expiry (nsup), truncation. */
@NullMarked
package io.aerie.namespace;

import org.jspecify.annotations.NullMarked;
