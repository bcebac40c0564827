package io.claimflow.e2e;

import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.testsupport.Infrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service of ClaimFlow in this JVM over the shared test infrastructure: payer-simulator, adjudication-gateway
 * (pointed at the simulator), claim-service, patient-billing-service and coding-service, each in its own class loader
 * and Spring context, on a random port, with its own database. Services whose classes are not built (not landed yet)
 * are left out and listed in {@link #missing()}.
 */
final class Pipeline implements AutoCloseable {

    /** A service module and how to start it. */
    record Service(String module, String mainClass, String database) {

        /** A resource only the real service has, not the shell it started as. */
        String marker() {
            return database == null ? "payer-simulator.yml" : "db/migration";
        }
    }

    static final Service PAYER_SIMULATOR =
            new Service("payer-simulator", "io.claimflow.payersimulator.PayerSimulatorApplication", null);
    static final Service GATEWAY = new Service(
            "adjudication-gateway",
            "io.claimflow.adjudication.AdjudicationGatewayApplication",
            "claimflow_adjudication");
    static final Service CLAIM =
            new Service("claim-service", "io.claimflow.claim.ClaimServiceApplication", "claimflow_claim");
    static final Service PATIENT_BILLING = new Service(
            "patient-billing-service",
            "io.claimflow.patientbilling.PatientBillingServiceApplication",
            "claimflow_patient_billing");
    static final Service CODING =
            new Service("coding-service", "io.claimflow.coding.CodingServiceApplication", "claimflow_coding");
    /** Optional: started only by {@link #startEhrConnector(Map)}; the other tests publish to Kafka themselves. */
    static final Service EHR_CONNECTOR =
            new Service("ehr-connector", "io.claimflow.ehr.EhrConnectorApplication", "claimflow_ehr");
    /** Optional: started only by {@link #startConsole()}, after the services it calls. */
    static final Service CONSOLE =
            new Service("ops-console", "io.claimflow.console.OpsConsoleApplication", "claimflow_console");

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Map<String, ServiceInstance> running = new LinkedHashMap<>();
    private final Map<String, Runnable> starters = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final Infrastructure infrastructure;

    private Pipeline(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Starts what is built; {@code simulatorProperties} configure the payer (plans and members). */
    static Pipeline start(Infrastructure infrastructure, Map<String, String> simulatorProperties) {
        Path projectDir = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."))
                .toAbsolutePath()
                .normalize();
        Pipeline pipeline = new Pipeline(infrastructure);
        try {
            Map<String, String> simulator = new LinkedHashMap<>(common(infrastructure, null));
            simulator.putAll(simulatorProperties);
            // the simulator's own pom brings only web and actuator: on this shared class path it must not pick up the
            // platform (security, outbox), a DataSource, Flyway or Kafka
            simulator.put(
                    "spring.autoconfigure.exclude",
                    String.join(
                            ",",
                            autoConfigurationsOutside(List.of(
                                    ".platform.",
                                    ".jdbc.",
                                    ".flyway.",
                                    ".kafka.",
                                    ".security.",
                                    ".sql.",
                                    ".transaction.",
                                    ".data."))));
            pipeline.start(projectDir, PAYER_SIMULATOR, simulator, Map.of("spring.config.name", "payer-simulator"));

            Map<String, String> gateway = new LinkedHashMap<>(common(infrastructure, GATEWAY.database()));
            ServiceInstance payer = pipeline.running.get(PAYER_SIMULATOR.module());
            if (payer != null) {
                gateway.put("claimflow.adjudication.payers.default.url", payer.url());
            }
            gateway.put("claimflow.adjudication.batch.max-wait", "300ms");
            gateway.put("claimflow.adjudication.batch.poll-interval", "200ms");
            gateway.put("claimflow.adjudication.send.poll-interval", "200ms");
            gateway.put("claimflow.adjudication.send.retry-backoff", "300ms");
            gateway.put("claimflow.adjudication.send.max-backoff", "2s");
            gateway.put("claimflow.adjudication.responses.poll-interval", "300ms");
            gateway.put("resilience4j.ratelimiter.configs.default.limit-for-period", "1000");
            pipeline.start(projectDir, GATEWAY, gateway, Map.of());

            pipeline.start(projectDir, CLAIM, common(infrastructure, CLAIM.database()), Map.of());
            pipeline.start(projectDir, PATIENT_BILLING, common(infrastructure, PATIENT_BILLING.database()), Map.of());
            pipeline.start(projectDir, CODING, common(infrastructure, CODING.database()), Map.of());
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    /**
     * Starts the ops-console (an extra, optional service: the pipeline runs without it) over the same infrastructure,
     * pointed at the running services' URLs. Returns false, and lists it in {@link #missing()}, when it is not built.
     */
    boolean startConsole() {
        Path projectDir = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."))
                .toAbsolutePath()
                .normalize();
        Map<String, String> console = new LinkedHashMap<>(common(infrastructure, CONSOLE.database()));
        for (Service service : List.of(CODING, CLAIM, GATEWAY, PATIENT_BILLING)) {
            ServiceInstance instance = running.get(service.module());
            // a service that is not running gets a closed port: the console shows it as not answering
            console.put(
                    "claimflow.console.services." + service.module(),
                    instance == null ? "http://localhost:9" : instance.url());
        }
        console.put("claimflow.console.services.ehr-connector", "http://localhost:9");
        console.put("claimflow.console.health-timeout", "1s");
        // a page's call into a service, on a shared CI machine under load: slow is printed, not a failure shown
        console.put("claimflow.console.call-timeout", "30s");
        start(projectDir, CONSOLE, console, Map.of());
        return runs(CONSOLE);
    }

    /**
     * Starts ehr-connector (an extra, optional service: the other tests publish EncounterDocumented themselves) over
     * the same infrastructure, with {@code properties} on top (its tenant, billing provider, limits). Returns false,
     * and lists it in {@link #missing()}, when it is not built.
     */
    boolean startEhrConnector(Map<String, String> properties) {
        Path projectDir = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."))
                .toAbsolutePath()
                .normalize();
        Map<String, String> ehr = new LinkedHashMap<>(common(infrastructure, EHR_CONNECTOR.database()));
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            ehr.put("claimflow.ehr.mllp.port", String.valueOf(free.getLocalPort()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ehr.putAll(properties);
        start(projectDir, EHR_CONNECTOR, ehr, Map.of());
        return runs(EHR_CONNECTOR);
    }

    /** Every auto-configuration on the class path whose class name contains one of {@code markers}. */
    static List<String> autoConfigurationsOutside(List<String> markers) {
        List<String> excluded = new ArrayList<>();
        try {
            var resources = Pipeline.class
                    .getClassLoader()
                    .getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
            while (resources.hasMoreElements()) {
                try (var in = resources.nextElement().openStream()) {
                    for (String line :
                            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                        String name = line.strip();
                        if (!name.isEmpty()
                                && !name.startsWith("#")
                                && markers.stream().anyMatch(name::contains)) {
                            excluded.add(name);
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return excluded;
    }

    private static Map<String, String> common(Infrastructure infrastructure, String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        properties.put("spring.kafka.properties.schema.registry.url", infrastructure.schemaRegistryUrl());
        if (database != null) {
            properties.put("spring.datasource.url", infrastructure.jdbcUrl(database));
            // least privilege as in production: DML-only login, migrations as the owner
            properties.put("spring.datasource.username", infrastructure.applicationUsername());
            properties.put("spring.datasource.password", infrastructure.applicationPassword());
            properties.put("spring.flyway.user", infrastructure.username());
            properties.put("spring.flyway.password", infrastructure.password());
            properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        }
        properties.put("claimflow.outbox.poll-interval", "100ms");
        properties.put("claimflow.kafka.retry.initial-interval", "200ms");
        properties.put("claimflow.kafka.retry.max-interval", "1s");
        properties.put("spring.kafka.consumer.properties.metadata.max.age.ms", "2000");
        properties.put("management.metrics.use-global-registry", "false");
        properties.put("spring.main.banner-mode", "off");
        // Thymeleaf is on the shared class path for the console; only the console has templates
        properties.put("spring.thymeleaf.check-template-location", "false");
        return properties;
    }

    private void start(Path projectDir, Service service, Map<String, String> arguments, Map<String, Object> defaults) {
        if (!ServiceInstance.available(projectDir, service.module(), service.mainClass(), service.marker())) {
            missing.add(service.module());
            LOG.warn("{} is not built ({}), the pipeline runs without it", service.module(), service.mainClass());
            return;
        }
        Runnable starter = () -> {
            long began = System.nanoTime();
            ServiceInstance instance =
                    ServiceInstance.start(projectDir, service.module(), service.mainClass(), arguments, defaults);
            running.put(service.module(), instance);
            LOG.info(
                    "{} started on port {} in {} ms",
                    service.module(),
                    instance.port(),
                    (System.nanoTime() - began) / 1_000_000);
        };
        starters.put(service.module(), starter);
        starter.run();
    }

    /**
     * Stops {@code service} (its Spring context closes: consumers leave their groups, the outbox relay stops; not
     * the same as kill -9, which this JVM cannot do to one of its parts).
     */
    void stop(Service service) throws Exception {
        ServiceInstance instance = running.remove(service.module());
        if (instance != null) {
            instance.close();
        }
    }

    /** Starts {@code service} again with the settings it first started with (a new port for a web server). */
    void restart(Service service) {
        Runnable starter = starters.get(service.module());
        if (starter == null) {
            throw new IllegalStateException(service.module() + " never started");
        }
        starter.run();
    }

    /** Modules that were not built and so not started. */
    List<String> missing() {
        return List.copyOf(missing);
    }

    /** Whether {@code service} runs. */
    boolean runs(Service service) {
        return running.containsKey(service.module());
    }

    ServiceInstance instance(Service service) {
        ServiceInstance instance = running.get(service.module());
        if (instance == null) {
            throw new IllegalStateException(service.module() + " is not running");
        }
        return instance;
    }

    /** The services' databases on the test PostgreSQL. */
    PipelineSnapshot.Databases databases() {
        String url = infrastructure.jdbcUrl(CLAIM.database());
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        return new PipelineSnapshot.Databases(base, infrastructure.username(), infrastructure.password());
    }

    /**
     * Waits until {@code progress} has not changed for {@code quietFor} (and at least once more after that), at most
     * {@code timeout}; returns the last value.
     */
    static <T> T awaitQuiet(Supplier<T> progress, Duration quietFor, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = progress.get();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            T now = progress.get();
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= quietFor.toNanos()) {
                return now;
            }
        }
        return last;
    }

    @Override
    public void close() {
        List<ServiceInstance> instances = new ArrayList<>(running.values());
        java.util.Collections.reverse(instances);
        for (ServiceInstance instance : instances) {
            try {
                instance.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", instance.module(), e);
            }
        }
        running.clear();
    }
}
