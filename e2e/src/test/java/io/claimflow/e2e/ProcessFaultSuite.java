package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadCommand;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The fault suite over real, separate processes ({@code ./stack faults}; a command, not part of the suite). It
 * starts a local stack of its own (local-stack's launcher: a KRaft broker, PostgreSQL, the schema registry, and
 * coding, claim, adjudication-gateway, patient-billing and the payer simulator, each a JVM of its own) under
 * {@code e2e/target/fault-stack} on ports of its own, then runs one phase per fault: encounters are published at a
 * steady rate, the fault is injected while they are in flight through {@code ./stack kill|start} (a real SIGKILL of
 * the OS process; PostgreSQL gets an immediate shutdown), healed, and once the pipeline is quiet the invariants of
 * {@link EndToEndPipelineTest} are counted ({@link FaultInvariants}). Dead letters are read off the dead-letter
 * topics themselves: a phase that is not about bad input must add none; the bad-input phase must add exactly the
 * bad records, once per consuming group, each with its reason; and one dead letter is re-driven by
 * {@code ./stack replay} after its cause is fixed and arrives once.
 *
 * <p>Prints the table and writes it to {@code e2e/target/fault-report.md}. Knobs: {@code -Dfaults.encounters}
 * (per phase, 150), {@code -Dfaults.rate} (per second, 25), {@code -Dfaults.port-offset} (10000: Kafka on 19092 ...).
 */
class ProcessFaultSuite {

