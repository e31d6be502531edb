package io.aerie.config;

import org.jspecify.annotations.Nullable;

/**
 * Value ranges shared by the parser (which reports file and line) and the records' own checks (which guard
 * programmatic construction). Ranges follow Aerospike's unless a comment says otherwise.
 */
final class Limits {
    static final long KIB = 1024L;
    static final long MIB = 1024L * KIB;
    static final long GIB = 1024L * MIB;
    static final long TIB = 1024L * GIB;

    static final int MAX_PORT = 65_535;
    static final int MIN_REPLICATION_FACTOR = 1;
    static final int MAX_REPLICATION_FACTOR = 256;
    static final int MAX_NAMESPACE_NAME_LENGTH = 31;
    /** Aerospike Enterprise's limit; Community allows 2. */
    static final int MAX_NAMESPACES = 32;

    static final int MAX_CLUSTER_NAME_LENGTH = 63;
    /** Ten years, Aerospike's largest TTL. */
    static final long MAX_TTL_SECONDS = 10L * 365 * 24 * 3600;

    static final long MIN_MAX_RECORD_SIZE = 64;
    static final long MAX_MAX_RECORD_SIZE = 8 * MIB;
    static final int MIN_PROTO_FD_MAX = 1024;
    static final int MAX_SERVICE_THREADS = 4096;
    static final int MIN_HEARTBEAT_INTERVAL_MS = 50;
    static final int MAX_HEARTBEAT_INTERVAL_MS = 600_000;
    static final int MIN_HEARTBEAT_TIMEOUT = 3;
    /** Aerospike requires 512 MiB; Aerie allocates lazily and accepts smaller namespaces for tests. */
    static final long MIN_DATA_SIZE = MIB;

    static final long MAX_DATA_SIZE = 256 * TIB;
    /** Aerospike requires 128 MiB; Aerie accepts smaller files for tests. */
    static final long MIN_FILE_SIZE = MIB;

    static final long MAX_FILE_SIZE = 2 * TIB;
    static final long MIN_FLUSH_SIZE = 4 * KIB;
    static final long MAX_FLUSH_SIZE = 8 * MIB;
    static final long MIN_WRITE_BLOCK_SIZE = KIB;
    static final long MAX_WRITE_BLOCK_SIZE = 8 * MIB;
    static final long MIN_MAX_WRITE_CACHE = 64 * MIB;

    private Limits() {}

    static int checkRange(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    static long checkRange(String parameter, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    static int checkPercent(String parameter, int value) {
        return checkRange(parameter, value, 0, 100);
    }

    static int checkPort(String parameter, int value) {
        return checkRange(parameter, value, 0, MAX_PORT);
    }

    static boolean isPowerOfTwo(long value) {
        return value > 0 && (value & (value - 1)) == 0;
    }

    /** Why {@code name} is not a valid namespace name, or null if it is. */
    static @Nullable String namespaceNameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_NAMESPACE_NAME_LENGTH) {
            return "namespace name must be 1 to " + MAX_NAMESPACE_NAME_LENGTH + " characters long";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == ';' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "namespace name must not contain ':', ';', whitespace or control characters";
            }
        }
        return null;
    }
}
