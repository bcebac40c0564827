package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.claimflow.e2e.FaultPhases.Action;
import io.claimflow.e2e.FaultPhases.Row;
import io.claimflow.e2e.demo.DeadLetterCounts;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The fault suite (a command: {@code -Dfaults=true}; too slow for the suite). For each fault, encounters are
 * published at a steady rate, the fault is injected while they are in flight and healed, and once the pipeline is
 * quiet the invariants of {@link EndToEndPipelineTest} are counted: lost (an encounter that did not reach coding, or
 * was coded and has no current claim or one still in flight), duplicated (more than one current claim, or money
 * posted differently in claim-service and the patient ledger than the gateway's 835s say) and recovery time (heal
 * -> last change). Prints the table and writes {@code e2e/target/faults/fault-table.md}.
 *
 * <p>What this JVM can do: a service is stopped by closing its Spring context and started again (not kill -9 of a
 * process); the payer goes down through the simulator's outage switch; bad records are a non-wire-format value, a
 * value with an unknown schema id, and a {@code PaymentPosted} on the {@code EncounterDocumented} topic
 * (schema-incompatible). Broker and PostgreSQL restarts are not covered here: they are shared by the whole JVM.
 */
@ClaimFlowInfrastructure
class FaultSuite {

    private static final int PER_FAULT = Integer.getInteger("faults.encounters", 150);
    private static final int RATE = Integer.getInteger("faults.rate", 30);