    private static final int PER_FAULT = Integer.getInteger("faults.encounters", 150);
    private static final int RATE = Integer.getInteger("faults.rate", 25);
    private static final int OFFSET = Integer.getInteger("faults.port-offset", 10000);
    private static final Path ROOT = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path HOME = ROOT.resolve("e2e/target/fault-stack");
    private static final List<String> SERVICES = List.of(
            "coding-service", "claim-service", "adjudication-gateway", "patient-billing-service", "payer-simulator");
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("coding-service", 8091 + OFFSET);
        PORTS.put("claim-service", 8092 + OFFSET);
        PORTS.put("adjudication-gateway", 8093 + OFFSET);
        PORTS.put("patient-billing-service", 8094 + OFFSET);
        PORTS.put("payer-simulator", 8095 + OFFSET);
    }

    /** Which consumer groups (of the services run here) read each topic: a bad record is dead-lettered by each. */
    private static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.ENCOUNTER_DOCUMENTED, List.of("coding-service"),
            Topics.RECODE_REQUESTED, List.of("coding-service"),
            Topics.ENCOUNTER_CODED, List.of("claim-service"),
            Topics.CLAIM_SUBMITTED, List.of("adjudication-gateway", "patient-billing-service"),
            Topics.PAYMENT_POSTED, List.of("claim-service", "patient-billing-service"),
            Topics.CLAIM_DENIED, List.of("claim-service", "patient-billing-service"));

    private final int kafkaPort = 9092 + OFFSET;
    private final int postgresPort = 5432 + OFFSET;
    private final int registryPort = 8081 + OFFSET;
    private final String bootstrap = "127.0.0.1:" + kafkaPort;
    private final String registry = "http://localhost:" + registryPort;
    private final PipelineSnapshot.Databases databases = new PipelineSnapshot.Databases(
            "jdbc:postgresql://localhost:" + postgresPort + "/", "claimflow", "claimflow");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private Population population;
    private final Map<String, Set<String>> publishedByPhase = new ConcurrentHashMap<>();
    private final List<String> finalCounts = new ArrayList<>();

    /** One line of the table. */
    record Row(
            String fault,
            int inFlight,
            long lost,
            long duplicated,
            long moneyMismatches,
            long visitViolations,
            long deadLetters,
            long replayed,
            double recoverySeconds,
            String note) {}

    /** One record on a dead-letter topic. */
    record Letter(
            String topic, int partition, long offset, String key, String group, String reason, String replayedFrom) {
        String id() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    @Test
    void faultsOverSeparateProcesses() throws Exception {
        assumeTrue(Boolean.getBoolean("faults"), "a command: ./stack faults (-Dfaults=true)");
        List<String> missing = new ArrayList<>();
        for (String s : SERVICES) {
            if (!Files.isRegularFile(ROOT.resolve(s + "/target/" + s + ".jar"))) {
                missing.add(s + "/target/" + s + ".jar");
            }
        }
        if (!Files.isRegularFile(ROOT.resolve("local-stack/target/classpath.txt"))) {
            missing.add("local-stack/target/classpath.txt");
        }
        assertThat(missing).as("jars to run (./stack faults packages them)").isEmpty();

        population = Population.generate(77, 600, LocalDate.now(clock));
        List<Row> rows = new ArrayList<>();
        Process launcher = startStack();
        try {
            rows.add(phase("none (baseline)", "p0", () -> {}, () -> {}, 0));
            String simulator = "http://localhost:" + PORTS.get("payer-simulator");
            rows.add(phase(
                    "payer down 15 s (HTTP 503)",
                    "p1",
                    () -> outage(simulator, true),
                    () -> outage(simulator, false),
                    15));
            int n = 2;
            for (String service :
                    List.of("coding-service", "claim-service", "adjudication-gateway", "patient-billing-service")) {
                rows.add(phase(
                        service + " kill -9, started again after 5 s",
                        "p" + n++,
                        () -> stack("kill", service),
                        () -> stack("start", service),
                        5));
            }
            rows.add(phase(
                    "broker (KRaft) kill -9, started again after 5 s on the same data",
                    "p" + n++,
                    () -> stack("kill", "kafka"),
                    () -> stack("start", "kafka"),
                    5));
            rows.add(phase(
                    "PostgreSQL immediate shutdown for 25 s, started again (crash recovery)",
                    "p" + n++,
                    () -> stack("kill", "postgres"),
                    () -> stack("start", "postgres"),
                    25));
            rows.add(badInput("p" + n++));
            rows.add(redrive("p" + n));
            // once more at the end, everything long quiet: a phase's stragglers would show up here
            awaitQuiet("enc-p", Duration.ofSeconds(15), Duration.ofMinutes(3));
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                FaultInvariants.Counts end = FaultInvariants.count(
                        databases, "enc-p" + i + "-", publishedByPhase.getOrDefault("p" + i, Set.of()));
                finalCounts.add(end.lost() + " / " + end.duplicated() + " / " + end.moneyMismatches() + " / "
                        + end.visitViolations());
                if (end.lost() != r.lost()
                        || end.duplicated() != r.duplicated()
                        || end.moneyMismatches() != r.moneyMismatches()
                        || end.visitViolations() != r.visitViolations()) {
                    System.out.println(
                            "    at the end, " + r.fault() + ": lost/duplicated/money/visit " + finalCounts.get(i));
                }
            }
        } finally {
            stopStack(launcher);
        }

        String table = table(rows, finalCounts);
        Path report = ROOT.resolve("e2e/target/fault-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "# Fault suite (separate processes)\n\n" + table + "\n" + notes());
        System.out.println();
        System.out.println(table);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.lost()).as("lost: " + row.fault()).isZero();
            assertThat(row.duplicated()).as("duplicated: " + row.fault()).isZero();
            assertThat(row.moneyMismatches()).as("money: " + row.fault()).isZero();
            assertThat(row.visitViolations())
                    .as("per-visit invariants: " + row.fault())
                    .isZero();
        });
    }

    // ------------------------------------------------------------------------------------------------ phases

    private Row phase(String fault, String run, Action inject, Action heal, int holdSeconds) throws Exception {
        return phase(fault, run, inject, heal, holdSeconds, true);
    }

    /**
     * One fault: publish {@link #PER_FAULT} encounters, inject a third of the way in, hold, heal, wait until
     * quiet, count. Dead letters this phase added that are not expected are re-driven by {@code ./stack replay}
     * once all is healed, and reported (the row says how many needed it).
     */
    private Row phase(String fault, String run, Action inject, Action heal, int holdSeconds, boolean replayUnexpected)
            throws Exception {
        Instant phaseStart = clock.instant();
        Set<String> before = ids(readDeadLetters());
        WorkloadGenerator generator = new WorkloadGenerator(run.hashCode(), population, clock, run);
        Set<String> published = ConcurrentHashMap.newKeySet();
        publishedByPhase.put(run, published);
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> publishFailure = new AtomicReference<>();
        Thread publisher = new Thread(
                () -> {
                    try (WorkloadPublisher out = new WorkloadPublisher(bootstrap, registry)) {
                        out.publish(generator, PER_FAULT, RATE, g -> {
                            published.add(g.event().getEncounterId());
                            sent.incrementAndGet();
                        });
                    } catch (Throwable t) {
                        publishFailure.set(t);
                    }
                },
                "fault-publisher-" + run);
        publisher.start();
        while (sent.get() < PER_FAULT / 3 && publisher.isAlive()) {
            Thread.sleep(50);
        }
        String prefix = "enc-" + run + "-";
        int inFlight = sent.get() - (int) FaultInvariants.finished(databases, prefix);
        System.out.printf(Locale.ROOT, "%n=== %s (%d published, %d in flight)%n", fault, sent.get(), inFlight);
        inject.run();
        Thread.sleep(holdSeconds * 1000L);
        heal.run();
        long healed = System.nanoTime();
        publisher.join();
        assertThat(publishFailure.get()).as("publishing during " + fault).isNull();
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

    /**
     * Bad input on every consumed topic while encounters flow: bytes that are not Avro, Confluent wire format with
     * a schema id the registry does not know, and wire format with the id of a registered schema the consumer
     * cannot read into its reader schema. The dead-letter topics must then hold exactly these, once for each
     * consuming group, each with a reason; nothing else may be lost or doubled.
     */
    private Row badInput(String run) throws Exception {
        Map<String, Integer> incompatibleIds = new LinkedHashMap<>();
        for (String topic : CONSUMERS.keySet()) {
            String recordName = Topics.recordClassOf(topic).getName();
            // same full name as the reader's class (so the consumer tries to read it as one), nothing it needs
            incompatibleIds.put(
                    topic,
                    register(
                            "fault-suite-incompatible-" + topic + "-value",
                            "{\"type\":\"record\",\"name\":\"" + recordName
                                    + "\",\"fields\":[{\"name\":\"faultSuiteOnly\"," + "\"type\":\"int\"}]}"));
        }
        Set<String> before = ids(readDeadLetters());
        Map<String, Set<String>> expected = new TreeMap<>();
        Row row = phase(
                "bad input: not Avro, unknown schema id, incompatible schema, on each of " + CONSUMERS.size()
                        + " consumed topics",
                run,
                () -> {
                    try (KafkaProducer<String, byte[]> producer = rawProducer()) {
                        for (var e : incompatibleIds.entrySet()) {
                            String topic = e.getKey();
                            String t = topic.replace("claimflow.", "").replace(".v1", "");
                            Map<String, byte[]> bad = Map.of(
                                    "bad-not-avro-" + t, "{\"this\": \"is not Avro\"}".getBytes(StandardCharsets.UTF_8),
                                    "bad-unknown-schema-" + t, wire(0x7f7f7f7f, new byte[] {2, 4, 6}),
                                    "bad-incompatible-" + t, wire(e.getValue(), new byte[] {0x54}));
                            for (var b : bad.entrySet()) {
                                producer.send(new ProducerRecord<>(topic, b.getKey(), b.getValue()))
                                        .get(30, TimeUnit.SECONDS);
                                for (String group : CONSUMERS.get(topic)) {
                                    expected.computeIfAbsent(topic + Topics.DLT_SUFFIX, k -> new java.util.TreeSet<>())
                                            .add(b.getKey() + " @" + group);
                                }
                            }
                        }
                    }
                },
                () -> {},
                0,
                false);
        List<Letter> added = added(before);
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Letter l : added) {
            actual.computeIfAbsent(l.topic(), k -> new java.util.TreeSet<>()).add(l.key() + " @" + l.group());
        }
        long expectedCount = expected.values().stream().mapToLong(Set::size).sum();
        System.out.println("    dead letters expected " + expectedCount + ", added " + added.size());
        added.stream()
                .sorted(Comparator.comparing(Letter::id))
                .forEach(l ->
                        System.out.println("      " + l.id() + " " + l.key() + " @" + l.group() + ": " + l.reason()));
        assertThat(actual)
                .as("the dead-letter topics hold exactly the bad records, once per consuming group")
                .isEqualTo(expected);
        assertThat(added).as("one letter each").hasSize((int) expectedCount);
        assertThat(added).allSatisfy(l -> assertThat(l.reason()).as(l.id()).contains("could not be deserialized"));
        assertThat(added.stream().filter(l -> l.key().startsWith("bad-unknown-schema")))
                .allSatisfy(l -> assertThat(l.reason()).containsIgnoringCase("schema"));
        // the phase itself re-drives what it did not expect; here everything added was expected
        return new Row(
                row.fault(),
                row.inFlight(),
                row.lost(),
                row.duplicated(),
                row.moneyMismatches(),
                row.visitViolations(),
                added.size(),
                row.replayed(),
                row.recoverySeconds(),
                expectedCount + " expected (" + CONSUMERS.size()
                        + " topics x 3 records x consuming groups), each with its reason");
    }

    /**
     * A dead letter whose cause is fixed, then re-driven: an encounter written with a schema the registry does not
     * have yet (a producer's newer schema, one optional field more) is dead-lettered by coding-service; once that
     * schema is registered, {@code ./stack replay} re-drives it, it is coded and billed once, and a second replay
     * re-drives nothing.
     */
    private Row redrive(String run) throws Exception {
        Instant start = clock.instant();
        Set<String> before = ids(readDeadLetters());
        // the registry numbers schemas in order: a fresh probe tells the id the next new schema gets
        int probe = register(
                "fault-suite-probe-value",
                "{\"type\":\"record\",\"name\":\"Probe" + System.nanoTime()
                        + "\",\"namespace\":\"io.claimflow.faults\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
        int next = probe + 1;
        WorkloadGenerator generator = new WorkloadGenerator(run.hashCode(), population, clock, run);
        EncounterDocumented event = generator.next().event();
        String encounterId = event.getEncounterId();
        publishedByPhase.put(run, Set.of(encounterId));
        byte[] value;
        try (ConfluentAvroSerializer serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry), false);
            byte[] current = serializer.serialize(Topics.ENCOUNTER_DOCUMENTED, event);
            // the same record under the newer schema: its id, the body, and the added optional field (null: 0)
            ByteBuffer b = ByteBuffer.allocate(current.length + 1);
            b.put((byte) 0).putInt(next).put(current, 5, current.length - 5).put((byte) 0);
            value = b.array();
        }
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            producer.send(new ProducerRecord<>(Topics.ENCOUNTER_DOCUMENTED, encounterId, value))
                    .get(30, TimeUnit.SECONDS);
        }
        Letter letter = awaitLetter(before, encounterId, Duration.ofSeconds(60));
        System.out.println("    dead-lettered " + letter.id() + " @" + letter.group() + ": " + letter.reason());
        assertThat(FaultInvariants.rows(
                        databases,
                        FaultInvariants.CODING,
                        "SELECT encounter_id, '1' FROM encounter" + " WHERE encounter_id = '" + encounterId + "'"))
                .as("not coded while its schema is unknown")
                .isEmpty();

        // the fix: register the newer schema
        ObjectNode newer =
                (ObjectNode) json.readTree(EncounterDocumented.getClassSchema().toString());
        ObjectNode field = ((ArrayNode) newer.get("fields")).addObject();
        field.put("name", "faultSuiteNote");
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        int id = register("fault-suite-encounter-documented-newer-value", newer.toString());
        assertThat(id)
                .as("the registry gave the newer schema the id the record carries")
                .isEqualTo(next);

        long t0 = System.nanoTime();
        long first = replay("--service", "coding-service", "--key", encounterId, "--since", start.toString());
        long second = replay("--service", "coding-service", "--key", encounterId, "--since", start.toString());
        long lastChange = awaitQuiet("enc-" + run + "-", Duration.ofSeconds(10), Duration.ofMinutes(3));
        FaultInvariants.Counts counts = FaultInvariants.count(databases, "enc-" + run + "-", Set.of(encounterId));
        long coded = Long.parseLong(FaultInvariants.rows(
                        databases,
                        FaultInvariants.CODING,
                        "SELECT 'n', count(*)::text" + " FROM encounter WHERE encounter_id = '" + encounterId + "'")
                .get("n"));
        long currentClaims = Long.parseLong(FaultInvariants.rows(
                        databases,
                        FaultInvariants.CLAIM,
                        "SELECT 'n'," + " count(*)::text FROM claim WHERE is_current AND encounter_id = '" + encounterId
                                + "'")
                .get("n"));
        System.out.printf(
                "    replayed %d, then %d; coded %d time(s), %d current claim(s)%n",
                first, second, coded, currentClaims);
        assertThat(first).as("first replay re-drives the letter").isEqualTo(1);
        assertThat(second)
                .as("the journal keeps a second replay from re-driving it again")
                .isZero();
        assertThat(coded).as("arrived once").isEqualTo(1);
        assertThat(currentClaims).as("one current claim").isEqualTo(1);
        List<Letter> added = added(before);
        return new Row(
                "dead letter (schema not yet registered) re-driven by ./stack replay after the fix",
                1,
                counts.lost(),
                counts.duplicated(),
                counts.moneyMismatches(),
                counts.visitViolations(),
                added.size(),
                first,
                Math.max(0, (lastChange - t0) / 1e9),
                "replayed once, second replay re-drove " + second + "; coded once, one current claim");
    }

    // ------------------------------------------------------------------------------------------------ the stack

    private Process startStack() throws Exception {
        for (int port : List.of(kafkaPort, kafkaPort + 1, postgresPort, registryPort)) {
            assertThat(listening(port))
                    .as("port " + port + " is free (-Dfaults.port-offset)")
                    .isFalse();
        }
        PORTS.values()
                .forEach(p ->
                        assertThat(listening(p)).as("port " + p + " is free").isFalse());
        // fresh data each run; the caches (PostgreSQL binaries, service class data archives) stay
        deleteTree(HOME.resolve("data"));
        deleteTree(HOME.resolve("run"));
        Files.createDirectories(HOME);
        Path members = HOME.resolve("payer-simulator-members.properties");
        WorkloadCommand.writeSimulatorConfig(population, members);
        String classpath = ROOT.resolve("local-stack/target/local-stack.jar")
                + java.io.File.pathSeparator
                + Files.readString(ROOT.resolve("local-stack/target/classpath.txt"))
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
                ROOT.toString(),
                "--home",
                HOME.toString(),
                "--data-dir",
                HOME.resolve("data").toString(),
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
                "420",
                "--services",
                String.join(",", SERVICES)));
        PORTS.forEach((s, p) -> command.addAll(List.of("--" + s + "-port", Integer.toString(p))));
        Path log = HOME.resolve("launcher.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CLAIMFLOW_PAYER_SIMULATOR_CONFIG", members.toString());
        builder.environment().put("CLAIMFLOW_SERVICE_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        Process launcher = builder.start();
        System.out.println("fault stack: launcher pid " + launcher.pid() + ", log " + log);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("ClaimFlow local stack is up")) {
                assertThat(text).as("every service UP").doesNotContain("is up with FAILURES");
                System.out.println(text.substring(Math.max(0, text.lastIndexOf("COMPONENT") - 4)));
                return launcher;
            }
            if (!launcher.isAlive() || text.contains("local stack did not start") || System.nanoTime() > deadline) {
                stopStack(launcher);
                throw new AssertionError("the fault stack did not start; see " + log + "\n" + tail(text));
            }
            Thread.sleep(1000);
        }
    }

    private void stopStack(Process launcher) throws InterruptedException {
        if (launcher.isAlive()) {
            launcher.destroy(); // SIGTERM: its shutdown hook stops every component in order
            if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
                launcher.destroyForcibly();
            }
        }
    }

    /** {@code ./stack VERB NAME} against the fault stack; waits for the launcher's answer. */
    private void stack(String verb, String name) throws Exception {
        String output = runStack(List.of(verb, name));
        System.out.println("    ./stack " + verb + " " + name + ": " + output.trim());
    }

    /** {@code ./stack replay ARGS}; returns how many dead letters it re-drove. */
    private long replay(String... args) throws Exception {
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
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("stack").toString()));
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("CLAIMFLOW_STACK_HOME", HOME.toString());
        builder.environment().put("CLAIMFLOW_STACK_DATA", HOME.resolve("data").toString());
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
    private long awaitQuiet(String prefix, Duration quietFor, Duration timeout) throws InterruptedException {
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

    /** Records the services' consumer groups have not committed yet, over the topics each reads; -1 if unknown. */
    private long lag() {
        Map<String, Object> config = Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000,
                org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config)) {
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

    private List<Letter> added(Set<String> before) throws Exception {
        return readDeadLetters().stream().filter(l -> !before.contains(l.id())).toList();
    }

    private Letter awaitLetter(Set<String> before, String key, Duration timeout) throws Exception {
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

    private static Set<String> ids(List<Letter> letters) {
        Set<String> ids = new java.util.HashSet<>();
        letters.forEach(l -> ids.add(l.id()));
        return ids;
    }

    /** Every record on every dead-letter topic (read committed), with its key, group and reason. */
    private List<Letter> readDeadLetters() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.all()) {
                String dlt = Topics.dlt(topic);
                consumer.partitionsFor(dlt, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(dlt, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    letters.add(new Letter(
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            r.key(),
                            header(r, "kafka_dlt-original-consumer-group"),
                            header(r, "claimflow-dlt-reason"),
                            header(r, "claimflow-replayed-from")));
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return letters;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String reasons(List<Letter> letters) {
        Map<String, Long> byReason = new TreeMap<>();
        letters.forEach(l -> byReason.merge(l.group() + ": " + shorten(l.reason()), 1L, Long::sum));
        return byReason.toString();
    }

    private static String shorten(String s) {
        return s == null ? "-" : s.length() > 90 ? s.substring(0, 90) + "..." : s;
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] wire(int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length)
                .put((byte) 0)
                .putInt(schemaId)
                .put(body)
                .array();
    }

    /** Registers {@code schema} under {@code subject} in the fault stack's registry; returns its id. */
    private int register(String subject, String schema) throws Exception {
        ObjectNode body = json.createObjectNode().put("schema", schema);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(registry + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("register " + subject + ": " + response.body())
                .isEqualTo(200);
        return json.readTree(response.body()).path("id").asInt();
    }

    private void outage(String simulator, boolean down) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(simulator + "/simulator/faults"))
                        .header("Content-Type", "application/json")
                        // the simulator's login (payer-simulator.yml, payer-simulator.auth.*)
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString("gateway:claimflow-payer"
                                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"latencyMillis\": 0, \"errorRate\": 0, \"seed\": 42," + " \"outage\": " + down
                                        + ", \"malformed835\": false, \"unbalanced835\": false}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode() / 100)
                .as("simulator faults: " + response.body())
                .isEqualTo(2);
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

    static String table(List<Row> rows, List<String> finalCounts) {
        StringBuilder t = new StringBuilder("| fault | records in flight | lost | duplicated | money mismatches |"
                + " visit invariants broken | dead letters added | replayed | recovery s |"
                + " at the end: lost / dup / money / visit | note |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            t.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f | %s | %s |%n",
                    r.fault(),
                    r.inFlight(),
                    r.lost(),
                    r.duplicated(),
                    r.moneyMismatches(),
                    r.visitViolations(),
                    r.deadLetters(),
                    r.replayed(),
                    r.recoverySeconds(),
                    i < finalCounts.size() ? finalCounts.get(i) : "-",
                    r.note().replace("|", "/")));
        }
        return t.toString();
    }

    private static String notes() {
        return """

                Each phase publishes %d encounters at %d/s; the fault is injected a third of the way in. *Records in
                flight*: encounters published but not yet at a final or waiting claim when the fault hit. *Lost*: an
                encounter that never reached coding, or whose current claim is missing or still in flight once quiet.
                *Duplicated*: more than one current claim. *Money mismatches*: a claim whose remittances differ between
                the gateway's 835s, claim-service's postings and the patient ledger, or totals that do not reconcile
                to the cent. *Visit invariants broken*: a visit whose patient ledger (over all its claims, replaced
                ones included) charges the patient other than its current claim, a released claim the payer's 999
                never answered, an open balance without a work item (VisitInvariants). *Recovery*: from the heal to the last change of the pipeline's progress. Kills are
                SIGKILL of the service's OS process (`./stack kill`); PostgreSQL gets an immediate shutdown (SIGQUIT
                to the postmaster, crash recovery at the next start); the broker is SIGKILLed and started again on
                the same data directory and port.
                """.formatted(PER_FAULT, RATE);
    }
}
