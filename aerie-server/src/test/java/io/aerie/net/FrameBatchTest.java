package io.aerie.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.protocol.ProtoHeader;
import io.aerie.storage.device.CommitWait;
import io.aerie.txn.ScanSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Frames read in one pass of an event loop are answered at its end, in order, after one look ahead. */
class FrameBatchTest {
    /** Notes what it is asked, in order, and answers each frame with its body's first byte. */
    private static final class Recording implements RequestProcessor {
        final List<String> calls = new ArrayList<>();

        @Override
        public @Nullable Runnable process(int type, byte[] body, ByteBuf out, ScanSink sink, CommitWait commitWait) {
            calls.add("process " + body[0]);
            if (body[0] < 0) {
                throw new AssertionError("a broken invariant");
            }
            out.writeByte(body[0]);
            return null;
        }

        @Override
        public long prefetch(byte[][] messages, int count) {
            StringBuilder b = new StringBuilder("prefetch");
            for (int i = 0; i < count; i++) {
                b.append(' ').append(messages[i][0]);
            }
            calls.add(b.toString());
            return count;
        }
    }

    private final Recording processor = new Recording();
    private final ExecutorService scans = Executors.newSingleThreadExecutor();
    private final FastThreadLocal<FrameBatch> batches = new FastThreadLocal<>() {
        @Override
        protected FrameBatch initialValue() {
            return new FrameBatch(processor);
        }
    };

    @AfterEach
    void tearDown() {
        scans.shutdownNow();
        batches.remove();
    }

    private EmbeddedChannel connection() {
        return new EmbeddedChannel(new ClientHandler(processor, scans, batches));
    }

    private static List<Integer> replies(EmbeddedChannel ch) {
        List<Integer> bytes = new ArrayList<>();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            bytes.add((int) b.readByte());
            b.release();
        }
        return bytes;
    }

    @Test
    void framesOfSeveralConnectionsAreAnsweredTogetherAfterOneLookAhead() {
        EmbeddedChannel a = connection();
        EmbeddedChannel b = connection();
        a.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {1}));
        b.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_INFO, new byte[] {2}));
        a.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {3}));
        b.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {4}));
        assertThat(processor.calls)
                .as("nothing is answered while the pass reads")
                .isEmpty();

        // The pass is over when the loop runs its tasks; the batch was scheduled on the first frame's loop.
        a.runPendingTasks();

        assertThat(processor.calls)
                .containsExactly("prefetch 1 3 4", "process 1", "process 2", "process 3", "process 4");
        assertThat(replies(a)).containsExactly(1, 3);
        assertThat(replies(b)).containsExactly(2, 4);
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    @Test
    void aLoneFrameIsAnsweredWithoutALookAheadAndTheNextPassStartsAfresh() {
        EmbeddedChannel a = connection();
        a.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {5}));
        a.runPendingTasks();
        assertThat(processor.calls).containsExactly("process 5");
        assertThat(replies(a)).containsExactly(5);

        a.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {6}));
        a.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {7}));
        a.runPendingTasks();
        assertThat(processor.calls).containsExactly("process 5", "prefetch 6 7", "process 6", "process 7");
        assertThat(replies(a)).containsExactly(6, 7);
        a.finishAndReleaseAll();
    }

    @Test
    void anErrorAnsweringOneFrameClosesItsConnectionAndTheOthersAreAnswered() {
        EmbeddedChannel a = connection();
        EmbeddedChannel b = connection();
        a.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {-1}));
        b.pipeline().fireChannelRead(new Frame(ProtoHeader.TYPE_MSG, new byte[] {8}));
        a.runPendingTasks();
        assertThat(processor.calls).containsExactly("prefetch -1 8", "process -1", "process 8");
        assertThat(a.isActive()).isFalse();
        assertThat(replies(b)).containsExactly(8);
        assertThat(b.isActive()).isTrue();
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }
}
