/**
 * Reading Aerospike's {@code aerospike.conf} format into typed, immutable configuration.
 *
 * <p>{@link io.aerie.config.ConfigParser} turns a file into a {@link io.aerie.config.NodeConfig}; every
 * problem is reported as a {@link io.aerie.config.ConfigException} naming the file, line and parameter.
 * Parameter names and defaults follow Aerospike's; {@code docs/configuration.md} lists the supported subset.
 */
@NullMarked
package io.aerie.config;

import org.jspecify.annotations.NullMarked;
