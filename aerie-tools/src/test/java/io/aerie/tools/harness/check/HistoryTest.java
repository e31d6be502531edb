package io.aerie.tools.harness.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void recordsInvocationsAndCompletionsAsOps() {
        History h = new History();
        int w = h.invoke(1, "k", OpKind.WRITE, 5, 100);
        int r = h.invokeRead(2, "k", 110);
        int c = h.invokeCas(3, "k", 5L, 6, 120);
        int s = h.invokeRead(4, "s", 130);
        h.complete(w, Outcome.OK, 150);
        h.completeRead(r, Outcome.OK, 5L, 160);
        h.complete(c, Outcome.FAIL, 170);
        h.completeSetRead(s, Outcome.OK, List.of(3L, 1L), 180);

        assertThat(h.ops())
                .containsExactly(
                        Op.write(1, "k", 5, Outcome.OK, 100, 150),
                        Op.read(2, "k", 5L, Outcome.OK, 110, 160),
                        Op.cas(3, "k", 5L, 6, Outcome.FAIL, 120, 170),
                        Op.setRead(4, "s", List.of(3L, 1L), Outcome.OK, 130, 180));
    }

    @Test
    void opsNeverCompletedAreInDoubtForever() {
        History h = new History();
        int w = h.invoke(1, "k", OpKind.ADD, 2, 100);
        int r = h.invokeRead(1, "k", 200);
        h.complete(w, Outcome.OK, 150);

        Op pending = h.ops().get(r);
        assertThat(pending.outcome()).isEqualTo(Outcome.INFO);
        assertThat(pending.completeNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(pending.value()).isNull();
        assertThat(h.size()).isEqualTo(2);
    }

    @Test
    void theSnapshotIsImmutable() {
        History h = new History();
        h.invokeRead(0, "k", 1);
        List<Op> ops = h.ops();
        assertThatThrownBy(() -> ops.add(Op.read(0, "k", null, Outcome.OK, 1, 2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void misuseIsRefused() {
        History h = new History();
        int w = h.invoke(0, "k", OpKind.WRITE, 1, 10);
        int r = h.invokeRead(0, "k", 10);
        assertThatThrownBy(() -> h.invoke(0, "k", OpKind.READ, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.complete(r, Outcome.OK, 20)).hasMessageContaining("completeRead");
        assertThatThrownBy(() -> h.completeRead(w, Outcome.OK, 3L, 20)).hasMessageContaining("only a read");
        assertThatThrownBy(() -> h.complete(w, Outcome.OK, 5)).hasMessageContaining("before it is invoked");
        assertThatThrownBy(() -> h.complete(99, Outcome.OK, 20)).hasMessageContaining("no op 99");
        h.complete(w, Outcome.OK, 20);
        assertThatThrownBy(() -> h.complete(w, Outcome.OK, 30)).isInstanceOf(IllegalStateException.class);
        h.complete(r, Outcome.INFO, 30);
        assertThat(h.ops().get(r).outcome()).isEqualTo(Outcome.INFO);
    }

    @Test
    void opsValidateWhatTheirKindCarries() {
        assertThatThrownBy(() -> new Op(0, "k", OpKind.CAS, null, 1L, List.of(), Outcome.OK, 0, 1))
                .hasMessageContaining("needs a value");
        assertThat(Op.delete(2, "k", Outcome.OK, 3, 4).summary()).isEqualTo("p2 WRITE absent OK [3..4]");
        assertThatThrownBy(() -> new Op(0, "k", OpKind.WRITE, 1L, 2L, List.of(), Outcome.OK, 0, 1))
                .hasMessageContaining("only a CAS");
        assertThatThrownBy(() -> new Op(0, "k", OpKind.READ, 1L, null, List.of(1L), Outcome.OK, 0, 1))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> Op.read(0, "k", 1L, Outcome.FAIL, 0, 1)).hasMessageContaining("only an OK read");
        assertThat(Op.cas(3, "k", null, 7, Outcome.INFO, 5, 9).summary()).isEqualTo("p3 CAS absent->7 INFO [5..?]");
        List<Long> many = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(Op.setRead(0, "s", many, Outcome.OK, 0, 1).summary())
                .isEqualTo("p0 READ [1, 2, 3, 4, 5, 6, 7, 8, ... 10 in all] OK [0..1]");
    }

    @Test
    void manyThreadsRecordWithoutLosingOps() throws InterruptedException {
        History h = new History();
        int threads = 8;
        int perThread = 2000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int process = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    long now = System.nanoTime();
                    int id = h.invoke(process, "k" + process, OpKind.ADD, 1, now);
                    h.complete(id, Outcome.OK, now + 1);
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        List<Op> ops = h.ops();
        assertThat(ops).hasSize(threads * perThread);
        assertThat(ops).allMatch(op -> op.outcome() == Outcome.OK);
        Set<Integer> processes = new HashSet<>();
        ops.forEach(op -> processes.add(op.process()));
        assertThat(processes).hasSize(threads);
        assertThat(ops.stream().filter(op -> op.key().equals("k3"))).hasSize(perThread);
    }
}
