package io.claimflow.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the launcher starts and where: every option has a command-line form ({@code --kafka-port 9092} or
 * {@code --kafka-port=9092}) and an environment form ({@code KAFKA_PORT}); the command line wins.
 */
record StackConfig(
        Path projectDir,
        Path home,
        Path dataDir,
        int kafkaPort,
        int controllerPort,
        int postgresPort,
        int registryPort,
        int partitions,
        List<ServiceSpec> services,
        Duration healthTimeout,
        String kafkaJavaOpts,
        String registryJavaOpts,
        String postgresJavaOpts,
        String serviceJavaOpts,
        boolean classDataSharing,
        String payerBehaviours) {

    static final String DB_USER = "claimflow";
    static final String DB_PASSWORD = "claimflow";
    /** The local schema registry's HTTP Basic user (loopback only, so a fixed local password). */
    static final String REGISTRY_USER = "claimflow";
    static final String REGISTRY_PASSWORD = "claimflow-registry";
    static final List<String> DATABASES =
            List.of("claimflow_coding", "claimflow_claim", "claimflow_adjudication", "claimflow_patient_billing",
                    "claimflow_ehr", "claimflow_console");

    /** The seven services in start-up order, with their default ports and databases (null: no database). */
    static final List<ServiceSpec> ALL_SERVICES = List.of(
            new ServiceSpec("coding-service", 8091, "claimflow_coding"),
            new ServiceSpec("claim-service", 8092, "claimflow_claim"),
            new ServiceSpec("adjudication-gateway", 8093, "claimflow_adjudication"),
            new ServiceSpec("patient-billing-service", 8094, "claimflow_patient_billing"),
            new ServiceSpec("ehr-connector", 8096, "claimflow_ehr"),
            new ServiceSpec("ops-console", 8097, "claimflow_console"),
            new ServiceSpec("payer-simulator", 8095, null));

    static final String USAGE = """
            Usage: LocalStack [options]
              --project-dir DIR        project root holding <module>/target/<module>.jar    (CLAIMFLOW_PROJECT_DIR, .)
              --home DIR               logs, pid files, caches                                (CLAIMFLOW_STACK_HOME, <project>/.local-stack)
              --data-dir DIR           Kafka and PostgreSQL data, kept across restarts        (CLAIMFLOW_STACK_DATA, <home>/data)
              --kafka-port N           Kafka listener                                         (KAFKA_PORT, 9092)
              --controller-port N      KRaft controller listener                              (KAFKA_CONTROLLER_PORT, 9093)
              --postgres-port N        PostgreSQL                                             (POSTGRES_PORT, 5432)
              --registry-port N        schema registry                                        (SCHEMA_REGISTRY_PORT, 8081)
              --partitions N           partitions per topic and dead-letter topic             (TOPIC_PARTITIONS, 12)
              --<service>-port N       e.g. --coding-service-port 9001                        (CODING_SERVICE_PORT, ...)
              --services a,b           start only these services                              (CLAIMFLOW_STACK_SERVICES, all)
              --no-services            infrastructure only                                    (CLAIMFLOW_STACK_NO_SERVICES=true)
              --health-timeout SECS    how long a service may take to report UP               (CLAIMFLOW_HEALTH_TIMEOUT, 180)
              --payer-behaviours LIST  payer behaviours the simulator plays: all, or names     (CLAIMFLOW_PAYER_BEHAVIOURS, none)
                                       separated by commas (payer-simulator/README.md)
              --no-cds                 run service jars as they are, without the extracted copy and class
                                       data sharing archive kept under <home>/cache/services (CLAIMFLOW_STACK_CDS=false)
            JVM options per kind of process: CLAIMFLOW_KAFKA_JAVA_OPTS, CLAIMFLOW_REGISTRY_JAVA_OPTS,
            CLAIMFLOW_POSTGRES_JAVA_OPTS, CLAIMFLOW_SERVICE_JAVA_OPTS.
            Services: coding-service 8091, claim-service 8092, adjudication-gateway 8093,
            patient-billing-service 8094, ehr-connector 8096 (MLLP 2575), ops-console 8097,
            payer-simulator 8095.
            """;

    /** One service module: started as {@code java -jar <module>/target/<module>.jar}. */
    record ServiceSpec(String module, int port, String database) {
        ServiceSpec withPort(int newPort) {
            return new ServiceSpec(module, newPort, database);
        }

        Path jar(Path projectDir) {
            return projectDir.resolve(module).resolve("target").resolve(module + ".jar");
        }
    }

    /** Thrown for a bad command line; the message is meant for the user. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static StackConfig parse(String[] args, Map<String, String> env, Path workingDir) {
        Map<String, String> options = new HashMap<>();
        boolean noServices = Boolean.parseBoolean(env.getOrDefault("CLAIMFLOW_STACK_NO_SERVICES", "false"));
        boolean cds = Boolean.parseBoolean(env.getOrDefault("CLAIMFLOW_STACK_CDS", "true"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--no-services")) {
                noServices = true;
                continue;
            }
            if (arg.equals("--no-cds")) {
                cds = false;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException("");
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new UsageException("missing value for " + arg);
            }
        }
        Option option = new Option(options, env);

        Path projectDir = path(option.get("project-dir", "CLAIMFLOW_PROJECT_DIR", null), workingDir);
        Path home = path(option.get("home", "CLAIMFLOW_STACK_HOME", null), projectDir.resolve(".local-stack"));
        Path dataDir = path(option.get("data-dir", "CLAIMFLOW_STACK_DATA", null), home.resolve("data"));

        List<ServiceSpec> services = new ArrayList<>();
        Set<String> wanted = selectedServices(option.get("services", "CLAIMFLOW_STACK_SERVICES", null));
        for (ServiceSpec spec : ALL_SERVICES) {
            String envName = spec.module().toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
            int port = option.port(spec.module() + "-port", envName, spec.port());
            if (!noServices && (wanted == null || wanted.remove(spec.module()))) {
                services.add(spec.withPort(port));
            }
        }
        if (wanted != null && !wanted.isEmpty()) {
            throw new UsageException("unknown service(s): " + wanted + "; known: "
                    + ALL_SERVICES.stream().map(ServiceSpec::module).toList());
        }

        StackConfig config = new StackConfig(
                projectDir, home, dataDir,
                option.port("kafka-port", "KAFKA_PORT", 9092),
                option.port("controller-port", "KAFKA_CONTROLLER_PORT", 9093),
                option.port("postgres-port", "POSTGRES_PORT", 5432),
                option.port("registry-port", "SCHEMA_REGISTRY_PORT", 8081),
                option.positiveInt("partitions", "TOPIC_PARTITIONS", 12),
                List.copyOf(services),
                Duration.ofSeconds(option.positiveInt("health-timeout", "CLAIMFLOW_HEALTH_TIMEOUT", 180)),
                option.get("kafka-java-opts", "CLAIMFLOW_KAFKA_JAVA_OPTS", "-Xms256m -Xmx512m -XX:+UseG1GC"),
                option.get("registry-java-opts", "CLAIMFLOW_REGISTRY_JAVA_OPTS",
                        "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                option.get("postgres-java-opts", "CLAIMFLOW_POSTGRES_JAVA_OPTS",
                        "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                // C1 only: a third less CPU to start, which is what five services starting on two cores lack;
                // set CLAIMFLOW_SERVICE_JAVA_OPTS without it to measure throughput
                option.get("service-java-opts", "CLAIMFLOW_SERVICE_JAVA_OPTS",
                        "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                cds,
                payerBehaviours(option.get("payer-behaviours", "CLAIMFLOW_PAYER_BEHAVIOURS", "")));
        if (!options.isEmpty()) {
            throw new UsageException("unknown option(s): " + options.keySet().stream().map(k -> "--" + k).toList());
        }
        config.checkPortsDistinct();
        return config;
    }

    /**
     * The simulator's configuration for {@code --payer-behaviours}, as the environment of its process (Spring's
     * relaxed binding of {@code payer-simulator.behaviours.enabled}); empty when none is asked for. The simulator
     * checks the names and refuses to start on an unknown one, naming those it knows.
     */
    Map<String, String> payerSimulatorEnv() {
        return payerBehaviours.isEmpty() ? Map.of() : Map.of("PAYERSIMULATOR_BEHAVIOURS_ENABLED", payerBehaviours);
    }

    private static String payerBehaviours(String value) {
        String list = value.replace(" ", "");
        if (!list.isEmpty() && !list.matches("[a-z0-9-]+(,[a-z0-9-]+)*")) {
            throw new UsageException("--payer-behaviours: 'all' or names separated by commas, e.g. "
                    + "reversal,pend (see payer-simulator/README.md)");
        }
        return list;
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path run() {
        return home.resolve("run");
    }

    Path kafkaData() {
        return dataDir.resolve("kafka");
    }

    Path postgresData() {
        return dataDir.resolve("postgres");
    }

    String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    private void checkPortsDistinct() {
        Map<Integer, String> seen = new HashMap<>();
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("kafka", kafkaPort);
        ports.put("kafka controller", controllerPort);
        ports.put("postgres", postgresPort);
        ports.put("schema registry", registryPort);
        services.forEach(s -> ports.put(s.module(), s.port()));
        ports.forEach((name, port) -> {
            String other = seen.putIfAbsent(port, name);
            if (other != null) {
                throw new UsageException(name + " and " + other + " both want port " + port);
            }
        });
    }

    private static Set<String> selectedServices(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
        return names;
    }

    private static Path path(String value, Path fallback) {
        return (value == null || value.isBlank() ? fallback : Path.of(value)).toAbsolutePath().normalize();
    }

    /** Reads options, consuming each so that leftovers can be reported as unknown. */
    private record Option(Map<String, String> options, Map<String, String> env) {
        String get(String name, String envName, String fallback) {
            String value = options.remove(name);
            if (value == null) {
                value = env.get(envName);
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int port(String name, String envName, int fallback) {
            int port = positiveInt(name, envName, fallback);
            if (port > 65535) {
                throw new UsageException("--" + name + ": not a port: " + port);
            }
            return port;
        }

        int positiveInt(String name, String envName, int fallback) {
            String value = get(name, envName, null);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " (or " + envName + "): not a positive number: " + value);
            }
        }
    }
}
