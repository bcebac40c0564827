package io.claimflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker, schema registry and PostgreSQL server shared by every test in this JVM.
 *
 * <p>{@link #get()} starts them on first call and a JVM shutdown hook stops them. Where Docker answers they run in
 * Testcontainers; otherwise an in-process KRaft broker, the project's {@code SchemaRegistryServer} and zonky embedded
 * PostgreSQL 17. Force either with system property or environment variable {@value #MODE_SWITCH} set to
 * {@code embedded} or {@code testcontainers}.
 */
public final class Infrastructure {

    /** How the services run. */
    public enum Mode {
        /** Docker containers: Confluent Kafka, Confluent Schema Registry, postgres:17. */
        TESTCONTAINERS,
        /** In this JVM (broker, registry) and a child process (PostgreSQL); no Docker needed. */
        EMBEDDED
    }

    /** System property or environment variable that forces the {@link Mode}. */
    public static final String MODE_SWITCH = "CLAIMFLOW_TEST_INFRA";

    /** Database that {@link ClaimFlowInfrastructure} points {@code spring.datasource.url} at unless told otherwise. */
    public static final String DEFAULT_DATABASE = "claimflow";

    static final String USERNAME = "claimflow";
    static final String PASSWORD = "claimflow";
    static final String APP_USERNAME = "claimflow_app";
    static final String APP_PASSWORD = "claimflow_app";

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
    private static final Object LOCK = new Object();
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static volatile Infrastructure instance;
    private static RuntimeException startFailure;

    private final Mode mode;
    private final String kafkaBootstrapServers;
    private final String schemaRegistryUrl;
    private final Databases databases;
    private final AutoCloseable services;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Infrastructure(Mode mode, Started started) {
        this.mode = mode;
        this.kafkaBootstrapServers = started.kafkaBootstrapServers();
        this.schemaRegistryUrl = started.schemaRegistryUrl();
        this.databases = started.databases();
        this.services = started.services();
    }

    /** The shared infrastructure, started on the first call in this JVM (a failed start is not retried). */
    public static Infrastructure get() {
        Infrastructure current = instance;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (startFailure != null) {
                // Retrying would cost every following test class the same long wait for the same failure.
                throw new IllegalStateException(
                        "ClaimFlow test infrastructure failed to start earlier in this JVM", startFailure);
            }
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            return instance;
        }
    }

    /** {@code host:port} list for {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Base URL of the Confluent-compatible schema registry, without a trailing slash. */
    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /**
     * JDBC URL of {@code database}, created (owned by {@link #username()}) on first use. Idempotent and safe to call
     * from several threads. Names are letters, digits and underscores.
     */
    public String jdbcUrl(String database) {
        return databases.jdbcUrl(database);
    }

    /**
     * JDBC URL of {@code database} (created on first use) with the Flyway migrations at {@code locations} applied as
     * the owner role: a service's schema for a test that reads or writes it without starting the service.
     */
    public String migratedJdbcUrl(String database, String... locations) {
        String url = jdbcUrl(database);
        Flyway.configure()
                .dataSource(url, username(), password())
                .locations(locations)
                .load()
                .migrate();
        return url;
    }

    /** The application role's login: DML on the owner's tables, no DDL, no UPDATE or DELETE of the audit trail. */
    public String applicationUsername() {
        return APP_USERNAME;
    }

    /** Password of {@link #applicationUsername()}. */
    public String applicationPassword() {
        return APP_PASSWORD;
    }

    /** Login that owns the test databases and runs their migrations. */
    public String username() {
        return USERNAME;
    }

    /** Password of {@link #username()}. */
    public String password() {
        return PASSWORD;
    }

    /** Whether the services run in containers or embedded. */
    public Mode mode() {
        return mode;
    }

    /**
     * The Spring Boot properties that point an application at this infrastructure, with {@code spring.datasource.url}
     * for {@code database}.
     */
    public Map<String, String> springProperties(String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.put("spring.kafka.properties.schema.registry.url", schemaRegistryUrl);
        properties.put("spring.datasource.url", jdbcUrl(database));
        // least privilege as in production: the service runs as the application role (DML only) and migrates as the
        // owner role
        properties.put("spring.datasource.username", APP_USERNAME);
        properties.put("spring.datasource.password", APP_PASSWORD);
        properties.put("spring.flyway.user", USERNAME);
        properties.put("spring.flyway.password", PASSWORD);
        // the services delete a published outbox row by default; tests read what a service appended from its outbox
        properties.put("claimflow.outbox.published-retention", "7d");
        return properties;
    }

    /** How many times this JVM started the infrastructure: 1 once started, never more. */
    static int starts() {
        return STARTS.get();
    }

    static Mode chooseMode(String forced, BooleanSupplier dockerAvailable) {
        if (forced != null && !forced.isBlank()) {
            switch (forced.trim().toLowerCase(Locale.ROOT)) {
                case "embedded":
                    return Mode.EMBEDDED;
                case "testcontainers":
                    return Mode.TESTCONTAINERS;
                default:
                    throw new IllegalArgumentException(
                            MODE_SWITCH + " must be 'embedded' or 'testcontainers', was '" + forced + "'");
            }
        }
        try {
            return dockerAvailable.getAsBoolean() ? Mode.TESTCONTAINERS : Mode.EMBEDDED;
        } catch (RuntimeException | LinkageError e) {
            return Mode.EMBEDDED;
        }
    }

    private static Infrastructure start() {
        String forced = System.getProperty(MODE_SWITCH, System.getenv(MODE_SWITCH));
        Mode mode = chooseMode(forced, DockerProbe::dockerAvailable);
        boolean wasForced = forced != null && !forced.isBlank();
        String why = wasForced
                ? MODE_SWITCH + "=" + forced.trim()
                : mode == Mode.TESTCONTAINERS ? "Docker answered" : "no Docker engine answered";
        ensureTmpDirExists();
        long began = System.nanoTime();
        Started started;
        if (mode == Mode.TESTCONTAINERS) {
            started = ContainerServices.start();
        } else {
            LogLevels.quietBroker();
            started = EmbeddedServices.start();
        }
        STARTS.incrementAndGet();
        Infrastructure infrastructure = new Infrastructure(mode, started);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "claimflow-test-infrastructure-stop"));
        LOG.info(
                "ClaimFlow test infrastructure {} ({}) started in {} ms: kafka={} schema-registry={} postgresql={}",
                mode,
                why,
                (System.nanoTime() - began) / 1_000_000,
                started.kafkaBootstrapServers(),
                started.schemaRegistryUrl(),
                started.databases().serverAddress());
        return infrastructure;
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            try {
                services.close();
            } catch (Exception e) {
                LOG.warn("Stopping ClaimFlow test infrastructure failed", e);
            }
        }
    }

    // Surefire points java.io.tmpdir into target/; embedded PostgreSQL unpacks there and fails if it is missing.
    private static void ensureTmpDirExists() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a backend hands over once its services answer. */
    record Started(
            String kafkaBootstrapServers, String schemaRegistryUrl, Databases databases, AutoCloseable services) {}
}
