package io.aerie.bench;

import io.aerie.config.NamespaceConfig;
import io.aerie.namespace.Namespaces;
import io.aerie.protocol.AsMessageDecoder;
import io.aerie.txn.TransactionService;
import io.aerie.util.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's work per request without the network: decode, transaction, reply encoding, over a
 * namespace holding {@code keys} records. This is the CPU a node spends beyond what the null node
 * spends, which is what the end-to-end ratio measures with much more noise.
 *
 * <p>{@code bench/jmh.sh TransactionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseCompactObjectHeaders", "-Dio.netty.leakDetection.level=disabled"})
public class TransactionBenchmark {
    @Param({"100000"})
    int keys;

    @Param({"1024"})
    int valueSize;

    private TransactionService txn;
    private byte[][] puts;
    private byte[][] gets;
    private ByteBuf out;

    @Setup
    public void setUp() {
        Namespaces namespaces = new Namespaces(List.of(NamespaceConfig.inMemory("test", 8L << 30)), Clock.SYSTEM);
        txn = new TransactionService(namespaces);
        puts = new byte[keys][];
        gets = new byte[keys][];
        out = PooledByteBufAllocator.DEFAULT.directBuffer(4096);
        for (int k = 0; k < keys; k++) {
            byte[] d = Requests.digest(k);
            puts[k] = Requests.put(d, valueSize);
            gets[k] = Requests.get(d);
            run(puts[k]);
        }
    }

    @TearDown
    public void tearDown() {
        out.release();
    }

    private int run(byte[] body) {
        out.clear();
        txn.executeSingle(AsMessageDecoder.decode(body, 0, body.length), out);
        return out.readableBytes();
    }

    /** A get of all bins of a random existing record. */
    @Benchmark
    public int read() {
        return run(gets[ThreadLocalRandom.current().nextInt(keys)]);
    }

    /** A put replacing the bin of a random existing record. */
    @Benchmark
    public int update() {
        return run(puts[ThreadLocalRandom.current().nextInt(keys)]);
    }

    /** Decoding a put request alone. */
    @Benchmark
    public int decodePut() {
        byte[] body = puts[ThreadLocalRandom.current().nextInt(keys)];
        return AsMessageDecoder.decode(body, 0, body.length).opCount();
    }
}
