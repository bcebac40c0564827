package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The fault suite over real, separate processes ({@code ./stack faults}; a command, not part of the suite). It
 * starts a local stack of its own ({@link FaultStack}: local-stack's launcher, a KRaft broker, PostgreSQL, the schema
 * registry, and coding, claim, adjudication-gateway, patient-billing and the payer simulator, each a JVM of its own)
 * under {@code e2e/target/fault-stack} on ports of its own, then runs one phase per fault: encounters are published
 * at a steady rate, the fault is injected while they are in flight through {@code ./stack kill|start} (a real
 * SIGKILL of the OS process; PostgreSQL gets an immediate shutdown), healed, and once the pipeline is quiet the
 * invariants of {@link EndToEndPipelineTest} are counted ({@link FaultInvariants}). Dead letters are read off the
 * dead-letter topics themselves: a phase that is not about bad input must add none; the bad-input phase must add
 * exactly the bad records, once per consuming group, each with its reason; and one dead letter is re-driven by
 * {@code ./stack replay} after its cause is fixed and arrives once. {@link ClusterFaultSuite} runs the cluster's
 * faults over the same {@link FaultStack}.
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

    private FaultStack fs;
    private final List<String> finalCounts = new ArrayList<>();

    @Test
    void faultsOverSeparateProcesses() throws Exception {
        assumeTrue(Boolean.getBoolean("faults"), "a command: ./stack faults (-Dfaults=true)");
        fs = new FaultStack(
                ROOT,
                ROOT.resolve("e2e/target/fault-stack"),
                OFFSET,
                1,
                1,
                Population.generate(77, 600, LocalDate.now(Clock.systemUTC())),
                PER_FAULT,
                RATE);
        assertThat(fs.missingJars())
                .as("jars to run (./stack faults packages them)")
                .isEmpty();

        List<FaultPhases.Row> rows = new ArrayList<>();
        Process launcher = fs.start();
        try {
            rows.add(fs.phase("none (baseline)", "p0", () -> {}, () -> {}, 0));
            rows.add(fs.phase("payer down 15 s (HTTP 503)", "p1", () -> fs.outage(true), () -> fs.outage(false), 15));
            int n = 2;
            for (String service :
                    List.of("coding-service", "claim-service", "adjudication-gateway", "patient-billing-service")) {
                rows.add(fs.phase(
                        service + " kill -9, started again after 5 s",
                        "p" + n++,
                        () -> fs.stack("kill", service),
                        () -> fs.stack("start", service),
                        5));
            }
            rows.add(fs.phase(
                    "broker (KRaft) kill -9, started again after 5 s on the same data",
                    "p" + n++,
                    () -> fs.stack("kill", "kafka"),
                    () -> fs.stack("start", "kafka"),
                    5));
            rows.add(fs.phase(
                    "PostgreSQL immediate shutdown for 25 s, started again (crash recovery)",
                    "p" + n++,
                    () -> fs.stack("kill", "postgres"),
                    () -> fs.stack("start", "postgres"),
                    25));
            rows.add(badInput("p" + n++));
            rows.add(redrive("p" + n));
            // once more at the end, everything long quiet: a phase's stragglers would show up here
            fs.awaitQuiet("enc-p", Duration.ofSeconds(15), Duration.ofMinutes(3));
            for (int i = 0; i < rows.size(); i++) {
                FaultPhases.Row r = rows.get(i);
                FaultInvariants.Counts end = FaultInvariants.count(
                        fs.databases(), "enc-p" + i + "-", fs.publishedByPhase().getOrDefault("p" + i, Set.of()));
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
            fs.stop(launcher);
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

    /**
     * Bad input on every consumed topic while encounters flow: bytes that are not Avro, Confluent wire format with
     * a schema id the registry does not know, and wire format with the id of a registered schema the consumer
     * cannot read into its reader schema. The dead-letter topics must then hold exactly these, once for each
     * consuming group, each with a reason; nothing else may be lost or doubled.
     */
    private FaultPhases.Row badInput(String run) throws Exception {
        Map<String, Integer> incompatibleIds = new LinkedHashMap<>();
        for (String topic : FaultStack.CONSUMERS.keySet()) {
            String recordName = Topics.recordClassOf(topic).getName();
            // same full name as the reader's class (so the consumer tries to read it as one), nothing it needs
            incompatibleIds.put(
                    topic,
                    fs.register(
                            "fault-suite-incompatible-" + topic + "-value",
                            "{\"type\":\"record\",\"name\":\"" + recordName
                                    + "\",\"fields\":[{\"name\":\"faultSuiteOnly\"," + "\"type\":\"int\"}]}"));
        }
        Set<String> before = FaultStack.ids(fs.readDeadLetters());
        Map<String, Set<String>> expected = new TreeMap<>();
        FaultPhases.Row row = fs.phase(
                "bad input: not Avro, unknown schema id, incompatible schema, on each of " + FaultStack.CONSUMERS.size()
                        + " consumed topics",
                run,
                () -> {
                    try (KafkaProducer<String, byte[]> producer = fs.rawProducer()) {
                        for (var e : incompatibleIds.entrySet()) {
                            String topic = e.getKey();
                            String t = topic.replace("claimflow.", "").replace(".v1", "");
                            Map<String, byte[]> bad = Map.of(
                                    "bad-not-avro-" + t, "{\"this\": \"is not Avro\"}".getBytes(StandardCharsets.UTF_8),
                                    "bad-unknown-schema-" + t, FaultStack.wire(0x7f7f7f7f, new byte[] {2, 4, 6}),
                                    "bad-incompatible-" + t, FaultStack.wire(e.getValue(), new byte[] {0x54}));
                            for (var b : bad.entrySet()) {
                                producer.send(new ProducerRecord<>(topic, b.getKey(), b.getValue()))
                                        .get(30, TimeUnit.SECONDS);
                                for (String group : FaultStack.CONSUMERS.get(topic)) {
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
        List<FaultStack.Letter> added = fs.added(before);
        Map<String, Set<String>> actual = new TreeMap<>();
        for (FaultStack.Letter l : added) {
            actual.computeIfAbsent(l.topic(), k -> new java.util.TreeSet<>()).add(l.key() + " @" + l.group());
        }
        long expectedCount = expected.values().stream().mapToLong(Set::size).sum();
        System.out.println("    dead letters expected " + expectedCount + ", added " + added.size());
        added.stream()
                .sorted(Comparator.comparing(FaultStack.Letter::id))
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
        return new FaultPhases.Row(
                row.fault(),
                row.inFlight(),
                row.lost(),
                row.duplicated(),
                row.moneyMismatches(),
                row.visitViolations(),
                added.size(),
                row.replayed(),
                row.recoverySeconds(),
                expectedCount + " expected (" + FaultStack.CONSUMERS.size()
                        + " topics x 3 records x consuming groups), each with its reason");
    }

    /**
     * A dead letter whose cause is fixed, then re-driven: an encounter written with a schema the registry does not
     * have yet (a producer's newer schema, one optional field more) is dead-lettered by coding-service; once that
     * schema is registered, {@code ./stack replay} re-drives it, it is coded and billed once, and a second replay
     * re-drives nothing.
     */
    private FaultPhases.Row redrive(String run) throws Exception {
        Instant start = fs.clock().instant();
        Set<String> before = FaultStack.ids(fs.readDeadLetters());
        // the registry numbers schemas in order: a fresh probe tells the id the next new schema gets
        int probe = fs.register(
                "fault-suite-probe-value",
                "{\"type\":\"record\",\"name\":\"Probe" + System.nanoTime()
                        + "\",\"namespace\":\"io.claimflow.faults\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
        int next = probe + 1;
        WorkloadGenerator generator = new WorkloadGenerator(run.hashCode(), fs.population(), fs.clock(), run);
        EncounterDocumented event = generator.next().event();
        String encounterId = event.getEncounterId();
        fs.publishedByPhase().put(run, Set.of(encounterId));
        byte[] value;
        try (ConfluentAvroSerializer serializer = new ConfluentAvroSerializer()) {
            serializer.configure(fs.registryConfig(), false);
            byte[] current = serializer.serialize(Topics.ENCOUNTER_DOCUMENTED, event);
            // the same record under the newer schema: its id, the body, and the added optional field (null: 0)
            ByteBuffer b = ByteBuffer.allocate(current.length + 1);
            b.put((byte) 0).putInt(next).put(current, 5, current.length - 5).put((byte) 0);
            value = b.array();
        }
        try (KafkaProducer<String, byte[]> producer = fs.rawProducer()) {
            producer.send(new ProducerRecord<>(Topics.ENCOUNTER_DOCUMENTED, encounterId, value))
                    .get(30, TimeUnit.SECONDS);
        }
        FaultStack.Letter letter = fs.awaitLetter(before, encounterId, Duration.ofSeconds(60));
        System.out.println("    dead-lettered " + letter.id() + " @" + letter.group() + ": " + letter.reason());
        assertThat(FaultInvariants.rows(
                        fs.databases(),
                        FaultInvariants.CODING,
                        "SELECT encounter_id, '1' FROM encounter" + " WHERE encounter_id = '" + encounterId + "'"))
                .as("not coded while its schema is unknown")
                .isEmpty();

        // the fix: register the newer schema
        ObjectNode newer = (ObjectNode)
                fs.json().readTree(EncounterDocumented.getClassSchema().toString());
        ObjectNode field = ((ArrayNode) newer.get("fields")).addObject();
        field.put("name", "faultSuiteNote");
        field.putArray("type").add("null").add("string");
        field.putNull("default");
        int id = fs.register("fault-suite-encounter-documented-newer-value", newer.toString());
        assertThat(id)
                .as("the registry gave the newer schema the id the record carries")
                .isEqualTo(next);

        long t0 = System.nanoTime();
        long first = fs.replay("--service", "coding-service", "--key", encounterId, "--since", start.toString());
        long second = fs.replay("--service", "coding-service", "--key", encounterId, "--since", start.toString());
        long lastChange = fs.awaitQuiet("enc-" + run + "-", Duration.ofSeconds(10), Duration.ofMinutes(3));
        FaultInvariants.Counts counts = FaultInvariants.count(fs.databases(), "enc-" + run + "-", Set.of(encounterId));
        long coded = Long.parseLong(FaultInvariants.rows(
                        fs.databases(),
                        FaultInvariants.CODING,
                        "SELECT 'n', count(*)::text" + " FROM encounter WHERE encounter_id = '" + encounterId + "'")
                .get("n"));
        long currentClaims = Long.parseLong(FaultInvariants.rows(
                        fs.databases(),
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
        List<FaultStack.Letter> added = fs.added(before);
        return new FaultPhases.Row(
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

    static String table(List<FaultPhases.Row> rows, List<String> finalCounts) {
        StringBuilder t = new StringBuilder("| fault | records in flight | lost | duplicated | money mismatches |"
                + " visit invariants broken | dead letters added | replayed | recovery s |"
                + " at the end: lost / dup / money / visit | note |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < rows.size(); i++) {
            FaultPhases.Row r = rows.get(i);
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
