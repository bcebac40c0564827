package io.claimflow.e2e.workload;

import picocli.CommandLine.Option;

/** The workload's command-line options (picocli), shared by the {@code workload} and {@code demo} commands. */
public final class WorkloadOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "localhost:9092",
            description = "Kafka (default: ${DEFAULT-VALUE})")
    private String bootstrapServers;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            defaultValue = "http://localhost:8081",
            description = "schema registry (default: ${DEFAULT-VALUE})")
    private String schemaRegistry;

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

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "names this run's encounters (default: from the clock)")
    private String runId = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistry() {
        return schemaRegistry;
    }

    public int count() {
        return count;
    }

    public double rate() {
        return rate;
    }

    public long seed() {
        return seed;
    }

    public int patients() {
        return patients;
    }

    public String runId() {
        return runId;
    }
}
