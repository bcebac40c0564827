package io.claimflow.localstack;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * One command for the whole system on one machine: a KRaft Kafka broker, PostgreSQL and the schema registry, each
 * in a JVM of its own, then the topics, the registry subjects, and every service ({@code java -jar}), each
 * waited for until healthy. All data lives under one directory, so a restart keeps it; each process logs to
 * {@code <home>/logs/<name>.log}. Ctrl-C (or SIGTERM) stops everything in reverse order; if the launcher itself is
 * killed, a small reaper process stops what it left behind, and the next start clears anything that survived.
 *
 * <p>Run it through {@code ./stack up}; {@code --help} lists the options.
 */
public final class LocalStack {

    static final String REGISTRY_MAIN = "io.claimflow.registry.SchemaRegistryServer";
    static final String REGISTRY_TOPIC = "_schemas";
    static final String LAUNCHER_LOCK = LauncherLock.FILE;
    static final String ENDPOINTS = Endpoints.FILE;
    static final String POSTGRES_READY = "postgres.ready";

    static final int ORDER_KAFKA = 10;
    static final int ORDER_POSTGRES = 20;
    private static final int ORDER_POSTMASTER = 21;
    private static final int ORDER_REGISTRY = 30;
    private static final int ORDER_SERVICES = 50;

    private final StackConfig config;
    private final StackProgress out;
    private final PidFiles pidFiles;
    private final HttpClient http;
    private final Readiness readiness;
    private final JavaCommands commands;
    private final ProcessLauncher launcher;

    /** Everything started, in start order. */
    private final Components components = new Components();

    private volatile boolean stopping;
    private boolean stopped;
    private Reaper reaper;
    private final Postmaster postmaster;
    /** Components stopped or killed through {@link StackControl}: their exit is not reported as a failure. */
    private final ComponentControl control;

