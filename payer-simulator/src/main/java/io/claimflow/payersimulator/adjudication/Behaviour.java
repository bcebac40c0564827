package io.claimflow.payersimulator.adjudication;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What real payers do that the simulator can play, each switched on by name ({@code payer-simulator.behaviours}) and
 * then applied to every Nth case it fits ({@link #defaultEvery} unless configured), so a run is the same each time.
 */
public enum Behaviour {
    /** A replacement (frequency 7) of a paid claim: the 835 reverses the original (CLP02 22, negative amounts). */
    REVERSAL("reversal", 1),
    /** A claim of two or more lines paid over two 835s, the lines split between them. */
    SPLIT_PAYMENT("split-payment", 7),
    /** An 835 sent twice, byte for byte (same trace number). */
    DUPLICATE_835("duplicate-835", 6),
    /** A paid claim paid again in another 835 under a new trace number. */
    OVERPAYMENT("overpayment", 13),
    /** An overpaid claim's excess taken back in a later 835 through PLB WO. */
    TAKEBACK("takeback", 1),
    /** Interest paid with a claim through PLB L6. */
    INTEREST("interest", 11),
    /** A claim pended by a 277 (STC P1) after its 277CA, and paid in a later 835. */
    PEND("pend", 9),
    /** A 999 rejecting the whole functional group (AK9 R, no AK2): nothing adjudicated. */
    GROUP_REJECTION("group-rejection", 8),
    /** A TA1 for every interchange that asks for one (ISA14 = 1). */
    TA1("ta1", 1),
    /** A TA1 rejecting the interchange (TA104 R) instead of a 999: nothing adjudicated. */
    TA1_REJECTION("ta1-rejection", 12);

    private final String configName;
    private final int defaultEvery;

    Behaviour(String configName, int defaultEvery) {
        this.configName = configName;
        this.defaultEvery = defaultEvery;
    }

    public String configName() {
        return configName;
    }

    public int defaultEvery() {
        return defaultEvery;
    }

    /** The behaviour of a configuration name; a clear error naming the known ones otherwise. */
    public static Behaviour named(String name) {
        return Arrays.stream(values())
                .filter(b -> b.configName.equals(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown payer behaviour '" + name.trim()
                        + "'; known: all, "
                        + Arrays.stream(values()).map(Behaviour::configName).collect(Collectors.joining(", "))));
    }
}