    @Test
    void faults() throws Exception {
        assumeTrue(Boolean.getBoolean("faults"), "a command: -Dfaults=true");
        Infrastructure infrastructure = Infrastructure.get();
        Clock clock = Clock.systemUTC();
        Population population = Population.generate(99, 600, LocalDate.now(clock));
        List<Row> rows = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.start(infrastructure, population.payerSimulatorProperties())) {
            assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
            String simulator = pipeline.instance(Pipeline.PAYER_SIMULATOR).url();
            HttpClient http = HttpClient.newHttpClient();
            rows.add(phase(pipeline, population, clock, "none (baseline)", "f0", () -> {}, () -> {}, 0));
            rows.add(phase(
                    pipeline,
                    population,
                    clock,
                    "payer down 10 s (HTTP 503)",
                    "f1",
                    () -> FaultPhases.outage(http, simulator, true),
                    () -> FaultPhases.outage(http, simulator, false),
                    10));
            for (Pipeline.Service service :
                    List.of(Pipeline.CLAIM, Pipeline.CODING, Pipeline.GATEWAY, Pipeline.PATIENT_BILLING)) {
                rows.add(phase(
                        pipeline,
                        population,
                        clock,
                        service.module() + " stopped 5 s, started again",
                        "f" + rows.size(),
                        () -> pipeline.stop(service),
                        () -> pipeline.restart(service),
                        5));
            }
            rows.add(phase(
                    pipeline,
                    population,
                    clock,
                    "3 bad records (not Avro, unknown schema id," + " PaymentPosted on the documented topic)",
                    "f" + rows.size(),
                    () -> badRecords(infrastructure),
                    () -> {},
                    0,
                    false));
        }
        StringBuilder table = new StringBuilder("| fault | records in flight | lost | duplicated |"
                + " money mismatches | visit invariants broken | dead letters added | replayed | recovery s |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            table.append(String.format(
                    "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
                    row.fault(),
                    row.inFlight(),
                    row.lost(),
                    row.duplicated(),
                    row.moneyMismatches(),
                    row.visitViolations(),
                    row.deadLetters(),
                    row.replayed(),
                    row.recoverySeconds()));
        }
        Path dir = Path.of("target", "faults");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fault-table.md"), table);
        System.out.println(table);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.lost()).as(row.fault()).isZero();
            assertThat(row.duplicated()).as(row.fault()).isZero();
            assertThat(row.moneyMismatches()).as(row.fault()).isZero();
            assertThat(row.visitViolations())
                    .as("per-visit invariants: " + row.fault())
                    .isZero();
        });
        assertThat(rows.get(rows.size() - 1).deadLetters())
                .as("exactly the bad records")
                .isEqualTo(3);
    }

    private Row phase(
            Pipeline pipeline,
            Population population,
            Clock clock,
            String fault,
            String run,
            Action inject,
            Action heal,
            int holdSeconds)
            throws Exception {
        return phase(pipeline, population, clock, fault, run, inject, heal, holdSeconds, true);
    }

    /**
     * One fault. With {@code replay}, dead letters of this phase are replayed once it is quiet (the cause, e.g. a
     * payment that overtook its claim while the service was down, has gone) and the pipeline is awaited again.
     */
    private Row phase(
            Pipeline pipeline,
            Population population,
            Clock clock,
            String fault,
            String run,
            Action inject,
            Action heal,
            int holdSeconds,
            boolean replay)
            throws Exception {
        java.time.Instant phaseStart = clock.instant();
        Infrastructure infrastructure = Infrastructure.get();
        long deadBefore = total(DeadLetterCounts.read(infrastructure.kafkaBootstrapServers()));
        WorkloadGenerator generator = new WorkloadGenerator(run.hashCode(), population, clock, run);
        Set<String> published = ConcurrentHashMap.newKeySet();
        PipelineSnapshot.Databases databases = pipeline.databases();
        String prefix = "enc-" + run + "-";
        FaultPhases.Published publishing = FaultPhases.publishThrough(
                fault,
                infrastructure.kafkaBootstrapServers(),
                infrastructure.schemaRegistryUrl(),
                generator,
                PER_FAULT,
                RATE,
                PER_FAULT / 3,
                databases,
                prefix,
                published,
                inject,
                heal,
                holdSeconds);
        long healed = publishing.healedNanos();
        long[] lastChange = {System.nanoTime()};
        List<Object>[] last = new List[] {null};
        // progress of this phase's encounters; remembers when it last changed (the recovery time)
        Supplier<List<Object>> progress = () -> {
            List<Object> now = PipelineSnapshot.read(databases, prefix).progress();
            if (!now.equals(last[0])) {
                last[0] = now;
                lastChange[0] = System.nanoTime();
            }
            return now;
        };
        Pipeline.awaitQuiet(progress, Duration.ofSeconds(10), Duration.ofMinutes(5));
        long deadAfter = total(DeadLetterCounts.read(infrastructure.kafkaBootstrapServers()));
        long replayed = 0;
        if (replay && deadAfter > deadBefore) {
            replayed = replayDeadLetters(
                    pipeline.instance(Pipeline.PATIENT_BILLING).url(), phaseStart);
            Pipeline.awaitQuiet(progress, Duration.ofSeconds(10), Duration.ofMinutes(2));
        }
        FaultInvariants.Counts counts = FaultInvariants.count(databases, prefix, published);
        return new Row(
                fault,
                publishing.inFlight(),
                counts.lost(),
                counts.duplicated(),
                counts.moneyMismatches(),
                counts.visitViolations(),
                deadAfter - deadBefore,
                replayed,
                Math.max(0, (lastChange[0] - healed) / 1e9),
                "");
    }

    /** Replays every dead letter recorded since {@code since} (platform's REST endpoint, as ADMIN). */
    private static long replayDeadLetters(String service, java.time.Instant since) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic "
                + java.util.Base64.getEncoder().encodeToString("admin:demo-admin".getBytes(StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long replayed = 0;
        for (String topic : Topics.all()) {
            HttpResponse<String> list = http.send(
                    HttpRequest.newBuilder(URI.create(service + "/admin/dead-letters/" + topic))
                            .header("Authorization", auth)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (list.statusCode() != 200) {
                continue;
            }
            for (var letter : json.readTree(list.body())) {
                if (!letter.path("replayedFrom").isNull()
                        || java.time.Instant.parse(letter.path("timestamp").asText())
                                .isBefore(since)) {
                    continue;
                }
                HttpResponse<String> done = http.send(
                        HttpRequest.newBuilder(URI.create(service
                                        + "/admin/dead-letters/" + topic + "/"
                                        + letter.path("partition").asInt() + "/"
                                        + letter.path("offset").asLong() + "/replay"))
                                .header("Authorization", auth)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (done.statusCode() / 100 == 2) {
                    replayed++;
                }
            }
        }
        return replayed;
    }

    private static void badRecords(Infrastructure infrastructure) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        PaymentPosted payment = Samples.load(PaymentPosted.class);
        byte[] incompatible;
        try (ConfluentAvroSerializer serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", infrastructure.schemaRegistryUrl()), false);
            // the PaymentPosted schema, registered under its own subject, written onto the documented topic
            incompatible = serializer.serialize(Topics.PAYMENT_POSTED, payment);
        }
        byte[] unknownSchemaId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6};
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(
                            Topics.ENCOUNTER_DOCUMENTED,
                            "enc-bad-not-avro",
                            "{\"this\": \"is not Avro\"}".getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(Topics.ENCOUNTER_DOCUMENTED, "enc-bad-unknown-schema", unknownSchemaId))
                    .get();
            producer.send(new ProducerRecord<>(Topics.ENCOUNTER_DOCUMENTED, "enc-bad-incompatible", incompatible))
                    .get();
        }
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
