package io.aerie.tools.harness;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated harness run, as the command line describes it.
 *
 * @param nodes node processes
 * @param replicationFactor of namespace {@code test}
 * @param timeSeconds workload time over all segments (recovery and final reads come on top)
 * @param faults one segment per fault type, in this order
 * @param workloads the workloads every segment mixes
 * @param seed seeds the schedule and every worker's op choices
 * @param dir where configs, logs, histories and the report go
 * @param threads client threads (Jepsen processes)
 * @param rate ops per second over all threads; 0 for no limit
 * @param faultSeconds length of each fault period
 * @param healSeconds length of each healed period after a fault
 * @param timeoutMillis client total timeout per command
 * @param registerOpsPerKey ops a register key takes before a fresh key replaces it
 * @param stableSeconds how long to wait for a stable cluster at setup, before a kill and after recovery
 * @param finalReadSeconds how long final reads retry while partitions are unavailable
 * @param setEncoding how the set workload stores its elements; null to use a list if the server takes list
 *     operations, else a string
 */
public record RunPlan(
        int nodes,
        int replicationFactor,
        int timeSeconds,
        List<FaultType> faults,
        List<WorkloadType> workloads,
        long seed,
        Path dir,
        int threads,
        int rate,
        int faultSeconds,
        int healSeconds,
        int timeoutMillis,
        int registerOpsPerKey,
        int stableSeconds,
        int finalReadSeconds,
        @Nullable SetEncoding setEncoding) {
    public RunPlan {
        faults = List.copyOf(faults);
        workloads = List.copyOf(workloads);
        require(nodes >= 2, "--nodes must be at least 2");
        require(replicationFactor >= 1 && replicationFactor <= nodes, "--rf must be between 1 and the number of nodes");
        require(timeSeconds >= 1, "--time must be at least 1 second");
        require(!faults.isEmpty(), "--faults needs at least one fault type");
        require(faults.stream().distinct().count() == faults.size(), "--faults lists a fault type twice");
        require(!workloads.isEmpty(), "--workload needs at least one workload");
        require(threads >= 1, "--threads must be at least 1");
        require(rate >= 0, "--rate must not be negative");
        require(faultSeconds >= 1 && healSeconds >= 1, "--fault-seconds and --heal-seconds must be at least 1");
        require(timeoutMillis >= 1, "--timeout must be positive");
        require(registerOpsPerKey >= 1, "--register-ops-per-key must be positive");
        require(stableSeconds >= 1 && finalReadSeconds >= 1, "waits must be at least 1 second");
        // With one copy a killed in-memory node takes its records with it: that is data loss by configuration.
        require(
                !faults.contains(FaultType.KILL) || replicationFactor >= 2,
                "kill needs --rf 2 or more: an in-memory node comes back empty");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Workload time per segment: the run's time shared equally among the fault types. */
    public long segmentMillis() {
        return timeSeconds * 1000L / faults.size();
    }
}
