package io.aerie.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A fabric message reads back as written; any other bytes are refused with a message, never worse. */
class FabricMessageTest {
    @Property(tries = 300)
    void roundTrips(
            @ForAll @IntRange(min = 0, max = 0xFFFF) int type,
            @ForAll long key,
            @ForAll long source,
            @ForAll @Size(max = 300) byte[] payload) {
        ByteBuf buf = Unpooled.buffer();
        new FabricMessage(type, key, source, payload).encode(buf);
        FabricMessage back = FabricMessage.decode(buf);
        assertThat(back.type()).isEqualTo(type);
        assertThat(back.clusterKey()).isEqualTo(key);
        assertThat(back.source()).isEqualTo(source);
        assertThat(back.payload()).isEqualTo(payload);
    }

    @Property(tries = 300)
    void arbitraryBytesAreRefusedOrRead(@ForAll @Size(max = 64) byte[] junk) {
        try {
            FabricMessage m = FabricMessage.decode(Unpooled.wrappedBuffer(junk));
            assertThat(junk.length).isGreaterThanOrEqualTo(FabricMessage.HEADER);
            assertThat(m.payload()).hasSize(junk.length - FabricMessage.HEADER);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("fabric frame");
        }
    }
}
