package io.claimflow.payersimulator.adjudication;

import io.claimflow.payersimulator.config.SimulatorProperties;
import java.util.Random;

/**
 * The simulator's fault knobs, changeable at run time: added latency, a seeded error rate (so the same run fails the
 * same calls), an outage, and a malformed or an unbalanced next 835.
 */
public final class Faults {

    private volatile long latencyMillis;
    private volatile double errorRate;
    private volatile boolean outage;
    private volatile boolean malformed835;
    private volatile boolean unbalanced835;
    private Random random;

    public Faults(SimulatorProperties.Faults initial) {
        set(new Settings(
                initial.latencyMillis(),
                initial.errorRate(),
                initial.seed(),
                initial.outage(),
                initial.malformed835(),
                initial.unbalanced835()));
    }

    public synchronized void set(Settings settings) {
        latencyMillis = Math.max(0, settings.latencyMillis());
        errorRate = Math.max(0, Math.min(1, settings.errorRate()));
        outage = settings.outage();
        malformed835 = settings.malformed835();
        unbalanced835 = settings.unbalanced835();
        random = new Random(settings.seed());
    }

    public Settings settings() {
        return new Settings(latencyMillis, errorRate, 0, outage, malformed835, unbalanced835);
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public boolean outage() {
        return outage;
    }

    /** Draws from the seeded generator: true when this call should fail with HTTP 500. */
    public synchronized boolean nextCallFails() {
        return errorRate > 0 && random.nextDouble() < errorRate;
    }

    public boolean malformed835() {
        return malformed835;
    }

    public boolean unbalanced835() {
        return unbalanced835;
    }

    /** The knobs as set over REST. */
    public record Settings(
            long latencyMillis,
            double errorRate,
            long seed,
            boolean outage,
            boolean malformed835,
            boolean unbalanced835) {}
}
