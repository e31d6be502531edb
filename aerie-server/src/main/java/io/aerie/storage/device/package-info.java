/**
 * The device engine (Aerospike's hybrid-memory storage): records in large write blocks on files or
 * raw devices, index in memory. So far the on-device record codec, the block scan and the write
 * buffer; files, defragmentation and restart build on them.
 */
@NullMarked
package io.aerie.storage.device;

import org.jspecify.annotations.NullMarked;
