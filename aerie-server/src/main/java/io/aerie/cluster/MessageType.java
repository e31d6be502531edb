package io.aerie.cluster;

/** The fabric message types of the cluster subsystem. */
public final class MessageType {
    /** A batch of records from an emigrating copy: ns, pid, seq, records. */
    static final int MIGRATE_RECORDS = 20;
    /** The emigrating copy has sent everything: ns, pid, seq. */
    static final int MIGRATE_DONE = 21;
    /** Acknowledges a migration-plane message: original type, ns, pid, seq, status. */
    static final int MIGRATE_ACK = 22;
    /** The final master now serves the partition: ns, pid, seq. */
    static final int MIGRATE_HANDOFF = 23;
    /** Every replica holds the partition; a copy outside the replica set drops its records: ns, pid, seq. */
    static final int MIGRATE_DROP = 24;
    /** A master's write or delete for a replica: request id, ns, kind, record. */
    static final int REPLICA_WRITE = 30;
    /** A replica applied a write: request id, status. */
    static final int REPLICA_ACK = 31;
    /** Asks a copy for its version of a record (duplicate resolution): request id, ns, digest. */
    static final int DUPLICATE_READ = 32;
    /** A copy's version of a record, or none: request id, found, ns, set, record. */
    static final int DUPLICATE_REPLY = 33;
    /** Strong consistency: does the copy still serve this regime? request id, ns, partition. */
    static final int REGIME_CHECK = 34;
    /** The answer: request id, status (0: same regime). */
    static final int REGIME_ANSWER = 35;
    /** A client request forwarded to the node that serves its partition: request id, frame. */
    public static final int PROXY_REQUEST = 40;
    /** The reply to a proxied request: request id, status, reply frames. */
    public static final int PROXY_REPLY = 41;

    private MessageType() {}
}
