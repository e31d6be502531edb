package io.aerie.tools.backup;

import com.aerospike.client.AerospikeClient;
import io.aerie.backup.AsbReader;
import io.aerie.tools.NodeOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/aerie-restore}: writes a backup file's records to a node through the official
 * client, with {@code asrestore}'s policies, a progress bar and a summary.
 *
 * <pre>{@code bin/aerie-restore -i test.asb}</pre>
 */
@Command(name = "aerie-restore", description = "Restore an Aerospike .asb text backup (from aerie-backup or asbackup).")
public final class RestoreTool implements Callable<Integer> {
    @Mixin
    NodeOptions target = new NodeOptions();

    @Option(
            names = {"-i", "--input-file"},
            required = true,
            description = "backup file to read; - for standard input")
    String input = "";

    @Option(
            names = {"-u", "--unique"},
            description = "create records only; existing ones are left as they are")
    boolean unique;

    @Option(
            names = {"-r", "--replace"},
            description = "replace existing records whole instead of merging bins")
    boolean replace;

    @Option(
            names = {"-g", "--no-generation"},
            description = "write even when the node's record has a newer generation")
    boolean noGeneration;

    @Option(
            names = {"-z", "--threads"},
            description = "writer threads (default ${DEFAULT-VALUE})")
    int threads = 16;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RestoreTool()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (unique && (replace || noGeneration)) {
            System.err.println("aerie-restore: --unique cannot be combined with --replace or --no-generation");
            return 2;
        }
        Restore.Mode mode = unique ? Restore.Mode.UNIQUE : replace ? Restore.Mode.REPLACE : Restore.Mode.DEFAULT;
        long start = System.nanoTime();
        long size = input.equals("-") ? 0 : Files.size(Path.of(input));
        Progress progress = new Progress(System.err, !noProgress && size > 0, "restore");
        AtomicLong done = new AtomicLong();
        try (AerospikeClient client = new AerospikeClient(target.host, target.port);
                InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
                AsbReader reader = new AsbReader(in)) {
            Restore.Counts c = Restore.run(
                    client, reader, mode, !noGeneration, threads, () -> System.currentTimeMillis() / 1000, () -> {
                        long n = done.incrementAndGet();
                        if (n % 1024 == 0) {
                            synchronized (progress) {
                                progress.update(reader.bytesRead(), size, n + " records");
                            }
                        }
                    });
            progress.update(size, size, done.get() + " records");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(
                    Locale.ROOT,
                    "restored %d records from %s (%d bytes) in %.1f s; skipped: %d expired, %d existed, %d fresher on the"
                            + " node; %d failed%s%n",
                    c.restored.get(),
                    input,
                    reader.bytesRead(),
                    seconds,
                    c.expired.get(),
                    c.existed.get(),
                    c.fresher.get(),
                    c.failed.get(),
                    c.failed.get() > 0 ? " (first: " + c.firstError + ")" : "");
            if (reader.skippedGlobals() > 0) {
                System.err.println("skipped " + reader.skippedGlobals()
                        + " secondary-index and UDF definitions (Aerie restores records only)");
            }
            return c.failed.get() > 0 ? 1 : 0;
        } catch (RuntimeException e) {
            System.err.println("aerie-restore: " + e.getMessage());
            return 1;
        }
    }
}
