package io.aerie.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time so far, user and system, in clock ticks, from Linux's {@code /proc/PID/stat}
 * (pid 0: this process). Zeros where there is no such file, so a comparison still runs elsewhere.
 */
final class ProcessCpu {
    /** Clock ticks per second: the kernel's USER_HZ, 100 on Linux's common builds. */
    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /** {@code {user, system}} ticks of process {@code pid} (0 for this one). */
    static long[] ticks(long pid) {
        Path stat = Path.of("/proc", pid == 0 ? "self" : Long.toString(pid), "stat");
        try {
            return parse(Files.readString(stat, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    /** Fields 14 and 15 of a stat line; the command name (field 2) may hold spaces, so count from its ')'. */
    static long[] parse(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15.
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }
}
