package io.claimflow.e2e.workload;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The workload's command-line options (picocli), shared by the {@code workload} and {@code demo} commands. */
public final class WorkloadOptions {

    @Mixin
    private KafkaAddresses addresses;

    @Mixin
    private PopulationOptions population;

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "1000",
            description = "encounters to publish (default: ${DEFAULT-VALUE})")
    private int count;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            defaultValue = "50",
            description = "encounters per second, 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    private double rate;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "names this run's encounters (default: from the clock)")
    private String runId = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);

    public String bootstrapServers() {
        return addresses.bootstrapServers();
    }

    public String schemaRegistry() {
        return addresses.schemaRegistry();
    }

    public int count() {
        return count;
    }

    public double rate() {
        return rate;
    }

    public long seed() {
        return population.seed();
    }

    public int patients() {
        return population.patients();
    }

    public String runId() {
        return runId;
    }
}
