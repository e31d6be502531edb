package io.aerie.protocol;

/** Operation codes inside an AS_MSG. */
public final class OpType {
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int CDT_READ = 3;
    public static final int CDT_MODIFY = 4;
    public static final int INCR = 5;
    public static final int EXP_READ = 7;
    public static final int EXP_MODIFY = 8;
    public static final int APPEND = 9;
    public static final int PREPEND = 10;
    public static final int TOUCH = 11;
    public static final int BIT_READ = 12;
    public static final int BIT_MODIFY = 13;
    public static final int DELETE = 14;
    public static final int HLL_READ = 15;
    public static final int HLL_MODIFY = 16;

    private OpType() {}

    /** Whether the op changes the record. */
    public static boolean isWrite(int op) {
        return switch (op) {
            case WRITE, CDT_MODIFY, INCR, EXP_MODIFY, APPEND, PREPEND, TOUCH, BIT_MODIFY, DELETE, HLL_MODIFY -> true;
            default -> false;
        };
    }
}
