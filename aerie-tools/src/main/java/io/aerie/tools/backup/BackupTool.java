package io.aerie.tools.backup;

import com.aerospike.client.AerospikeClient;
import io.aerie.tools.NodeOptions;
import io.aerie.util.CitrusleafEpoch;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/aerie-backup}: a consistent point-in-time backup of a namespace or set in Aerospike's
 * text backup format, with a progress bar and a summary.
 *
 * <pre>{@code bin/aerie-backup -n test -o test.asb}</pre>
 */
@Command(
        name = "aerie-backup",
        description = "Back a namespace or set up as of one instant, in Aerospike's .asb text format.")
public final class BackupTool implements Callable<Integer> {
    @Mixin
    NodeOptions target = new NodeOptions();

    @Option(
            names = {"-n", "--namespace"},
            required = true,
            description = "namespace to back up")
    String namespace = "";

    @Option(
            names = {"-s", "--set"},
            description = "back up only this set")
    @Nullable
    String set;

    @Option(
            names = {"-o", "--output-file"},
            required = true,
            description = "backup file to write; - for standard output")
    String output = "";

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BackupTool()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Progress progress = new Progress(System.err, !noProgress && !output.equals("-"), "backup");
        try (AerospikeClient client = new AerospikeClient(target.host, target.port);
                OutputStream out = new BufferedOutputStream(
                        output.equals("-") ? System.out : Files.newOutputStream(Path.of(output)), 1 << 20)) {
            Backup.Result r = Backup.run(client, namespace, set, out, new Backup.Listener() {
                @Override
                public void progress(int done, long records, long bytes) {
                    progress.update(done, Backup.PARTITIONS, records + " records, " + bytes / 1024 + " KiB");
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(
                    Locale.ROOT,
                    "backed up %d records (%d bytes) of namespace %s%s as of %s in %.1f s to %s%n",
                    r.records(),
                    r.bytes(),
                    namespace,
                    set == null ? "" : " set " + set,
                    Instant.ofEpochMilli(r.instantMillis() + CitrusleafEpoch.EPOCH_MILLIS),
                    seconds,
                    output);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("aerie-backup: " + e.getMessage());
            return 1;
        }
    }
}
