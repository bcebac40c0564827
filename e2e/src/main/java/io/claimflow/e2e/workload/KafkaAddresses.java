package io.claimflow.e2e.workload;

import picocli.CommandLine.Option;

/** Where the stack's Kafka and schema registry listen: the command-line options (picocli) every command shares. */
public final class KafkaAddresses {

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

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistry() {
        return schemaRegistry;
    }
}
