package io.aerie.util;

/** The node's source of wall-clock time; injected so tests can move time by hand. */
@FunctionalInterface
public interface Clock {
    /** The system clock. */
    Clock SYSTEM = System::currentTimeMillis;

    /** Milliseconds since 1970-01-01T00:00:00Z. */
    long currentTimeMillis();
}