    /** Start-up failed; the message says what and where to look. */
    static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }
    }

    /** Start-up was cut short by Ctrl-C. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super(null, null, false, false);
        }
    }

    LocalStack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = new StackProgress(out);
        this.pidFiles = new PidFiles(config.run());
        this.postmaster = new Postmaster(config.postgresData(), pidFiles, ORDER_POSTMASTER);
        String marker = "-Dclaimflow.localstack.home=" + config.home();
        this.commands = JavaCommands.ofThisJvm(marker, config.logs());
        this.launcher =
                new ProcessLauncher(config.logs(), config.projectDir(), pidFiles, marker, this.out, () -> stopping);
        int registryPort = config.registryPort();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .authenticator(new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        // only the local registry's challenge: services' health is open, and no other credentials go
                        // out
                        return getRequestingPort() == registryPort
                                ? new PasswordAuthentication(
                                        StackConfig.REGISTRY_USER, StackConfig.REGISTRY_PASSWORD.toCharArray())
                                : null;
                    }
                })
                .build();
        this.readiness = new Readiness(http, () -> stopping);
        this.control = new ComponentControl(
                config, components, launcher, readiness, postmaster, this.out, this::writeEndpoints);
    }

    public static void main(String[] args) {
        StackConfig config;
        try {
            config = StackConfig.parse(args, System.getenv(), Path.of(""));
        } catch (StackConfig.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.print(StackConfig.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        LocalStack stack = new LocalStack(config, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::shutdown, "local-stack-shutdown"));
        try {
            stack.up();
        } catch (Aborted e) {
            return; // the shutdown hook is stopping everything
        } catch (StartupException e) {
            System.err.println();
            System.err.println("local stack did not start: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println();
            System.err.println("local stack did not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stack.watch();
    }

    // ---------------------------------------------------------------------------------------------- start-up

    void up() throws Exception {
        out.line("ClaimFlow local stack: data " + display(config.dataDir()) + ", logs " + display(config.logs()));
        Files.createDirectories(config.run());
        Files.createDirectories(config.logs());
        Files.createDirectories(config.dataDir());
        LauncherLock.take(config.run(), display(config.home()));
        pidFiles.stopLeftovers(Duration.ofSeconds(30), line -> out.line("  " + line));
        stopLeftoverPostmaster();
        checkPortsFree();
        startReaper();
        Map<ServiceSpec, CompletableFuture<ServiceRuntime>> runtimes = ServiceStarts.prepare(
                config, Path.of(System.getProperty("java.home"), "bin", "java").toString());

        // (a) Kafka: formatting (first run only) overlaps with PostgreSQL's start, both take a JVM's start-up
        List<StackConfig.BrokerNode> nodes = config.brokerNodes();
        String clusterId = nodes.stream()
                .map(n -> KafkaBroker.clusterId(n.data()))
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseGet(() -> Uuid.randomUuid().toString());
        Map<StackConfig.BrokerNode, Path> serverProperties = new LinkedHashMap<>();
        Map<StackConfig.BrokerNode, ChildProcess> formats = new LinkedHashMap<>();
        for (StackConfig.BrokerNode node : nodes) {
            Path properties = config.run().resolve(node.name() + "-server.properties");
            KafkaBroker.write(
                    KafkaBroker.serverProperties(node, config.quorumVoters(), config.partitions(), config.shape()),
                    properties);
            serverProperties.put(node, properties);
            if (!KafkaBroker.isFormatted(node.data())) {
                Files.createDirectories(node.data());
                formats.put(
                        node,
                        start(
                                node.name() + "-format",
                                ORDER_KAFKA - 1,
                                KafkaBroker.formatCommand(
                                        commands.withClasspath(config.kafkaJavaOpts()), clusterId, properties),
                                Map.of()));
            }
        }
        // (b) PostgreSQL
        Path pgReady = config.run().resolve(POSTGRES_READY);
        Files.deleteIfExists(pgReady);
        List<String> pgCommand = commands.withClasspath(config.postgresJavaOpts());
        pgCommand.addAll(List.of(
                PostgresMain.class.getName(),
                config.postgresData().toString(),
                Integer.toString(config.postgresPort()),
                config.home().resolve("cache/postgres").toString(),
                pgReady.toString(),
                StackConfig.DB_USER,
                StackConfig.DB_PASSWORD));
        pgCommand.addAll(StackConfig.DATABASES);
        ChildProcess postgres = start("postgres", ORDER_POSTGRES, pgCommand, Map.of());
        register(new Components.Component(
                "postgres",
                postgres,
                "localhost:" + config.postgresPort() + " (" + StackConfig.DB_USER + "/" + StackConfig.DB_PASSWORD + ")",
                "tcp:127.0.0.1:" + config.postgresPort(),
                ORDER_POSTGRES));

        for (Map.Entry<StackConfig.BrokerNode, ChildProcess> format : formats.entrySet()) {
            int code = format.getValue().waitFor(Duration.ofSeconds(120));
            if (code != 0) {
                throw new StartupException("formatting Kafka storage failed (exit " + code + "), see "
                        + display(format.getValue().log()) + "\n"
                        + format.getValue().tail(15));
            }
            step(format.getKey().name() + " storage formatted in "
                    + display(format.getKey().data()));
        }
        // a cluster's nodes all at once: none is ready before a majority of the controller quorum runs
        Map<StackConfig.BrokerNode, ChildProcess> brokers = new LinkedHashMap<>();
        for (StackConfig.BrokerNode node : nodes) {
            ChildProcess kafka = start(
                    node.name(),
                    brokerOrder(node),
                    KafkaBroker.startCommand(
                            commands.withClasspath(config.kafkaJavaOpts()), serverProperties.get(node)),
                    Map.of());
            brokers.put(node, kafka);
            register(new Components.Component(
                    node.name(),
                    kafka,
                    "localhost:" + node.port() + " (controller " + node.controllerPort() + ")",
                    "tcp:" + KafkaBroker.HOST + ":" + node.port(),
                    brokerOrder(node)));
        }

        try (Admin admin = Admin.create(KafkaBroker.adminProperties(config.kafkaBootstrap()))) {
            for (Map.Entry<StackConfig.BrokerNode, ChildProcess> broker : brokers.entrySet()) {
                readiness.awaitKafka(
                        broker.getValue(),
                        broker.getKey().port(),
                        broker.getKey().node(),
                        admin,
                        brokerTimeout(config));
            }
            step(
                    nodes.size() == 1
                            ? "kafka ready on " + config.kafkaBootstrap()
                            : nodes.size() + " kafka brokers ready on " + config.kafkaBootstrap()
                                    + " (replication factor "
                                    + config.shape().replicationFactor() + ", min.insync.replicas "
                                    + config.shape().minInsyncReplicas() + ")");

            // (c) the schema registry, booting while (d) the topics are created
            // loopback only, HTTP Basic (issue 19): the services send basic.auth.user.info, the launcher's own client
            // answers the challenge
            Map<String, String> registryEnv = ServiceEnvironment.registry(config, REGISTRY_TOPIC);
            List<String> registryCommand = commands.withClasspath(config.registryJavaOpts());
            registryCommand.add(REGISTRY_MAIN);
            ChildProcess registry = start("schema-registry", ORDER_REGISTRY, registryCommand, registryEnv);
            register(new Components.Component(
                    "schema-registry",
                    registry,
                    config.registryUrl(),
                    "http:" + config.registryUrl() + "/subjects",
                    ORDER_REGISTRY));

            List<String> topics = TopicBootstrap.topicNames();
            List<String> created = TopicBootstrap.ensure(admin, topics, config.partitions(), config.shape());
            step(
                    created.isEmpty()
                            ? "topics present: " + topics.size() + " (events and dead letters)"
                            : "topics created: " + created.size() + " of " + topics.size() + " (" + config.partitions()
                                    + " partitions, replication "
                                    + config.shape().replicationFactor() + ")");
            List<String> thin = TopicBootstrap.underPartitioned(admin, topics, config.partitions());
            if (!thin.isEmpty()) {
                out.line("  note: topics with fewer than " + config.partitions() + " partitions (left as they are): "
                        + thin);
            }

            readiness.awaitHttp(registry, config.registryUrl() + "/subjects", Duration.ofSeconds(60), false);
            step("schema-registry ready on " + config.registryUrl());
        }

        // (e) subjects
        registerSubjects();

        readiness.awaitFile(postgres, pgReady, Duration.ofSeconds(180));
        step("postgres ready on localhost:" + config.postgresPort() + ", databases " + StackConfig.DATABASES);
        postmaster.record();
        writeEndpoints();

        // (f) services, all at once: they do not depend on each other to start; every instance of a service shares
        // its consumer groups and database
        Map<StackConfig.ServiceInstance, ChildProcess> services = new LinkedHashMap<>();
        int order = ORDER_SERVICES;
        for (StackConfig.ServiceInstance instance : config.serviceInstances()) {
            ServiceSpec spec = instance.spec();
            Path jar = spec.jar(config.projectDir());
            if (!Files.isRegularFile(jar)) {
                if (instance.number() == 1) {
                    out.line(ServiceStarts.missingJar(spec, jar));
                }
                continue;
            }
            ServiceRuntime runtime = runtimeOf(runtimes, spec.module());
            // only the first instance records the class data archive (one file per service); the others map it once
            // it exists
            List<String> command = ServiceStarts.command(
                    commands.java(config.serviceJavaOpts()), runtime, jar, instance.number() == 1);
            ChildProcess process = start(instance.name(), order, command, serviceEnv(instance));
            services.put(instance, process);
            register(new Components.Component(
                    instance.name(),
                    process,
                    "http://localhost:" + spec.port(),
                    "health:" + ServiceEnvironment.healthUrl(spec),
                    order++,
                    instance.number() == 1 ? runtime : null));
        }
        writeEndpoints();
        Set<String> failed = awaitServices(services);
        printTable(failed);
    }

    /** A postmaster left by a launcher that died before stopping it (pg_ctl detaches it from its parent). */
    private void stopLeftoverPostmaster() {
        postmaster.live().ifPresent(handle -> {
            out.line("  stopping leftover PostgreSQL (pid " + handle.pid() + ") from an earlier run");
            PidFiles.signal(handle, "INT");
            PidFiles.awaitExit(List.of(handle), Duration.ofSeconds(30));
        });
    }

    private void checkPortsFree() {
        List<String> busy = Ports.busy(config.ports());
        if (!busy.isEmpty()) {
            throw new StartupException("ports already in use: " + busy + ". Another stack or program holds them;"
                    + " stop it or pick other ports (--help).");
        }
    }

    /** See {@link Reaper}: stops the children should this JVM be killed before its shutdown hook runs. */
    private void startReaper() {
        try {
            reaper = Reaper.start(config.run(), config.logs().resolve("reaper.log"))
                    .orElse(null);
        } catch (IOException e) {
            out.line("  note: no reaper (" + e.getMessage() + "); if the launcher is killed, the next start"
                    + " stops what it left");
        }
    }

    private void registerSubjects() throws IOException, InterruptedException {
        try {
            Map<String, Integer> ids = registerAllRetrying();
            step("subjects registered: "
                    + ids.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
        } catch (SubjectBootstrap.RegistrationException e) {
            // not fatal: the stack still runs, and the producing service will report the same refusal
            out.line("  WARNING: the registry refused a schema: " + e.getMessage());
            out.line("           (a schema changed incompatibly; ./stack wipe starts from empty data)");
        }
    }

    /**
     * Registering is idempotent (same schema, same id), so a connection the registry dropped or a request it answered
     * too late is simply asked again: on a loaded machine a new cluster's first writes to {@code _schemas} can take
     * seconds while the brokers still learn of the topic.
     */
    private Map<String, Integer> registerAllRetrying() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return SubjectBootstrap.registerAll(http, config.registryUrl());
            } catch (IOException e) {
                if (attempt == 5 || stopping) {
                    throw e;
                }
                out.line("  registering the subjects again (" + e.getMessage() + ")");
                Thread.sleep(2000L * attempt);
            }
        }
    }

    private Map<String, String> serviceEnv(StackConfig.ServiceInstance instance) {
        return ServiceEnvironment.of(config, instance, System.getenv("CLAIMFLOW_PAYER_SIMULATOR_CONFIG"));
    }

    private static ServiceRuntime runtimeOf(
            Map<ServiceSpec, CompletableFuture<ServiceRuntime>> runtimes, String module) {
        return runtimes.entrySet().stream()
                .filter(e -> e.getKey().module().equals(module))
                .map(e -> e.getValue().join())
                .findFirst()
                .orElse(null);
    }

    /** Brokers start in node order, right after one another; the last stops first. */
    static int brokerOrder(StackConfig.BrokerNode node) {
        return ORDER_KAFKA + node.node() - 1;
    }

    // ---------------------------------------------------------------------------------------------- waiting

    /** Waits for every service until UP, dead, or out of time; returns the names of those that did not come up. */
    private Set<String> awaitServices(Map<StackConfig.ServiceInstance, ChildProcess> services)
            throws InterruptedException {
        List<ServiceWait.Target> targets = services.entrySet().stream()
                .map(e -> ServiceWait.of(
                        e.getValue(),
                        "http://localhost:" + e.getKey().spec().port(),
                        () -> readiness.httpOk(
                                ServiceEnvironment.healthUrl(e.getKey().spec()), true)))
                .toList();
        return new ServiceWait(out, () -> stopping).await(targets, config.healthTimeout());
    }

    // ---------------------------------------------------------------------------------------------- running

    /**
     * After start-up: report any process that dies, until the shutdown hook runs, and carry out the kill, stop and
     * start requests of {@link StackControl} ({@code ./stack kill NAME} ...).
     */
    void watch() {
        Set<String> reported = new HashSet<>();
        long nextCheck = 0;
        while (!stopping) {
            for (StackControl.Request request : StackControl.take(config.run())) {
                control.carryOut(request);
                reported.remove(request.name());
            }
            if (System.nanoTime() >= nextCheck) {
                for (Components.Component c : components.snapshot()) {
                    if (!c.process().isAlive()
                            && !stopping
                            && !control.downOnPurpose(c.name())
                            && reported.add(c.name())) {
                        out.line(StackProgress.exited(
                                c.name(),
                                c.process().exitValue(),
                                c.process().log(),
                                c.process().tail(20)));
                    }
                }
                nextCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The shutdown hook: services first, then the registry, PostgreSQL and Kafka, each asked first and then killed. */
    void shutdown() {
        List<Components.Component> toStop;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopping = true;
            stopped = true;
            toStop = components.snapshot();
        }
        long t0 = System.nanoTime();
        if (!toStop.isEmpty()) {
            out.blank();
            out.line("Stopping the local stack ...");
        }
        // services are independent of each other: stop them together
        stopTogether(Components.services(toStop, ORDER_SERVICES));
        List<Components.Component> brokers = new ArrayList<>();
        Components.infrastructureLastFirst(toStop, ORDER_SERVICES).forEach(c -> {
            if (c.order() >= ORDER_KAFKA && c.order() < ORDER_POSTGRES) {
                brokers.add(c);
                return;
            }
            control.stopOne(c, Duration.ofSeconds(30));
            if (c.order() == ORDER_POSTGRES) {
                postmaster.stop(Duration.ofSeconds(20));
            }
        });
        // a cluster's brokers together, last: one stopped after the others would wait for a controller quorum
        stopTogether(brokers);
        if (reaper != null) {
            try {
                reaper.release(5, TimeUnit.SECONDS); // it finds no pid files left and exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        PidFiles.delete(config.run().resolve(ENDPOINTS));
        PidFiles.delete(config.run().resolve(POSTGRES_READY));
        PidFiles.delete(config.run().resolve(LAUNCHER_LOCK));
        if (!toStop.isEmpty()) {
            out.line("Stopped in " + seconds(Duration.ofNanos(System.nanoTime() - t0)) + ".");
        }
        out.flush();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void stopTogether(List<Components.Component> toStop) {
        List<Thread> threads = new ArrayList<>();
        for (Components.Component c : toStop) {
            Thread t = new Thread(() -> control.stopOne(c, ComponentControl.graceOf(c)), "stop-" + c.name());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ChildProcess start(String name, int order, List<String> command, Map<String, String> env) {
        return launcher.start(name, order, command, env);
    }

    /** Adds a started process to the shutdown list, or stops it at once if shutdown has begun. */
    private void register(Components.Component component) {
        boolean added;
        synchronized (this) {
            added = components.add(component, stopping);
        }
        if (!added) {
            component.process().stop(Duration.ofSeconds(10));
            throw new Aborted();
        }
    }

    /** Lines for {@code ./stack status}: name, pid, how to check it, address. */
    private synchronized void writeEndpoints() {
        Endpoints.write(
                config.run().resolve(ENDPOINTS),
                components.byOrder().stream()
                        .map(c -> new Endpoints.Endpoint(c.name(), c.process().pid(), c.check(), c.address()))
                        .toList());
    }

    private void printTable(Set<String> failed) {
        out.startedTable(
                components.byOrder().stream()
                        .map(c -> new StatusTable.Row(
                                c.name(),
                                c.process().pid(),
                                c.address(),
                                c.process().isAlive(),
                                display(c.process().log())))
                        .toList(),
                failed,
                StackConfig.ALL_SERVICES,
                config.services());
    }

    private void step(String message) {
        out.step(message);
    }

    static String seconds(Duration d) {
        return StackProgress.seconds(d);
    }

    /** How long a broker may take to be ready: 90 s, or the health timeout when that is longer. */
    static Duration brokerTimeout(StackConfig config) {
        Duration minimum = Duration.ofSeconds(90);
        return config.healthTimeout().compareTo(minimum) > 0 ? config.healthTimeout() : minimum;
    }

    static String display(Path path) {
        return StackProgress.display(path);
    }
}
