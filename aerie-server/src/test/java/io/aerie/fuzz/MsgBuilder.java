package io.aerie.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Encodes AS_MSG bodies and proto frames for tests, independently of the server's writer. */
final class MsgBuilder {
    record Field(int type, byte[] data) {}

    record Op(int opType, int particle, byte[] name, byte[] value) {}

    int info1;
    int info2;
    int info3;
    int generation;
    int ttl;
    int txnTtl;
    final List<Field> fields = new ArrayList<>();
    final List<Op> ops = new ArrayList<>();

    MsgBuilder field(int type, byte[] data) {
        fields.add(new Field(type, data));
        return this;
    }

    MsgBuilder op(int opType, int particle, byte[] name, byte[] value) {
        ops.add(new Op(opType, particle, name, value));
        return this;
    }

    byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(22);
        h.put((byte) 22)
                .put((byte) info1)
                .put((byte) info2)
                .put((byte) info3)
                .put((byte) 0)
                .put((byte) 0);
        h.putInt(generation)
                .putInt(ttl)
                .putInt(txnTtl)
                .putShort((short) fields.size())
                .putShort((short) ops.size());
        out.writeBytes(h.array());
        for (Field f : fields) {
            out.writeBytes(ByteBuffer.allocate(5)
                    .putInt(f.data().length + 1)
                    .put((byte) f.type())
                    .array());
            out.writeBytes(f.data());
        }
        for (Op o : ops) {
            ByteBuffer oh = ByteBuffer.allocate(8);
            oh.putInt(4 + o.name().length + o.value().length)
                    .put((byte) o.opType())
                    .put((byte) o.particle())
                    .put((byte) 0);
            oh.put((byte) o.name().length);
            out.writeBytes(oh.array());
            out.writeBytes(o.name());
            out.writeBytes(o.value());
        }
        return out.toByteArray();
    }

    static byte[] frame(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.putLong((2L << 56) | ((long) type << 48) | body.length);
        b.put(body);
        return b.array();
    }
}
