package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimflow.e2e.FaultPhases.Action;
import io.claimflow.e2e.FaultPhases.Row;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadCommand;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.schemas.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A local stack of the process fault suites' own ({@link ProcessFaultSuite}, {@link ClusterFaultSuite}): started
 * through local-stack's launcher under a home of its own on ports shifted by an offset, controlled through {@code
 * ./stack kill|start|restart|replay} against that home, and one fault phase at a time run over it: encounters
 * published at a steady rate, the fault injected a third of the way in, healed, and once the pipeline is quiet the
 * invariants counted ({@link FaultInvariants}) and the dead letters the phase added read off the dead-letter topics.
 */
final class FaultStack {

    /** Which consumer groups (of the services run here) read each topic: a bad record is dead-lettered by each. */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.ENCOUNTER_DOCUMENTED, List.of("coding-service"),
            Topics.RECODE_REQUESTED, List.of("coding-service"),
            Topics.ENCOUNTER_CODED, List.of("claim-service"),
            Topics.CLAIM_SUBMITTED, List.of("adjudication-gateway", "patient-billing-service"),
            Topics.PAYMENT_POSTED, List.of("claim-service", "patient-billing-service"),
            Topics.CLAIM_DENIED, List.of("claim-service", "patient-billing-service"));

    /** The services the fault stacks run, each a JVM of its own (per instance in a cluster). */
    static final List<String> SERVICES = List.of(
            "coding-service", "claim-service", "adjudication-gateway", "patient-billing-service", "payer-simulator");

    /** One record on a dead-letter topic. */
    record Letter(
            String topic, int partition, long offset, String key, String group, String reason, String replayedFrom) {
        String id() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    private final Path root;
    private final Path home;
    private final int brokers;
    private final int instances;
    private final int perFault;
    private final double rate;
    private final int kafkaPort;
    private final int postgresPort;
    private final int registryPort;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final String bootstrap;
    private final String registry;
    private final PipelineSnapshot.Databases databases;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final Population population;
    private final Map<String, Set<String>> publishedByPhase = new ConcurrentHashMap<>();

    /**
     * @param root the project directory
     * @param home the stack's home (its data, run directory and logs), emptied of data and run files at start
     * @param offset added to every default port (Kafka 9092 + offset ...)
     * @param brokers KRaft nodes ({@code --brokers})
     * @param instances processes per service ({@code --instances}; the payer simulator runs once)
     * @param perFault encounters published per phase
     * @param rate encounters per second
     */
    FaultStack(
            Path root,
            Path home,
            int offset,
            int brokers,
            int instances,
            Population population,
            int perFault,
            double rate) {
        this.root = root;
        this.home = home;
        this.brokers = brokers;
        this.instances = instances;
        this.population = population;
        this.perFault = perFault;
        this.rate = rate;
        this.kafkaPort = 9092 + offset;
        this.postgresPort = 5432 + offset;
        this.registryPort = 8081 + offset;
        ports.put("coding-service", 8091 + offset);
        ports.put("claim-service", 8092 + offset);
        ports.put("adjudication-gateway", 8093 + offset);
        ports.put("patient-billing-service", 8094 + offset);
        ports.put("payer-simulator", 8095 + offset);
        this.bootstrap = IntStream.rangeClosed(1, brokers)
                .mapToObj(k -> "127.0.0.1:" + brokerPort(k))
                .collect(Collectors.joining(","));
        this.registry = "http://localhost:" + registryPort;
        this.databases = new PipelineSnapshot.Databases(
                "jdbc:postgresql://localhost:" + postgresPort + "/", "claimflow", "claimflow");
    }

    /** The port of broker {@code k} (1-based): the first one's plus {@code (k - 1) * 100}, as local-stack does. */
    int brokerPort(int k) {
        return kafkaPort + (k - 1) * 100;
    }

    /** The first instance's port of {@code service}. */
    int port(String service) {
        return ports.get(service);
    }

    String bootstrap() {
        return bootstrap;
    }

    String registry() {
        return registry;
    }

    PipelineSnapshot.Databases databases() {
        return databases;
    }

    HttpClient http() {
        return http;
    }

    ObjectMapper json() {
        return json;
    }

    Clock clock() {
        return clock;
    }

    Population population() {
        return population;
    }

    Path home() {
        return home;
    }

    /** The encounter ids each phase (run) published. */
    Map<String, Set<String>> publishedByPhase() {
        return publishedByPhase;
    }

    /** The jars the stack runs that are missing (the {@code ./stack faults} command packages them). */
    List<String> missingJars() {
        List<String> missing = new ArrayList<>();
        for (String s : SERVICES) {
            if (!Files.isRegularFile(root.resolve(s + "/target/" + s + ".jar"))) {
                missing.add(s + "/target/" + s + ".jar");
            }
        }
        if (!Files.isRegularFile(root.resolve("local-stack/target/classpath.txt"))) {
            missing.add("local-stack/target/classpath.txt");
        }
        return missing;
    }

    // ------------------------------------------------------------------------------------------------ phases

    Row phase(String fault, String run, Action inject, Action heal, int holdSeconds) throws Exception {
        return phase(fault, run, inject, heal, holdSeconds, true);
    }

    /**
     * One fault: publish the phase's encounters, inject a third of the way in, hold, heal, wait until quiet, count.
     * Dead letters this phase added that are not expected are re-driven by {@code ./stack replay} once all is
     * healed, and reported (the row says how many needed it).
     */
    Row phase(String fault, String run, Action inject, Action heal, int holdSeconds, boolean replayUnexpected)
            throws Exception {
        return phase(fault, run, perFault, rate, perFault / 3, inject, heal, holdSeconds, replayUnexpected);
    }

    /**
     * {@link #phase(String, String, Action, Action, int, boolean)} with {@code count} encounters at {@code perSecond},
     * the fault injected once {@code injectAt} of them are published.
     */
    Row phase(
            String fault,
            String run,
            int count,
            double perSecond,
            int injectAt,
            Action inject,
            Action heal,
            int holdSeconds,
            boolean replayUnexpected)
            throws Exception {
        Instant phaseStart = clock.instant();
        Set<String> before = ids(readDeadLetters());
        WorkloadGenerator generator = new WorkloadGenerator(run.hashCode(), population, clock, run);
        Set<String> published = ConcurrentHashMap.newKeySet();
        publishedByPhase.put(run, published);
        String prefix = "enc-" + run + "-";
        FaultPhases.Published publishing = FaultPhases.publishThrough(
                fault,
                bootstrap,
                registry,
                generator,
                count,
                perSecond,
                injectAt,
                databases,
                prefix,
                published,
                inject,
                heal,
                holdSeconds);
        int inFlight = publishing.inFlight();
        long healed = publishing.healedNanos();
        // 30 s: longer than the gateway's quiet stretches (response polling, a circuit breaker half-opening)
        long lastChange = awaitQuiet(prefix, Duration.ofSeconds(30), Duration.ofMinutes(6));
        List<Letter> added = added(before);
        long replayed = 0;
        String note = "";
        if (replayUnexpected && !added.isEmpty()) {
            // letters of records that failed while the fault lasted (e.g. retries exhausted): the cause is gone
            note = added.size() + " dead-lettered during the fault (" + reasons(added) + "), re-driven by"
                    + " ./stack replay";
            replayed = replay("--all", "--since", phaseStart.toString());
            lastChange = Math.max(lastChange, awaitQuiet(prefix, Duration.ofSeconds(30), Duration.ofMinutes(3)));
        }
        FaultInvariants.Counts counts = FaultInvariants.count(databases, prefix, published);
        if (counts.lost() > 0) {
            // nothing moved for 30 s, yet some are not done: give it a longer quiet stretch (90 s, past a dead
            // consumer's 45 s session timeout and a gateway's stalled round) before calling them lost
            System.out.println("    " + counts.lost() + " not done after 30 s of quiet; waiting for 90 s of quiet");
            lastChange = Math.max(lastChange, awaitQuiet(prefix, Duration.ofSeconds(90), Duration.ofMinutes(5)));
            counts = FaultInvariants.count(databases, prefix, published);
        }
        Row row = new Row(
                fault,
                inFlight,
                counts.lost(),
                counts.duplicated(),
                counts.moneyMismatches(),
                counts.visitViolations(),
                added.size(),
                replayed,
                Math.max(0, (lastChange - healed) / 1e9),
                note);
        System.out.println("    " + row);
        return row;
    }

    // ------------------------------------------------------------------------------------------------ the stack

    /** Starts the stack on fresh data (the caches stay) and waits until the launcher reports every service UP. */
    Process start() throws Exception {
        for (int k = 1; k <= brokers; k++) {
            for (int port : List.of(brokerPort(k), brokerPort(k) + 1)) {
                assertThat(listening(port)).as("port " + port + " is free").isFalse();
            }
        }
        for (int port : List.of(postgresPort, registryPort)) {
            assertThat(listening(port)).as("port " + port + " is free").isFalse();
        }
        for (int k = 1; k <= instances; k++) {
            for (int first : ports.values()) {
                int port = first + (k - 1) * 100;
                assertThat(listening(port)).as("port " + port + " is free").isFalse();
            }
        }
        // fresh data each run; the caches (PostgreSQL binaries, service class data archives) stay
        deleteTree(home.resolve("data"));
        deleteTree(home.resolve("run"));
        Files.createDirectories(home);
        Path members = home.resolve("payer-simulator-members.properties");
        WorkloadCommand.writeSimulatorConfig(population, members);
        String classpath = root.resolve("local-stack/target/local-stack.jar")
                + java.io.File.pathSeparator
                + Files.readString(root.resolve("local-stack/target/classpath.txt"))
                        .trim();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                "io.claimflow.localstack.LocalStack",
                "--project-dir",
                root.toString(),
                "--home",
                home.toString(),
                "--data-dir",
                home.resolve("data").toString(),
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--controller-port",
                Integer.toString(kafkaPort + 1),
                "--postgres-port",
                Integer.toString(postgresPort),
                "--registry-port",
                Integer.toString(registryPort),
                "--partitions",
                "6",
                "--health-timeout",
                instances > 1 || brokers > 1 ? "900" : "420",
                "--services",
                String.join(",", SERVICES)));
        if (brokers > 1 || instances > 1) {
            command.addAll(List.of("--brokers", Integer.toString(brokers), "--instances", Integer.toString(instances)));
        }
        ports.forEach((s, p) -> command.addAll(List.of("--" + s + "-port", Integer.toString(p))));
        Path log = home.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CLAIMFLOW_PAYER_SIMULATOR_CONFIG", members.toString());
        builder.environment().put("CLAIMFLOW_SERVICE_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        Process launcher = builder.start();
        System.out.println("fault stack: launcher pid " + launcher.pid() + ", log " + log);
        long deadline = System.nanoTime()
                + Duration.ofMinutes(instances > 1 || brokers > 1 ? 20 : 10).toNanos();
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("ClaimFlow local stack is up")) {
                assertThat(text).as("every service UP").doesNotContain("is up with FAILURES");
                System.out.println(text.substring(Math.max(0, text.lastIndexOf("COMPONENT") - 4)));
                return launcher;
            }
            if (!launcher.isAlive() || text.contains("local stack did not start") || System.nanoTime() > deadline) {
                stop(launcher);
                throw new AssertionError("the fault stack did not start; see " + log + "\n" + tail(text));
            }
            Thread.sleep(1000);
        }
    }

    void stop(Process launcher) throws InterruptedException {
        if (launcher.isAlive()) {
            launcher.destroy(); // SIGTERM: its shutdown hook stops every component in order
            if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
                launcher.destroyForcibly();
            }
        }
    }

    /** The pid of every running component by its name, from the launcher's {@code run/endpoints.tsv}. */
    Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("run/endpoints.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length >= 2 && cols[1].matches("[0-9]+")) {
                pids.put(cols[0], Long.parseLong(cols[1]));
            }
        }
        return pids;
    }

    /** {@code ./stack VERB NAME} against the fault stack; waits for the launcher's answer. */
    void stack(String verb, String name) throws Exception {
        String output = runStack(List.of(verb, name));
        System.out.println("    ./stack " + verb + " " + name + ": " + output.trim());
    }

    /** {@code ./stack replay ARGS}; returns how many dead letters it re-drove. */
    long replay(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("replay"));
        command.addAll(List.of(args));
        String output = runStack(command);
        System.out.println("    ./stack " + String.join(" ", command) + "\n" + output.indent(6));
        Matcher m =
                Pattern.compile("replay: (\\d+) dead letter\\(s\\) replayed").matcher(output);
        assertThat(m.find()).as("replay output: " + output).isTrue();
        return Long.parseLong(m.group(1));
    }

    private String runStack(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("stack").toString()));
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("CLAIMFLOW_STACK_HOME", home.toString());
        builder.environment().put("CLAIMFLOW_STACK_DATA", home.resolve("data").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("./stack " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * Waits until every consuming group has caught up (no lag on the topics it reads) and the prefix's progress has
     * not changed for {@code quietFor}; returns when progress last changed. The lag matters after a kill -9: the
     * dead member keeps its partitions until its session times out (45 s), and nothing moves meanwhile.
     */
    long awaitQuiet(String prefix, Duration quietFor, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Object> last = null;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<Object> now =
                    new ArrayList<>(PipelineSnapshot.read(databases, prefix).progress());
            long lag = lag();
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            } else if (lag == 0 && System.nanoTime() - lastChange >= quietFor.toNanos()) {
                break;
            }
            Thread.sleep(500);
        }
        return lastChange;
    }

    /** An admin client of the stack's brokers with short timeouts (a broker may be the fault). */
    org.apache.kafka.clients.admin.Admin admin() {
        return org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000));
    }

    /** Records the services' consumer groups have not committed yet, over the topics each reads; -1 if unknown. */
    private long lag() {
        try (org.apache.kafka.clients.admin.Admin admin = admin()) {
            Map<String, List<String>> topicsByGroup = new TreeMap<>();
            CONSUMERS.forEach((topic, groups) -> groups.forEach(g ->
                    topicsByGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(topic)));
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(CONSUMERS.keySet())
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((t, d) -> d.partitions()
                            .forEach(p -> latest.put(
                                    new TopicPartition(t, p.partition()),
                                    org.apache.kafka.clients.admin.OffsetSpec.latest())));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, i) -> end.put(tp, i.offset()));
            long lag = 0;
            for (var e : topicsByGroup.entrySet()) {
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(e.getKey())
                                .partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS);
                for (var tp : end.entrySet()) {
                    if (e.getValue().contains(tp.getKey().topic())) {
                        var c = committed.get(tp.getKey());
                        lag += Math.max(0, tp.getValue() - (c == null ? 0 : c.offset()));
                    }
                }
            }
            return lag;
        } catch (Exception e) {
            return -1; // the broker may be the fault
        }
    }

    List<Letter> added(Set<String> before) throws Exception {
        return readDeadLetters().stream().filter(l -> !before.contains(l.id())).toList();
    }

    Letter awaitLetter(Set<String> before, String key, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Letter l : added(before)) {
                if (key.equals(l.key())) {
                    return l;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no dead letter for " + key + " within " + timeout.toSeconds() + " s");
    }

    static Set<String> ids(List<Letter> letters) {
        Set<String> ids = new java.util.HashSet<>();
        letters.forEach(l -> ids.add(l.id()));
        return ids;
    }

    /** A consumer of the stack's brokers reading committed records, committing nothing. */
    KafkaConsumer<String, byte[]> rawConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Every record on every dead-letter topic (read committed), with its key, group and reason. */
    List<Letter> readDeadLetters() {
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer()) {
            List<String> topics = Topics.all().stream().map(Topics::dlt).toList();
            readAll(
                    consumer,
                    topics,
                    r -> letters.add(new Letter(
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            r.key(),
                            header(r, "kafka_dlt-original-consumer-group"),
                            header(r, "claimflow-dlt-reason"),
                            header(r, "claimflow-replayed-from"))));
        }
        return letters;
    }

    /** Reads {@code topics} from the beginning to their end offsets at the time of the call (60 s at most). */
    static void readAll(
            KafkaConsumer<String, byte[]> consumer,
            List<String> topics,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        while (!end.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                each.accept(r);
            }
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String reasons(List<Letter> letters) {
        Map<String, Long> byReason = new TreeMap<>();
        letters.forEach(l -> byReason.merge(l.group() + ": " + shorten(l.reason()), 1L, Long::sum));
        return byReason.toString();
    }

    private static String shorten(String s) {
        return s == null ? "-" : s.length() > 90 ? s.substring(0, 90) + "..." : s;
    }

    KafkaProducer<String, byte[]> rawProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static byte[] wire(int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length)
                .put((byte) 0)
                .putInt(schemaId)
                .put(body)
                .array();
    }

    /** Registers {@code schema} under {@code subject} in the fault stack's registry; returns its id. */
    int register(String subject, String schema) throws Exception {
        ObjectNode body = json.createObjectNode().put("schema", schema);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(registry + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        String login = registryLogin();
        if (login != null) {
            request.header(
                    "Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("register " + subject + ": " + response.body())
                .isEqualTo(200);
        return json.readTree(response.body()).path("id").asInt();
    }

    /**
     * The registry's login ({@code user:password}) from {@code CLAIMFLOW_REGISTRY_USER_INFO}, which {@code ./stack
     * faults} sets to the local registry's (the publisher reads the same variable); null when unset.
     */
    static String registryLogin() {
        String login = System.getenv("CLAIMFLOW_REGISTRY_USER_INFO");
        return login == null || login.isBlank() ? null : login;
    }

    /** The schema registry client settings of a serializer talking to the stack's registry. */
    Map<String, Object> registryConfig() {
        Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", registry));
        String login = registryLogin();
        if (login != null) {
            config.put("basic.auth.credentials.source", "USER_INFO");
            config.put("basic.auth.user.info", login);
        }
        return config;
    }

    /** The payer simulator's outage switch (HTTP 503 to everything while on). */
    void outage(boolean down) throws Exception {
        FaultPhases.outage(http, "http://localhost:" + port("payer-simulator"), down);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\\R");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }
}
