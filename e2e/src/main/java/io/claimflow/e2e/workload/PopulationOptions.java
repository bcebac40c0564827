package io.claimflow.e2e.workload;

import picocli.CommandLine.Option;

/**
 * The generated population's command-line options (picocli): the payer simulator must be started with the same seed
 * and size for its member file to match.
 */
public final class PopulationOptions {

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "population and workload seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = "--patients",
            paramLabel = "N",
            defaultValue = "400",
            description = "population size (default: ${DEFAULT-VALUE})")
    private int patients;

    public long seed() {
        return seed;
    }

    public int patients() {
        return patients;
    }
}
