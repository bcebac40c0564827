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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

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
        String payerBehaviours,
        ClusterShape shape,
        int mllpPort) {

    static final String DB_USER = "claimflow";
    static final String DB_PASSWORD = "claimflow";
    /** The local schema registry's HTTP Basic user (loopback only, so a fixed local password). */
    static final String REGISTRY_USER = "claimflow";

    static final String REGISTRY_PASSWORD = "claimflow-registry";
    /** The one list of components and default ports ({@code services.tsv}). */
    static final ServiceRegistry REGISTRY = ServiceRegistry.load();

    static final List<String> DATABASES = REGISTRY.databases();

    /** The services in start-up order, with their default ports and databases (null: no database). */
    static final List<ServiceSpec> ALL_SERVICES = REGISTRY.services().stream()
            .map(e -> new ServiceSpec(e.name(), e.port(), e.database()))
            .toList();

    static final String USAGE = """
            Usage: LocalStack [options]
              --project-dir DIR        project root holding <module>/target/<module>.jar    (CLAIMFLOW_PROJECT_DIR, .)
              --home DIR               logs, pid files, caches                                (CLAIMFLOW_STACK_HOME, <project>/.local-stack)
              --data-dir DIR           Kafka and PostgreSQL data, kept across restarts        (CLAIMFLOW_STACK_DATA, <home>/data)
              --kafka-port N           Kafka listener                                         (KAFKA_PORT, %d)
              --controller-port N      KRaft controller listener                              (KAFKA_CONTROLLER_PORT, %d)
              --postgres-port N        PostgreSQL                                             (POSTGRES_PORT, %d)
              --registry-port N        schema registry                                        (SCHEMA_REGISTRY_PORT, %d)
              --partitions N           partitions per topic and dead-letter topic             (TOPIC_PARTITIONS, 12)
              --<service>-port N       e.g. --coding-service-port 9001                        (CODING_SERVICE_PORT, ...)
              --services a,b           start only these services                              (CLAIMFLOW_STACK_SERVICES, all)
              --no-services            infrastructure only                                    (CLAIMFLOW_STACK_NO_SERVICES=true)
              --health-timeout SECS    how long a service may take to report UP               (CLAIMFLOW_HEALTH_TIMEOUT, 180)
              --payer-behaviours LIST  payer behaviours the simulator plays: all, or names     (CLAIMFLOW_PAYER_BEHAVIOURS, none)
                                       separated by commas (payer-simulator/README.md)
              --brokers N              KRaft brokers (each also a controller): 1, or 3 for a cluster  (CLAIMFLOW_STACK_BROKERS, 1)
                                       whose topics have 3 replicas, min.insync.replicas 2; named kafka-1 ..
              --instances N            processes per service, sharing its consumer groups and  (CLAIMFLOW_STACK_INSTANCES, 1)
                                       database; named claim-service-1 .. when more than one
              --port-step N            broker k and instance k listen on the first one's port  (CLAIMFLOW_STACK_PORT_STEP, 100)
                                       plus (k - 1) * N: kafka-2 on 9192, claim-service-2 on 8192
              --mllp-port N            ehr-connector's HL7 v2 MLLP listener (instance k: + step) (CLAIMFLOW_EHR_MLLP_PORT, 2575)
              --no-cds                 run service jars as they are, without the extracted copy and class
                                       data sharing archive kept under <home>/cache/services (CLAIMFLOW_STACK_CDS=false);
                                       also when the services' JVM options choose it themselves (-Xshare, an archive or AOT cache)
            JVM options per kind of process: CLAIMFLOW_KAFKA_JAVA_OPTS, CLAIMFLOW_REGISTRY_JAVA_OPTS,
            CLAIMFLOW_POSTGRES_JAVA_OPTS, CLAIMFLOW_SERVICE_JAVA_OPTS.
            Services and their default ports (local-stack/src/main/resources/io/claimflow/localstack/services.tsv):
            %s; ehr-connector also listens for MLLP (--mllp-port).
            """.formatted(
                    REGISTRY.port("kafka"),
                    REGISTRY.port("kafka-controller"),
                    REGISTRY.port("postgres"),
                    REGISTRY.port("schema-registry"),
                    ALL_SERVICES.stream().map(s -> s.module() + " " + s.port()).collect(Collectors.joining(", ")));

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

    /** The options that take a value, besides {@code --<service>-port}. */
    private static final List<String> VALUE_OPTIONS = List.of(
            "project-dir",
            "home",
            "data-dir",
            "kafka-port",
            "controller-port",
            "postgres-port",
            "registry-port",
            "partitions",
            "services",
            "health-timeout",
            "payer-behaviours",
            "brokers",
            "instances",
            "port-step",
            "mllp-port",
            "kafka-java-opts",
            "registry-java-opts",
            "postgres-java-opts",
            "service-java-opts");

    /** Reads the command line (picocli: {@code --name VALUE} or {@code --name=VALUE}), then the environment. */
    static StackConfig parse(String[] args, Map<String, String> env, Path workingDir) {
        CommandSpec commandLine = CommandSpec.create();
        VALUE_OPTIONS.forEach(name -> commandLine.addOption(OptionSpec.builder("--" + name)
                .paramLabel("VALUE")
                .type(String.class)
                .build()));
        ALL_SERVICES.forEach(service -> commandLine.addOption(OptionSpec.builder("--" + service.module() + "-port")
                .paramLabel("N")
                .type(String.class)
                .build()));
        commandLine.addOption(OptionSpec.builder("--no-services")
                .arity("0")
                .type(boolean.class)
                .build());
        commandLine.addOption(
                OptionSpec.builder("--no-cds").arity("0").type(boolean.class).build());
        commandLine.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .arity("0")
                .type(boolean.class)
                .build());
        ParseResult parsed;
        try {
            parsed = new CommandLine(commandLine).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (parsed.isUsageHelpRequested()) {
            throw new UsageException("");
        }
        boolean noServices = parsed.hasMatchedOption("--no-services")
                || Boolean.parseBoolean(env.getOrDefault("CLAIMFLOW_STACK_NO_SERVICES", "false"));
        boolean cds = !parsed.hasMatchedOption("--no-cds")
                && Boolean.parseBoolean(env.getOrDefault("CLAIMFLOW_STACK_CDS", "true"));
        Map<String, String> options = new HashMap<>();
        for (OptionSpec matched : parsed.matchedOptions()) {
            if (matched.type() == String.class) {
                options.put(matched.longestName().substring(2), matched.getValue());
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

        // the JVM's tiered compilation (C1, then C2), as the services' images run it: warm (past about 15,000
        // encounters) 28-33% less CPU per encounter than C1 only, which costs half the CPU to start and less over
        // the first thousands of encounters (local-stack README, "The services' JIT"); CLAIMFLOW_SERVICE_JAVA_OPTS
        // with -XX:TieredStopAtLevel=1 for a short demo
        String serviceJavaOpts =
                option.get("service-java-opts", "CLAIMFLOW_SERVICE_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC");
        StackConfig config = new StackConfig(
                projectDir,
                home,
                dataDir,
                option.port("kafka-port", "KAFKA_PORT", REGISTRY.port("kafka")),
                option.port("controller-port", "KAFKA_CONTROLLER_PORT", REGISTRY.port("kafka-controller")),
                option.port("postgres-port", "POSTGRES_PORT", REGISTRY.port("postgres")),
                option.port("registry-port", "SCHEMA_REGISTRY_PORT", REGISTRY.port("schema-registry")),
                option.positiveInt("partitions", "TOPIC_PARTITIONS", 12),
                List.copyOf(services),
                Duration.ofSeconds(option.positiveInt("health-timeout", "CLAIMFLOW_HEALTH_TIMEOUT", 180)),
                // C1 only: the broker's C2 compiler threads took about a third of its CPU through the
                // benchmark's first 4,000 encounters (docs/benchmark, issue 22)
                option.get(
                        "kafka-java-opts",
                        "CLAIMFLOW_KAFKA_JAVA_OPTS",
                        "-Xms256m -Xmx512m -XX:+UseG1GC -XX:TieredStopAtLevel=1"),
                option.get(
                        "registry-java-opts",
                        "CLAIMFLOW_REGISTRY_JAVA_OPTS",
                        "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                option.get(
                        "postgres-java-opts",
                        "CLAIMFLOW_POSTGRES_JAVA_OPTS",
                        "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                serviceJavaOpts,
                cds && !choosesClassDataSharing(serviceJavaOpts),
                payerBehaviours(option.get("payer-behaviours", "CLAIMFLOW_PAYER_BEHAVIOURS", "")),
                new ClusterShape(
                        upTo(option.positiveInt("brokers", "CLAIMFLOW_STACK_BROKERS", 1), 5, "--brokers"),
                        upTo(option.positiveInt("instances", "CLAIMFLOW_STACK_INSTANCES", 1), 5, "--instances"),
                        option.positiveInt("port-step", "CLAIMFLOW_STACK_PORT_STEP", 100)),
                option.port("mllp-port", "CLAIMFLOW_EHR_MLLP_PORT", 2575));
        if (!options.isEmpty()) {
            throw new UsageException("unknown option(s): "
                    + options.keySet().stream().map(k -> "--" + k).toList());
        }
        config.checkPortsDistinct();
        return config;
    }

    /**
     * Whether JVM options choose class data sharing themselves (off, an archive or an AOT cache): the launcher then
     * adds none of its own, as the JVM refuses to start with its archive or cache options beside any of these. The
     * images' entrypoint (docker/service-entrypoint.sh) decides the same way.
     */
    static boolean choosesClassDataSharing(String javaOpts) {
        return Arrays.stream(javaOpts.trim().split("\\s+"))
                .anyMatch(o -> ServiceRuntime.archiveOption(o)
                        || o.startsWith("-Xshare:")
                        || Stream.of("-XX:AOTMode=", "-XX:SharedClassListFile=", "-XX:DumpLoadedClassList=")
                                .anyMatch(o::startsWith));
    }

    /**
     * The simulator's configuration for {@code --payer-behaviours}, as the environment of its process (Spring's
     * relaxed binding of {@code payer-simulator.behaviours.enabled}); empty when none is asked for. The simulator
     * checks the names and refuses to start on an unknown one, naming those it knows.
     */
    Map<String, String> payerSimulatorEnv() {
        return payerBehaviours.isEmpty() ? Map.of() : Map.of("PAYERSIMULATOR_BEHAVIOURS_ENABLED", payerBehaviours);
    }

    private static int upTo(int value, int max, String option) {
        if (value > max) {
            throw new UsageException(option + ": at most " + max + " on one machine, not " + value);
        }
        return value;
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

    /** The first broker's data (the only one's in a single stack). */
    Path kafkaData() {
        return brokerNodes().get(0).data();
    }

    /** One KRaft node: broker and controller in one process. */
    record BrokerNode(int node, String name, int port, int controllerPort, Path data) {}

    /** One process of a service: its spec with this instance's port, its number and its component name. */
    record ServiceInstance(ServiceSpec spec, int number, String name) {}

    /** The brokers: {@code kafka} on the data directory's {@code kafka}, or {@code kafka-k} on {@code kafka-k}. */
    List<BrokerNode> brokerNodes() {
        List<BrokerNode> nodes = new ArrayList<>();
        for (int k = 1; k <= shape.brokers(); k++) {
            String name = shape.brokerName(k);
            nodes.add(new BrokerNode(
                    k, name, shape.port(kafkaPort, k), shape.port(controllerPort, k), dataDir.resolve(name)));
        }
        return nodes;
    }

    /**
     * Modules that run once whatever {@code --instances} says: the payer simulator stands in for the payer outside
     * ClaimFlow and keeps its mailbox in memory, so a second one would be a second payer nobody sends to.
     */
    static final Set<String> ONE_INSTANCE = Set.of("payer-simulator");

    /** Every instance of every selected service, service by service. */
    List<ServiceInstance> serviceInstances() {
        List<ServiceInstance> all = new ArrayList<>();
        for (ServiceSpec spec : services) {
            int count = ONE_INSTANCE.contains(spec.module()) ? 1 : shape.instances();
            for (int k = 1; k <= count; k++) {
                all.add(new ServiceInstance(
                        spec.withPort(shape.port(spec.port(), k)),
                        k,
                        count == 1 ? spec.module() : shape.instanceName(spec.module(), k)));
            }
        }
        return all;
    }

    /** ehr-connector instance {@code number}'s MLLP port. */
    int mllpPort(int number) {
        return shape.port(mllpPort, number);
    }

    /** {@code controller.quorum.voters}: every node's id at its controller listener. */
    String quorumVoters() {
        return brokerNodes().stream()
                .map(n -> n.node() + "@" + KafkaBroker.HOST + ":" + n.controllerPort())
                .collect(Collectors.joining(","));
    }

    Path postgresData() {
        return dataDir.resolve("postgres");
    }

    /** Every broker, for every client: one that is down is skipped by the client. */
    String kafkaBootstrap() {
        return brokerNodes().stream().map(n -> "localhost:" + n.port()).collect(Collectors.joining(","));
    }

    String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    /** Every port the stack listens on, by what listens there, in start order. */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        for (BrokerNode n : brokerNodes()) {
            ports.put(n.name(), n.port());
            ports.put(n.name() + " controller", n.controllerPort());
        }
        ports.put("postgres", postgresPort);
        ports.put("schema registry", registryPort);
        for (ServiceInstance i : serviceInstances()) {
            ports.put(i.name(), i.spec().port());
            if (i.spec().module().equals("ehr-connector")) {
                ports.put(i.name() + " MLLP", mllpPort(i.number()));
            }
        }
        return ports;
    }

    private void checkPortsDistinct() {
        Map<Integer, String> seen = new HashMap<>();
        ports().forEach((name, port) -> {
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
        Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(names::add);
        return names;
    }

    private static Path path(String value, Path fallback) {
        return (value == null || value.isBlank() ? fallback : Path.of(value))
                .toAbsolutePath()
                .normalize();
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
