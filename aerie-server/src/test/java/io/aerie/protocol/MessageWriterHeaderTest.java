package io.aerie.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The reply header, written with wide stores, has every byte where the AS_MSG layout puts it. */
class MessageWriterHeaderTest {
    @Property(tries = 1000)
    void headerBytesFollowTheLayout(
            @ForAll @IntRange(min = 0, max = 255) int info3,
            @ForAll @IntRange(min = 0, max = 255) int resultCode,
            @ForAll int generation,
            @ForAll int voidTime,
            @ForAll int transactionTtl,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int nFields,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int nOps,
            @ForAll @IntRange(min = 0, max = 40) int before) {
        ByteBuf out = Unpooled.buffer(4);
        out.writeZero(before);
        MessageWriter.writeHeader(out, info3, resultCode, generation, voidTime, transactionTtl, nFields, nOps);
        assertThat(out.writerIndex()).isEqualTo(before + 22);
        byte[] b = new byte[22];
        out.getBytes(before, b);
        assertThat(b[0]).isEqualTo((byte) 22);
        assertThat(b[1]).isZero();
        assertThat(b[2]).isZero();
        assertThat(b[3] & 0xFF).isEqualTo(info3);
        assertThat(b[4]).isZero();
        assertThat(b[5] & 0xFF).isEqualTo(resultCode);
        assertThat(Bytes.getInt(b, 6)).isEqualTo(generation);
        assertThat(Bytes.getInt(b, 10)).isEqualTo(voidTime);
        assertThat(Bytes.getInt(b, 14)).isEqualTo(transactionTtl);
        assertThat(Bytes.getUShort(b, 18)).isEqualTo(nFields);
        assertThat(Bytes.getUShort(b, 20)).isEqualTo(nOps);
    }
}
