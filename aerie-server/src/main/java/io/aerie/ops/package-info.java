/** Data operations: pure functions on bins and values (scalar ops now; CDT, bit, HLL later). */
@NullMarked
package io.aerie.ops;

import org.jspecify.annotations.NullMarked;
