package io.aerie.storage.device;

/**
 * A storage file has no free write block for an append. Client writes are refused before it comes
 * to this (stop-writes-avail-pct); the transaction that meets it answers out of space and leaves
 * the record as it was.
 */
public final class DeviceFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeviceFullException(String message) {
        super(message);
    }
}
