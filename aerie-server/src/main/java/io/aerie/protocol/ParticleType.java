package io.aerie.protocol;

/** Particle (value) types of bins, keys and op values. */
public final class ParticleType {
    public static final int NULL = 0;
    public static final int INTEGER = 1;
    public static final int DOUBLE = 2;
    public static final int STRING = 3;
    public static final int BLOB = 4;
    /** Legacy Java-serialized blob. */
    public static final int JBLOB = 7;

    public static final int BOOL = 17;
    public static final int HLL = 18;
    public static final int MAP = 19;
    public static final int LIST = 20;
    public static final int GEOJSON = 23;

    private ParticleType() {}

    /** Whether a bin may hold a value of this type (NULL only ever means "delete the bin"). */
    public static boolean isStorable(int type) {
        return switch (type) {
            case INTEGER, DOUBLE, STRING, BLOB, JBLOB, BOOL, HLL, MAP, LIST, GEOJSON -> true;
            // Language-specific blobs of other clients are kept as opaque bytes, as Aerospike does.
            case 8, 9, 10, 11, 12 -> true;
            default -> false;
        };
    }
}
