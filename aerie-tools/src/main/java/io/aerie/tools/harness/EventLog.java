package io.aerie.tools.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the harness did when, in seconds since the run began: printed as it happens and kept for the report. */
final class EventLog {
    private final PrintStream out;
    private final long startNanos;
    private final List<String> lines = new ArrayList<>();

    EventLog(PrintStream out, long startNanos) {
        this.out = out;
        this.startNanos = startNanos;
    }

    /** Logs {@code what} with the time since the run began. */
    synchronized void note(String what) {
        String line = String.format(Locale.ROOT, "[%7.1f s] %s", (System.nanoTime() - startNanos) / 1e9, what);
        lines.add(line);
        out.println(line);
        out.flush();
    }

    /** Every line so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
