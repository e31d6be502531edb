package io.aerie.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerie.storage.Digest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A record whose change did not reach every replica is sent again before anything sees it. */
class UnreplicatedTest {
    private static Digest digest(int b) {
        byte[] bytes = new byte[Digest.SIZE];
        bytes[0] = (byte) b;
        return Digest.of(bytes, 0);
    }

    @Test
    void aReplicatedChangeNeedsNothingAndAFailedOneIsSentAgain() {
        Unreplicated u = new Unreplicated();
        AtomicInteger resent = new AtomicInteger();
        assertThat(u.settle(digest(1), () -> CompletableFuture.completedFuture(true)))
                .isNull();

        CompletableFuture<Boolean> inFlight = new CompletableFuture<>();
        u.track(digest(1), inFlight);
        CompletableFuture<Boolean> waiting = u.settle(digest(1), () -> {
            resent.incrementAndGet();
            return CompletableFuture.completedFuture(true);
        });
        assertThat(waiting).as("waits for the replication in flight").isNotDone();
        inFlight.complete(true);
        assertThat(waiting).isCompletedWithValue(true);
        assertThat(resent).hasValue(0);
        assertThat(u.size()).isZero();

        CompletableFuture<Boolean> failed = new CompletableFuture<>();
        u.track(digest(2), failed);
        failed.complete(false);
        assertThat(u.size()).as("still unreplicated").isEqualTo(1);
        CompletableFuture<Boolean> refused = u.settle(digest(2), () -> CompletableFuture.completedFuture(false));
        assertThat(refused)
                .as("re-replication failed too: the request must fail")
                .isCompletedWithValue(false);
        assertThat(u.size()).isEqualTo(1);
        CompletableFuture<Boolean> again = u.settle(digest(2), () -> {
            resent.incrementAndGet();
            return CompletableFuture.completedFuture(true);
        });
        assertThat(again).isCompletedWithValue(true);
        assertThat(resent).hasValue(1);
        assertThat(u.size()).isZero();
    }

    @Test
    void concurrentChangesOfOneRecordAreAllWaitedFor() {
        Unreplicated u = new Unreplicated();
        CompletableFuture<Boolean> first = u.gate(digest(3));
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        u.track(digest(3), second);
        second.complete(true);
        CompletableFuture<Boolean> waiting = u.settle(digest(3), () -> CompletableFuture.completedFuture(false));
        assertThat(waiting)
                .as("the first change is still replicating")
                .isNotNull()
                .isNotDone();
        first.complete(true);
        assertThat(waiting).isCompletedWithValue(true);
        assertThat(u.size()).isZero();
    }
}
