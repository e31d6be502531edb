package io.aerie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PartitionLockTest {
    @Test
    void theHolderMayTakeItAgainAndOthersWaitUntilTheLastRelease() throws Exception {
        Partition p = new Partition(7);
        p.lock();
        p.lock();
        assertThat(p.isHeldByCurrentThread()).isTrue();
        CountDownLatch tried = new CountDownLatch(1);
        CountDownLatch got = new CountDownLatch(1);
        Thread other = Thread.ofPlatform().start(() -> {
            tried.countDown();
            p.lock();
            got.countDown();
            p.unlock();
        });
        assertThat(tried.await(5, TimeUnit.SECONDS)).isTrue();
        p.unlock();
        // One hold is left: the other thread still waits.
        assertThat(got.await(200, TimeUnit.MILLISECONDS)).isFalse();
        p.unlock();
        assertThat(p.isHeldByCurrentThread()).isFalse();
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        other.join();
    }

    @Test
    void onlyTheHolderMayRelease() throws Exception {
        Partition p = new Partition(1);
        assertThatThrownBy(p::unlock).isInstanceOf(IllegalMonitorStateException.class);
        p.lock();
        AtomicBoolean refused = new AtomicBoolean();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                p.unlock();
            } catch (IllegalMonitorStateException e) {
                refused.set(true);
            }
        });
        other.join();
        assertThat(refused).isTrue();
        assertThat(p.isHeldByCurrentThread()).isTrue();
        p.unlock();
    }

    @Test
    void concurrentIncrementsUnderTheLockAreNeverLost() throws Exception {
        Partition p = new Partition(2);
        int threads = 4;
        int perThread = 50_000;
        long[] counter = new long[1];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    p.lock();
                    try {
                        counter[0]++;
                    } finally {
                        p.unlock();
                    }
                }
            });
        }
        for (Thread w : workers) {
            w.join();
        }
        assertThat(counter[0]).isEqualTo((long) threads * perThread);
    }
}
