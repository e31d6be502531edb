/** Per-partition record indexes and the in-memory storage engine. */
@NullMarked
package io.aerie.storage;

import org.jspecify.annotations.NullMarked;
