package io.aerie.protocol;

/** A request that cannot be decoded; carries the result code to answer with. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int resultCode;

    public ProtocolException(int resultCode, String message) {
        super(message, null, false, false);
        this.resultCode = resultCode;
    }

    /** The result code the client should get. */
    public int resultCode() {
        return resultCode;
    }
}
