package io.aerie.tools.harness.check;

/** What an operation does to its key. */
public enum OpKind {
    /** Observes the key: a register value, a counter total or a set's elements. */
    READ,
    /** Blindly replaces a register's value; without a value, deletes the record. */
    WRITE,
    /** Replaces a register's value only if it holds the expected one. */
    CAS,
    /** Adds a non-negative increment to a counter. */
    ADD,
    /** Adds a unique element to a set. */
    APPEND
}
