/** Pure codecs of Aerospike's wire protocol: proto header, AS_MSG, fields, ops, particles, info text. No I/O. */
@NullMarked
package io.aerie.protocol;

import org.jspecify.annotations.NullMarked;
