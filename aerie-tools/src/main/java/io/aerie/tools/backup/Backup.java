package io.aerie.tools.backup;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aerie.backup.AsbWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Backs a namespace (or one set) up as of one instant: asks a node for a snapshot, then pulls it
 * partition by partition in Aerospike's text backup format and writes it out.
 */
final class Backup {
    /** Partitions per namespace. */
    static final int PARTITIONS = 4096;

    /** What a backup reports while it runs. */
    interface Listener {
        /** About to ask for the snapshot; every write acknowledged before this is in it. */
        default void snapshotRequested() {}

        /** The snapshot exists; no write made after this is in it. */
        default void snapshotTaken(long instantMillis, long entries) {}

        /** {@code done} of the 4096 partitions are written. */
        default void progress(int done, long records, long bytes) {}
    }

    /** What a finished backup wrote. */
    record Result(long records, long bytes, long instantMillis) {}

    private Backup() {}

    /** Backs {@code namespace} (and only {@code set}, if given) up into {@code out}. */
    static Result run(
            AerospikeClient client, String namespace, @Nullable String set, OutputStream out, Listener listener)
            throws IOException {
        Node node = client.getNodes()[0];
        String create = "snapshot-create:namespace=" + namespace + (set == null ? "" : ";set=" + set);
        listener.snapshotRequested();
        Map<String, String> snap = answer(node, create);
        long instant = Long.parseLong(field(snap, "instant"));
        listener.snapshotTaken(instant, Long.parseLong(field(snap, "entries")));
        String id = field(snap, "id");
        long records = 0;
        long bytes = 0;
        try {
            byte[] header = AsbWriter.header(namespace);
            out.write(header);
            bytes += header.length;
            for (int p = 0; p < PARTITIONS; p++) {
                Map<String, String> part = answer(node, "snapshot-read:id=" + id + ";partition=" + p);
                byte[] data = Base64.getDecoder().decode(field(part, "data"));
                out.write(data);
                records += Long.parseLong(field(part, "records"));
                bytes += data.length;
                listener.progress(p + 1, records, bytes);
            }
            out.flush();
        } finally {
            try {
                Info.request(node, "snapshot-close:id=" + id);
            } catch (AerospikeException e) {
                // The node closes snapshots left idle; a backup that failed has its error already.
            }
        }
        return new Result(records, bytes, instant);
    }

    private static String field(Map<String, String> answer, String name) {
        String v = answer.get(name);
        if (v == null) {
            throw new IllegalStateException("the node's answer has no " + name + ": " + answer.keySet());
        }
        return v;
    }

    /** The {@code k=v;...} answer to an info command; an {@code ERROR} answer throws with its message. */
    private static Map<String, String> answer(Node node, String command) {
        String reply = Info.request(node, command);
        if (reply == null || reply.startsWith("ERROR") || reply.isEmpty()) {
            throw new IllegalStateException(command.substring(0, command.indexOf(':')) + " failed: " + reply);
        }
        Map<String, String> m = new HashMap<>();
        for (String kv : reply.split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }
}
