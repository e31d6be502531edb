package io.aerie.tools.backup;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error: redrawn in place on a terminal, a line every ten percent
 * otherwise (logs and CI), never more often than ten times a second.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final boolean terminal;
    private final String label;
    private long lastDrawNanos;
    private int lastDecile = -1;

    Progress(PrintStream err, boolean enabled, String label) {
        this.err = err;
        this.enabled = enabled;
        this.terminal = System.console() != null;
        this.label = label;
    }

    /** Shows {@code done} of {@code total} with a note such as record and byte counts. */
    void update(long done, long total, String note) {
        if (!enabled || total <= 0) {
            return;
        }
        int pct = (int) Math.min(100, done * 100 / total);
        long now = System.nanoTime();
        if (terminal) {
            if (done < total && now - lastDrawNanos < 100_000_000L) {
                return;
            }
            lastDrawNanos = now;
            int filled = pct * WIDTH / 100;
            err.print(String.format(
                    Locale.ROOT,
                    "\r%s [%s%s] %3d%% %s",
                    label,
                    "#".repeat(filled),
                    " ".repeat(WIDTH - filled),
                    pct,
                    note));
            if (done >= total) {
                err.println();
            }
            err.flush();
        } else if (pct / 10 != lastDecile) {
            lastDecile = pct / 10;
            err.printf(Locale.ROOT, "%s %3d%% %s%n", label, pct, note);
        }
    }
}
