package io.aerie.tools.harness.check;

/** How an operation ended, as far as its client knows. */
public enum Outcome {
    /** Acknowledged: it took effect (and a read observed what it reports). */
    OK,
    /** Definitely did not take effect. */
    FAIL,
    /** In doubt (timeout, lost connection): it may or may not take effect, at any later time. */
    INFO
}
