package io.aerie.cluster.sim;

import io.aerie.cluster.ExchangeMessage;

/** Picks messages out of the simulated traffic by kind. */
final class SimulationFilters {
    private SimulationFilters() {}

    /** Whether a membership broadcast is an exchange message (it decodes as one). */
    static boolean isExchange(byte[] payload) {
        try {
            ExchangeMessage.decode(payload);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
