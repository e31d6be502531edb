package io.aerie.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The proto frame decoder cuts any split of a stream into the same frames, and refuses bad headers. */
class FrameDecoderPropertiesTest {
    @Property(tries = 300)
    void anySplitOfAStreamYieldsTheSameFrames(
            @ForAll @Size(min = 1, max = 8) List<@Size(max = 300) byte[]> bodies,
            @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 64) Integer> chunkSizes) {
        List<byte[]> frames = new ArrayList<>();
        int total = 0;
        for (byte[] body : bodies) {
            byte[] f = RawConnection.frame(2, 3, body);
            frames.add(f);
            total += f.length;
        }
        byte[] stream = new byte[total];
        int pos = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, stream, pos, f.length);
            pos += f.length;
        }
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameDecoder(1 << 20));
        int sent = 0;
        int c = 0;
        while (sent < stream.length) {
            int n = chunkSizes.isEmpty()
                    ? stream.length
                    : Math.min(chunkSizes.get(c++ % chunkSizes.size()), stream.length - sent);
            ch.writeInbound(Unpooled.wrappedBuffer(stream, sent, n));
            sent += n;
        }
        for (byte[] body : bodies) {
            Frame f = ch.readInbound();
            assertThat(f.type()).isEqualTo(3);
            assertThat(f.body()).isEqualTo(body);
        }
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Property(tries = 100)
    void badVersionsTypesAndSizesAreRefusedWithoutAFrame(
            @ForAll @IntRange(min = 0, max = 255) int version, @ForAll @IntRange(min = 0, max = 255) int type) {
        boolean valid = version == 2 && type >= 1 && type <= 4;
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameDecoder(1 << 20));
        byte[] f = RawConnection.frame(version, type, new byte[] {1, 2, 3});
        if (valid) {
            ch.writeInbound(Unpooled.wrappedBuffer(f));
            assertThat(((Frame) ch.readInbound()).body()).containsExactly(1, 2, 3);
        } else {
            assertThatThrownBy(() -> {
                        ch.writeInbound(Unpooled.wrappedBuffer(f));
                        ch.checkException();
                    })
                    .isInstanceOf(DecoderException.class);
            assertThat((Object) ch.readInbound()).isNull();
            return;
        }
        ch.finishAndReleaseAll();
    }

    @Property(tries = 20)
    void oversizeBodiesAreRefusedFromTheHeaderAlone(@ForAll @IntRange(min = 1, max = 1000) int over) {
        EmbeddedChannel ch = new EmbeddedChannel(new ProtoFrameDecoder(1 << 20));
        byte[] header = java.nio.ByteBuffer.allocate(8)
                .putLong((2L << 56) | (3L << 48) | ((1 << 20) + over))
                .array();
        assertThatThrownBy(() -> {
                    ch.writeInbound(Unpooled.wrappedBuffer(header));
                    ch.checkException();
                })
                .isInstanceOf(DecoderException.class);
        assertThat(ch.inboundMessages()).isEmpty();
    }
}
