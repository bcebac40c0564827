package io.claimflow.e2e.demo;

import picocli.CommandLine.Option;

/** How the demo and the bench reach the services' databases: the command-line options (picocli) they share. */
public final class DatabaseOptions {

    @Option(
            names = "--jdbc",
            paramLabel = "URL",
            defaultValue = "jdbc:postgresql://localhost:5432/",
            description = "PostgreSQL, without a database (default: ${DEFAULT-VALUE})")
    private String jdbc;

    @Option(names = "--db-user", defaultValue = "claimflow", description = "default: ${DEFAULT-VALUE}")
    private String user;

    @Option(names = "--db-password", defaultValue = "claimflow", description = "default: ${DEFAULT-VALUE}")
    private String password;

    public PipelineSnapshot.Databases databases() {
        return new PipelineSnapshot.Databases(jdbc, user, password);
    }
}
