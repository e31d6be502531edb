package io.aerie.protocol;

/** The info1..info4 attribute bits of an AS_MSG header. */
public final class MsgFlags {
    public static final int INFO1_READ = 1;
    public static final int INFO1_GET_ALL = 1 << 1;
    public static final int INFO1_SHORT_QUERY = 1 << 2;
    public static final int INFO1_BATCH = 1 << 3;
    public static final int INFO1_XDR = 1 << 4;
    public static final int INFO1_NOBINDATA = 1 << 5;
    public static final int INFO1_READ_MODE_AP_ALL = 1 << 6;
    public static final int INFO1_COMPRESS_RESPONSE = 1 << 7;

    public static final int INFO2_WRITE = 1;
    public static final int INFO2_DELETE = 1 << 1;
    public static final int INFO2_GENERATION = 1 << 2;
    public static final int INFO2_GENERATION_GT = 1 << 3;
    public static final int INFO2_DURABLE_DELETE = 1 << 4;
    public static final int INFO2_CREATE_ONLY = 1 << 5;
    public static final int INFO2_RELAX_AP_LONG_QUERY = 1 << 6;
    public static final int INFO2_RESPOND_ALL_OPS = 1 << 7;

    public static final int INFO3_LAST = 1;
    public static final int INFO3_COMMIT_MASTER = 1 << 1;
    public static final int INFO3_PARTITION_DONE = 1 << 2;
    public static final int INFO3_UPDATE_ONLY = 1 << 3;
    public static final int INFO3_CREATE_OR_REPLACE = 1 << 4;
    public static final int INFO3_REPLACE_ONLY = 1 << 5;
    public static final int INFO3_SC_READ_TYPE = 1 << 6;
    public static final int INFO3_SC_READ_RELAX = 1 << 7;

    private MsgFlags() {}
}
