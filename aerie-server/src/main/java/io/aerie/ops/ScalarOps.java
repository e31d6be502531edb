package io.aerie.ops;

import io.aerie.protocol.Bytes;
import io.aerie.protocol.ParticleType;
import io.aerie.protocol.ResultCode;

/**
 * The scalar bin operations: add, append and prepend. Each returns a result code and leaves the
 * bin untouched on failure.
 */
public final class ScalarOps {
    private ScalarOps() {}

    /**
     * Adds an INTEGER or DOUBLE operand to a bin, creating it if missing. Integers wrap on overflow,
     * as Aerospike's do.
     */
    public static int add(BinList bins, byte[] nbuf, int noff, int nlen, int opType, byte[] vbuf, int voff, int vlen) {
        if (opType == ParticleType.INTEGER) {
            if (vlen < 1 || vlen > 8) {
                return ResultCode.PARAMETER_ERROR;
            }
            long operand = Bytes.getIntegerParticle(vbuf, voff, vlen);
            Bin b = bins.find(nbuf, noff, nlen);
            if (b == null) {
                bins.put(nbuf, noff, nlen, ParticleType.INTEGER, longBytes(operand), 0, 8);
                return ResultCode.OK;
            }
            if (b.type != ParticleType.INTEGER) {
                return ResultCode.BIN_TYPE_ERROR;
            }
            long current = Bytes.getIntegerParticle(b.valueBuf, b.valueOff, b.valueLen);
            b.setValue(ParticleType.INTEGER, longBytes(current + operand));
            return ResultCode.OK;
        }
        if (opType == ParticleType.DOUBLE) {
            if (vlen != 8) {
                return ResultCode.PARAMETER_ERROR;
            }
            double operand = Double.longBitsToDouble(Bytes.getLong(vbuf, voff));
            Bin b = bins.find(nbuf, noff, nlen);
            if (b == null) {
                bins.put(nbuf, noff, nlen, ParticleType.DOUBLE, vbuf, voff, 8);
                return ResultCode.OK;
            }
            if (b.type != ParticleType.DOUBLE) {
                return ResultCode.BIN_TYPE_ERROR;
            }
            double current = Double.longBitsToDouble(Bytes.getLong(b.valueBuf, b.valueOff));
            b.setValue(ParticleType.DOUBLE, longBytes(Double.doubleToRawLongBits(current + operand)));
            return ResultCode.OK;
        }
        return ResultCode.PARAMETER_ERROR;
    }

    /** Appends ({@code prepend == false}) or prepends a STRING or BLOB operand of the same type. */
    public static int concat(
            BinList bins,
            byte[] nbuf,
            int noff,
            int nlen,
            int opType,
            byte[] vbuf,
            int voff,
            int vlen,
            boolean prepend) {
        if (opType != ParticleType.STRING && opType != ParticleType.BLOB) {
            return ResultCode.PARAMETER_ERROR;
        }
        Bin b = bins.find(nbuf, noff, nlen);
        if (b == null) {
            bins.put(nbuf, noff, nlen, opType, vbuf, voff, vlen);
            return ResultCode.OK;
        }
        if (b.type != opType) {
            return ResultCode.BIN_TYPE_ERROR;
        }
        byte[] joined = new byte[b.valueLen + vlen];
        if (prepend) {
            System.arraycopy(vbuf, voff, joined, 0, vlen);
            System.arraycopy(b.valueBuf, b.valueOff, joined, vlen, b.valueLen);
        } else {
            System.arraycopy(b.valueBuf, b.valueOff, joined, 0, b.valueLen);
            System.arraycopy(vbuf, voff, joined, b.valueLen, vlen);
        }
        b.setValue(opType, joined);
        return ResultCode.OK;
    }

    private static byte[] longBytes(long v) {
        byte[] out = new byte[8];
        Bytes.putLong(out, 0, v);
        return out;
    }
}
