package io.aerie.storage;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A partition's index from digest to record. Writers hold the partition lock; {@link #get} and
 * {@link #snapshot} take none. Two kinds: {@link RecordIndex} holds the record arrays themselves
 * (memory namespaces), {@link StubIndex} holds each record's metadata and storage address off the
 * heap (the device engine) and hands out stubs.
 */
interface PartitionIndex {
    /** The record (or stub) stored under a digest, or null; lock-free. */
    byte @Nullable [] get(long hi, long mid, int lo);

    /** Stores a record (or stub) under its digest; returns what it replaced. Caller holds the lock. */
    byte @Nullable [] put(byte[] record);

    /** Removes the entry under a digest; returns it. Caller holds the lock. */
    byte @Nullable [] remove(long hi, long mid, int lo);

    /** Entries stored. */
    int size();

    /** Every entry now stored, in table order; lock-free. */
    List<byte[]> snapshot();
}
