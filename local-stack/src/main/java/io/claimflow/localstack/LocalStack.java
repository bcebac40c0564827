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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

    static final String CHILD_LOG_CONFIG = "claimflow-local-stack-child-log4j2.xml";
    static final String REGISTRY_MAIN = "io.claimflow.registry.SchemaRegistryServer";
    static final String REGISTRY_TOPIC = "_schemas";
    static final String LAUNCHER_LOCK = "launcher.lock";
    static final String ENDPOINTS = Endpoints.FILE;
    static final String POSTGRES_READY = "postgres.ready";

    private static final int ORDER_KAFKA = 10;
    private static final int ORDER_POSTGRES = 20;
    private static final int ORDER_POSTMASTER = 21;
    private static final int ORDER_REGISTRY = 30;
    private static final int ORDER_SERVICES = 50;

    private final StackConfig config;
    private final PrintStream out;
    private final PidFiles pidFiles;
    private final String marker;
    private final HttpClient http;
    private final Readiness readiness;
    private final long startNanos = System.nanoTime();

    /** Everything started, in start order; guarded by {@code this}. */
    private final List<Component> components = new ArrayList<>();

    private volatile boolean stopping;
    private boolean stopped;
    private Reaper reaper;
    private Long postmasterPid;
    /** How each component was started, so that {@link StackControl} can start it again the same way. */
    private final Map<String, Launch> launches = new java.util.concurrent.ConcurrentHashMap<>();
    /** Components stopped or killed through {@link StackControl}: their exit is not reported as a failure. */
    private final Set<String> downOnPurpose = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A component's start: its order, command and environment. */
    private record Launch(int order, List<String> command, Map<String, String> env) {}

    /** A started process and how to reach it. */
    private record Component(
            String name, ChildProcess process, String address, String check, int order, ServiceRuntime runtime) {
        Component(String name, ChildProcess process, String address, String check, int order) {
            this(name, process, address, check, order, null);
        }
    }

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
        this.out = out;
        this.pidFiles = new PidFiles(config.run());
        this.marker = "-Dclaimflow.localstack.home=" + config.home();
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
        out.println("ClaimFlow local stack: data " + display(config.dataDir()) + ", logs " + display(config.logs()));
        Files.createDirectories(config.run());
        Files.createDirectories(config.logs());
        Files.createDirectories(config.dataDir());
        takeLauncherLock();
        pidFiles.stopLeftovers(Duration.ofSeconds(30), line -> out.println("  " + line));
        stopLeftoverPostmaster();
        checkPortsFree();
        startReaper();
        Map<ServiceSpec, CompletableFuture<ServiceRuntime>> runtimes = prepareServices();

        // (a) Kafka: formatting (first run only) overlaps with PostgreSQL's start, both take a JVM's start-up
        Path serverProperties = config.run().resolve("kafka-server.properties");
        KafkaBroker.write(
                KafkaBroker.serverProperties(
                        config.kafkaData(), config.kafkaPort(), config.controllerPort(), config.partitions()),
                serverProperties);
        ChildProcess format = null;
        if (!KafkaBroker.isFormatted(config.kafkaData())) {
            Files.createDirectories(config.kafkaData());
            format = start(
                    "kafka-format",
                    ORDER_KAFKA - 1,
                    KafkaBroker.formatCommand(
                            javaWithClasspath(config.kafkaJavaOpts()),
                            Uuid.randomUuid().toString(),
                            serverProperties),
                    Map.of());
        }
        // (b) PostgreSQL
        Path pgReady = config.run().resolve(POSTGRES_READY);
        Files.deleteIfExists(pgReady);
        List<String> pgCommand = javaWithClasspath(config.postgresJavaOpts());
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
        register(new Component(
                "postgres",
                postgres,
                "localhost:" + config.postgresPort() + " (" + StackConfig.DB_USER + "/" + StackConfig.DB_PASSWORD + ")",
                "tcp:127.0.0.1:" + config.postgresPort(),
                ORDER_POSTGRES));

        if (format != null) {
            int code = format.waitFor(Duration.ofSeconds(120));
            if (code != 0) {
                throw new StartupException("formatting Kafka storage failed (exit " + code + "), see "
                        + display(format.log()) + "\n" + format.tail(15));
            }
            step("kafka storage formatted in " + display(config.kafkaData()));
        }
        ChildProcess kafka = start(
                "kafka",
                ORDER_KAFKA,
                KafkaBroker.startCommand(javaWithClasspath(config.kafkaJavaOpts()), serverProperties),
                Map.of());
        register(new Component(
                "kafka",
                kafka,
                config.kafkaBootstrap() + " (controller " + config.controllerPort() + ")",
                "tcp:" + KafkaBroker.HOST + ":" + config.kafkaPort(),
                ORDER_KAFKA));

        try (Admin admin = Admin.create(adminProperties())) {
            readiness.awaitKafka(kafka, config.kafkaPort(), admin);
            step("kafka ready on " + config.kafkaBootstrap());

            // (c) the schema registry, booting while (d) the topics are created
            // loopback only, HTTP Basic (issue 19): the services send basic.auth.user.info, the launcher's own client
            // answers the challenge
            Map<String, String> registryEnv = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    config.kafkaBootstrap(),
                    "SCHEMA_REGISTRY_PORT",
                    Integer.toString(config.registryPort()),
                    "SCHEMA_REGISTRY_TOPIC",
                    REGISTRY_TOPIC,
                    "SCHEMA_REGISTRY_BIND_ADDRESS",
                    "127.0.0.1",
                    "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
                    StackConfig.REGISTRY_USER + ":" + StackConfig.REGISTRY_PASSWORD);
            List<String> registryCommand = javaWithClasspath(config.registryJavaOpts());
            registryCommand.add(REGISTRY_MAIN);
            ChildProcess registry = start("schema-registry", ORDER_REGISTRY, registryCommand, registryEnv);
            register(new Component(
                    "schema-registry",
                    registry,
                    config.registryUrl(),
                    "http:" + config.registryUrl() + "/subjects",
                    ORDER_REGISTRY));

            List<String> topics = TopicBootstrap.topicNames();
            List<String> created = TopicBootstrap.ensure(admin, topics, config.partitions());
            step(
                    created.isEmpty()
                            ? "topics present: " + topics.size() + " (events and dead letters)"
                            : "topics created: " + created.size() + " of " + topics.size() + " (" + config.partitions()
                                    + " partitions, replication 1)");
            List<String> thin = TopicBootstrap.underPartitioned(admin, topics, config.partitions());
            if (!thin.isEmpty()) {
                out.println("  note: topics with fewer than " + config.partitions() + " partitions (left as they are): "
                        + thin);
            }

            readiness.awaitHttp(registry, config.registryUrl() + "/subjects", Duration.ofSeconds(60), false);
            step("schema-registry ready on " + config.registryUrl());
        }

        // (e) subjects
        registerSubjects();

        readiness.awaitFile(postgres, pgReady, Duration.ofSeconds(180));
        step("postgres ready on localhost:" + config.postgresPort() + ", databases " + StackConfig.DATABASES);
        recordPostmaster();
        writeEndpoints();

        // (f) services, all at once: they do not depend on each other to start
        Map<ServiceSpec, ChildProcess> services = new LinkedHashMap<>();
        int order = ORDER_SERVICES;
        for (ServiceSpec spec : config.services()) {
            Path jar = spec.jar(config.projectDir());
            if (!Files.isRegularFile(jar)) {
                out.println("  [" + spec.module() + "] not started: " + display(jar) + " is missing"
                        + " (build with ./mvnw -q -B install -DskipTests, or ./stack up --build)");
                continue;
            }
            List<String> command = java(config.serviceJavaOpts());
            ServiceRuntime runtime =
                    runtimes.containsKey(spec) ? runtimes.get(spec).join() : null;
            if (runtime != null) {
                command.addAll(runtime.launchArguments());
            } else {
                command.addAll(List.of("-jar", jar.toString()));
            }
            ChildProcess process = start(spec.module(), order, command, serviceEnv(spec));
            services.put(spec, process);
            register(new Component(
                    spec.module(),
                    process,
                    "http://localhost:" + spec.port(),
                    "health:" + ServiceEnvironment.healthUrl(spec),
                    order++,
                    runtime));
        }
        writeEndpoints();
        Set<String> failed = awaitServices(services);
        printTable(failed);
    }

    /**
     * Extracts the service jars (see {@link ServiceRuntime}) while the infrastructure starts; each future gives
     * null where the plain jar is to be run.
     */
    private Map<ServiceSpec, CompletableFuture<ServiceRuntime>> prepareServices() {
        Map<ServiceSpec, CompletableFuture<ServiceRuntime>> runtimes = new LinkedHashMap<>();
        if (!config.classDataSharing()) {
            return runtimes;
        }
        Path cache = config.home().resolve("cache/services");
        Path log = config.logs().resolve("service-extract.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (ServiceSpec spec : config.services()) {
            Path jar = spec.jar(config.projectDir());
            if (Files.isRegularFile(jar)) {
                ServiceRuntime runtime = new ServiceRuntime(spec.module(), jar, cache);
                runtimes.put(spec, CompletableFuture.supplyAsync(() -> runtime.prepare(javaBin, log) ? runtime : null));
            }
        }
        return runtimes;
    }

    private void takeLauncherLock() throws IOException {
        Path lock = config.run().resolve(LAUNCHER_LOCK);
        if (Files.exists(lock)) {
            String[] parts = Files.readString(lock).trim().split(" ", 2);
            try {
                long pid = Long.parseLong(parts[0]);
                if (pid != ProcessHandle.current().pid()
                        && PidFiles.liveMatching(pid, LocalStack.class.getName())
                                .isPresent()) {
                    throw new StartupException("a local stack is already running from " + display(config.home())
                            + " (launcher pid " + pid + "); stop it first (Ctrl-C there, or ./stack down)");
                }
            } catch (NumberFormatException e) {
                // unreadable lock: a crashed launcher's, take it over
            }
        }
        Files.writeString(lock, ProcessHandle.current().pid() + " " + LocalStack.class.getName() + "\n");
    }

    /** A postmaster left by a launcher that died before stopping it (pg_ctl detaches it from its parent). */
    private void stopLeftoverPostmaster() {
        readPostmasterPid()
                .flatMap(pid -> PidFiles.liveMatching(pid, config.postgresData().toString()))
                .ifPresent(handle -> {
                    out.println("  stopping leftover PostgreSQL (pid " + handle.pid() + ") from an earlier run");
                    PidFiles.signal(handle, "INT");
                    PidFiles.awaitExit(List.of(handle), Duration.ofSeconds(30));
                });
    }

    private Optional<Long> readPostmasterPid() {
        return DatabaseSetup.postmasterPid(config.postgresData());
    }

    private void recordPostmaster() {
        postmasterPid = readPostmasterPid().orElse(null);
        if (postmasterPid != null) {
            pidFiles.write(
                    ORDER_POSTMASTER,
                    "postmaster",
                    postmasterPid,
                    "INT",
                    config.postgresData().toString());
        }
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
            out.println("  note: no reaper (" + e.getMessage() + "); if the launcher is killed, the next start"
                    + " stops what it left");
        }
    }

    private void registerSubjects() throws IOException, InterruptedException {
        try {
            Map<String, Integer> ids = SubjectBootstrap.registerAll(http, config.registryUrl());
            step("subjects registered: "
                    + ids.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
        } catch (SubjectBootstrap.RegistrationException e) {
            // not fatal: the stack still runs, and the producing service will report the same refusal
            out.println("  WARNING: the registry refused a schema: " + e.getMessage());
            out.println("           (a schema changed incompatibly; ./stack wipe starts from empty data)");
        }
    }

    private Map<String, String> serviceEnv(ServiceSpec spec) {
        return ServiceEnvironment.of(config, spec, System.getenv("CLAIMFLOW_PAYER_SIMULATOR_CONFIG"));
    }

    // ---------------------------------------------------------------------------------------------- waiting

    /** Polls every service until UP, dead, or out of time; returns the names of those that did not come up. */
    private Set<String> awaitServices(Map<ServiceSpec, ChildProcess> services) throws InterruptedException {
        Map<ServiceSpec, ChildProcess> pending = new LinkedHashMap<>(services);
        Set<String> failed = new HashSet<>();
        long deadline = System.nanoTime() + config.healthTimeout().toNanos();
        while (!pending.isEmpty()) {
            if (stopping) {
                throw new Aborted();
            }
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                ChildProcess process = entry.getValue();
                if (readiness.httpOk(ServiceEnvironment.healthUrl(entry.getKey()), true)) {
                    step(process.name() + " UP on http://localhost:"
                            + entry.getKey().port() + " (" + seconds(process.uptime()) + " after its start)");
                    it.remove();
                } else if (!process.isAlive()) {
                    failed.add(process.name());
                    out.println("  [" + process.name() + "] exited with code " + process.exitValue() + ", see "
                            + display(process.log()) + "\n" + process.tail(20));
                    it.remove();
                } else if (System.nanoTime() > deadline) {
                    failed.add(process.name());
                    out.println("  [" + process.name() + "] not UP after "
                            + config.healthTimeout().toSeconds() + " s; still running, see " + display(process.log()));
                    it.remove();
                }
            }
            Thread.sleep(500);
        }
        return failed;
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
                control(request);
                reported.remove(request.name());
            }
            if (System.nanoTime() >= nextCheck) {
                List<Component> snapshot;
                synchronized (this) {
                    snapshot = List.copyOf(components);
                }
                for (Component c : snapshot) {
                    if (!c.process().isAlive()
                            && !stopping
                            && !downOnPurpose.contains(c.name())
                            && reported.add(c.name())) {
                        out.println("[" + c.name() + "] exited with code "
                                + c.process().exitValue() + ", see "
                                + display(c.process().log()) + "\n"
                                + c.process().tail(20));
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

    // ---------------------------------------------------------------------------------------------- control

    /** One {@link StackControl} request, answered with what was done and how long it took. */
    private void control(StackControl.Request request) {
        long t0 = System.nanoTime();
        try {
            Component c = component(request.name())
                    .orElseThrow(() ->
                            new IllegalArgumentException("no component " + request.name() + " (see ./stack status)"));
            String done = switch (request.verb()) {
                case "kill" -> kill(c);
                case "stop" -> stopOnPurpose(c);
                case "start" -> startAgain(c);
                case "restart" ->
                    stopOnPurpose(c) + "; " + startAgain(component(c.name()).orElseThrow());
                default -> throw new IllegalArgumentException("unknown request " + request.verb());
            };
            String message = done + " in " + seconds(Duration.ofNanos(System.nanoTime() - t0));
            step("[" + c.name() + "] " + message);
            request.answer(true, message);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            out.println("  [" + request.name() + "] " + request.verb() + " failed: " + message);
            request.answer(false, message);
        }
    }

    private synchronized Optional<Component> component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** SIGKILL; for PostgreSQL an immediate shutdown of the postmaster (SIGQUIT) and SIGKILL of its keeper. */
    private String kill(Component c) throws InterruptedException {
        downOnPurpose.add(c.name());
        if (!c.process().isAlive()) {
            return "was not running";
        }
        long pid = c.process().pid();
        if (c.order() == ORDER_POSTGRES) {
            Optional<ProcessHandle> postmaster = readPostmasterPid()
                    .flatMap(p -> PidFiles.liveMatching(p, config.postgresData().toString()));
            c.process().kill();
            postmaster.ifPresent(h -> PidFiles.signal(h, "QUIT"));
            postmaster.ifPresent(h -> PidFiles.awaitExit(List.of(h), Duration.ofSeconds(30)));
            return "killed (keeper pid " + pid + " SIGKILL, postmaster "
                    + postmaster.map(h -> "pid " + h.pid() + " SIGQUIT").orElse("not found") + ")";
        }
        c.process().kill();
        if (c.runtime() != null) {
            c.runtime().afterStop(false);
        }
        return "killed (pid " + pid + ", SIGKILL)";
    }

    private String stopOnPurpose(Component c) {
        downOnPurpose.add(c.name());
        stopOne(c, Duration.ofSeconds(30));
        if (c.order() == ORDER_POSTGRES) {
            stopPostmaster();
        }
        return "stopped";
    }

    /** Starts a stopped or killed component again with its first command, and waits until it is ready. */
    private String startAgain(Component c) throws Exception {
        if (c.process().isAlive()) {
            throw new IllegalStateException(
                    c.name() + " is running (pid " + c.process().pid() + ")");
        }
        Launch launch = launches.get(c.name());
        if (launch == null) {
            throw new IllegalStateException("no recorded start for " + c.name());
        }
        if (c.order() == ORDER_POSTGRES) {
            Files.deleteIfExists(config.run().resolve(POSTGRES_READY));
        }
        ChildProcess process = start(c.name(), launch.order(), launch.command(), launch.env());
        Component fresh = new Component(c.name(), process, c.address(), c.check(), c.order(), c.runtime());
        synchronized (this) {
            components.replaceAll(x -> x.name().equals(c.name()) ? fresh : x);
        }
        downOnPurpose.remove(c.name());
        if (c.order() == ORDER_KAFKA) {
            try (Admin admin = Admin.create(adminProperties())) {
                readiness.awaitKafka(process, config.kafkaPort(), admin);
            }
        } else if (c.order() == ORDER_POSTGRES) {
            readiness.awaitFile(process, config.run().resolve(POSTGRES_READY), Duration.ofSeconds(180));
            recordPostmaster();
        } else if (c.check().startsWith("health:")) {
            readiness.awaitHttp(process, c.check().substring("health:".length()), config.healthTimeout(), true);
        } else if (c.check().startsWith("http:")) {
            readiness.awaitHttp(process, c.check().substring("http:".length()), Duration.ofSeconds(60), false);
        }
        writeEndpoints();
        return "started (pid " + process.pid() + "), ready " + seconds(process.uptime()) + " after its start";
    }

    /** The shutdown hook: services first, then the registry, PostgreSQL and Kafka, each asked first and then killed. */
    void shutdown() {
        List<Component> toStop;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopping = true;
            stopped = true;
            toStop = new ArrayList<>(components);
        }
        long t0 = System.nanoTime();
        if (!toStop.isEmpty()) {
            out.println();
            out.println("Stopping the local stack ...");
        }
        List<Component> services =
                toStop.stream().filter(c -> c.order() >= ORDER_SERVICES).toList();
        // services are independent of each other: stop them together
        List<Thread> threads = new ArrayList<>();
        for (Component c : services) {
            Thread t = new Thread(() -> stopOne(c, Duration.ofSeconds(30)), "stop-" + c.name());
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
        toStop.stream()
                .filter(c -> c.order() < ORDER_SERVICES)
                .sorted((a, b) -> Integer.compare(b.order(), a.order()))
                .forEach(c -> {
                    stopOne(c, Duration.ofSeconds(30));
                    if (c.order() == ORDER_POSTGRES) {
                        stopPostmaster();
                    }
                });
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
            out.println("Stopped in " + seconds(Duration.ofNanos(System.nanoTime() - t0)) + ".");
        }
        out.flush();
    }

    private void stopOne(Component c, Duration grace) {
        if (!c.process().isAlive()) {
            c.process().stop(grace);
            if (c.runtime() != null) {
                c.runtime().afterStop(c.process().exitValue() != 137);
            }
            return;
        }
        long t0 = System.nanoTime();
        boolean clean = c.process().stop(grace);
        if (c.runtime() != null) {
            // 137: killed (by us or the kernel), possibly in the middle of writing its class data archive
            c.runtime().afterStop(clean && c.process().exitValue() != 137);
        }
        out.println("  [" + c.name() + "] stopped" + (clean ? "" : " (killed after " + grace.toSeconds() + " s)")
                + " in " + seconds(Duration.ofNanos(System.nanoTime() - t0)));
    }

    /** PostgresMain's shutdown hook stops the postmaster; this makes sure, as pg_ctl detached it from us. */
    private void stopPostmaster() {
        Long pid = postmasterPid != null ? postmasterPid : readPostmasterPid().orElse(null);
        if (pid != null) {
            PidFiles.liveMatching(pid, config.postgresData().toString()).ifPresent(handle -> {
                PidFiles.signal(handle, "INT");
                PidFiles.awaitExit(List.of(handle), Duration.ofSeconds(20));
            });
        }
        PidFiles.delete(config.run().resolve(String.format("%02d-postmaster%s", ORDER_POSTMASTER, PidFiles.SUFFIX)));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private ChildProcess start(String name, int order, List<String> command, Map<String, String> env) {
        if (stopping) {
            throw new Aborted();
        }
        ChildProcess process =
                ChildProcess.start(name, command, env, config.logs(), config.projectDir(), pidFiles, order, marker);
        launches.put(name, new Launch(order, List.copyOf(command), Map.copyOf(env)));
        out.println(String.format("  [%s] started, pid %d, log %s", name, process.pid(), display(process.log())));
        return process;
    }

    /** Adds a started process to the shutdown list, or stops it at once if shutdown has begun. */
    private void register(Component component) {
        synchronized (this) {
            if (!stopping) {
                components.add(component);
                return;
            }
        }
        component.process().stop(Duration.ofSeconds(10));
        throw new Aborted();
    }

    private List<String> java(String opts) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
        command.add(marker);
        return command;
    }

    /** A JVM on the launcher's own classpath (the broker, the registry and PostgresMain live on it). */
    private List<String> javaWithClasspath(String opts) {
        List<String> command = java(opts);
        command.add("-Dlog4j2.configurationFile=" + CHILD_LOG_CONFIG);
        command.add("-Dkafka.logs.dir=" + config.logs());
        command.add("-cp");
        command.add(absoluteClasspath());
        return command;
    }

    static String absoluteClasspath() {
        String separator = java.io.File.pathSeparator;
        return Arrays.stream(System.getProperty("java.class.path").split(java.util.regex.Pattern.quote(separator)))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().toString())
                .collect(Collectors.joining(separator));
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return p;
    }

    /** Lines for {@code ./stack status}: name, pid, how to check it, address. */
    private synchronized void writeEndpoints() {
        List<Component> sorted = new ArrayList<>(components);
        sorted.sort(java.util.Comparator.comparingInt(Component::order));
        Endpoints.write(
                config.run().resolve(ENDPOINTS),
                sorted.stream()
                        .map(c -> new Endpoints.Endpoint(c.name(), c.process().pid(), c.check(), c.address()))
                        .toList());
    }

    private void printTable(Set<String> failed) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        List<Component> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(components);
        }
        snapshot.sort(java.util.Comparator.comparingInt(Component::order));
        out.println();
        out.print(StatusTable.render(
                snapshot.stream()
                        .map(c -> new StatusTable.Row(
                                c.name(),
                                c.process().pid(),
                                c.address(),
                                c.process().isAlive(),
                                display(c.process().log())))
                        .toList(),
                failed,
                StackConfig.ALL_SERVICES,
                config.services()));
        out.println();
        out.println(String.format(
                Locale.ROOT,
                "ClaimFlow local stack %s in %s. Ctrl-C stops it; ./stack status" + " checks it.",
                failed.isEmpty() ? "is up" : "is up with FAILURES",
                seconds(elapsed)));
    }

    private void step(String message) {
        out.println(String.format(
                Locale.ROOT, "  %6s  %s", seconds(Duration.ofNanos(System.nanoTime() - startNanos)), message));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A path relative to the working directory when it lies below it: shorter lines in the console. */
    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
