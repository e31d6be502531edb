package io.aerie.tools;

import picocli.CommandLine.Option;

/**
 * The options every tool that talks to one node shares, named as Aerospike's tools name them:
 * {@code -h} is the host, so help has only its long form.
 */
public final class NodeOptions {
    @Option(names = "--help", usageHelp = true, description = "print this help and exit")
    boolean help;

    /** The node's address. */
    @Option(
            names = {"-h", "--host"},
            description = "node address (default ${DEFAULT-VALUE})")
    public String host = "127.0.0.1";

    /** The node's client (service) port. */
    @Option(
            names = {"-p", "--port"},
            description = "node port (default ${DEFAULT-VALUE})")
    public int port = 3000;
}
