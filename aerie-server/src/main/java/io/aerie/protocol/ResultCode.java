package io.aerie.protocol;

/** Aerospike's one-byte result codes, as the server sends them. */
public final class ResultCode {
    public static final int OK = 0;
    public static final int SERVER_ERROR = 1;
    public static final int KEY_NOT_FOUND = 2;
    public static final int GENERATION_ERROR = 3;
    public static final int PARAMETER_ERROR = 4;
    public static final int KEY_EXISTS = 5;
    public static final int BIN_EXISTS = 6;
    public static final int CLUSTER_KEY_MISMATCH = 7;
    /** Stop-writes: the namespace is out of space. */
    public static final int OUT_OF_SPACE = 8;

    public static final int TIMEOUT = 9;
    public static final int ALWAYS_FORBIDDEN = 10;
    public static final int PARTITION_UNAVAILABLE = 11;
    public static final int BIN_TYPE_ERROR = 12;
    public static final int RECORD_TOO_BIG = 13;
    public static final int KEY_BUSY = 14;
    public static final int SCAN_ABORT = 15;
    public static final int UNSUPPORTED_FEATURE = 16;
    public static final int BIN_NOT_FOUND = 17;
    public static final int DEVICE_OVERLOAD = 18;
    public static final int KEY_MISMATCH = 19;
    public static final int INVALID_NAMESPACE = 20;
    public static final int BIN_NAME_TOO_LONG = 21;
    public static final int FAIL_FORBIDDEN = 22;
    public static final int ELEMENT_NOT_FOUND = 23;
    public static final int ELEMENT_EXISTS = 24;
    public static final int ENTERPRISE_ONLY = 25;
    public static final int OP_NOT_APPLICABLE = 26;
    public static final int FILTERED_OUT = 27;
    public static final int SECURITY_NOT_ENABLED = 52;
    public static final int BATCH_MAX_REQUESTS_EXCEEDED = 151;

    private ResultCode() {}
}
