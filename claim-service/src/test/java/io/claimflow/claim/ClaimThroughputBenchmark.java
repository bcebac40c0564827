package io.claimflow.claim;

import static io.claimflow.claim.PipelineFixture.encounterCoded;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.CodedEncounter;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.ClaimNumbers;
import io.claimflow.claim.submission.Scrubber;
import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test (surefire's default includes leave it out): how many claims one claim-service instance builds
 * per second. Run it with
 * {@code ./mvnw -B -q -pl claim-service -am verify -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=ClaimThroughputBenchmark -Dbenchmark.claims=3000 -Dbenchmark.concurrency=4 &&
 * cat claim-service/target/benchmark/claim-throughput.txt}.
 *
 * <p>Two figures: the domain alone (assembly with an in-memory fee schedule, and scrubbing) in one thread, and the
 * whole pipeline of one instance, from the first EncounterCoded sent: consumed, idempotency mark, claim and
 * lines priced from PostgreSQL, scrubbed, stored, ClaimSubmitted appended to the outbox, committed, and relayed to
 * Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ClaimFlowInfrastructure(database = "claimflow_claim_benchmark")
class ClaimThroughputBenchmark {

    static final int CLAIMS = Integer.getInteger("benchmark.claims", 3000);
    static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 4);

    @DynamicPropertySource
    static void listeners(DynamicPropertyRegistry registry) {
        registry.add("claimflow.claim.listener-concurrency", () -> CONCURRENCY);
        registry.add("spring.kafka.consumer.group-id", () -> "claim-service-benchmark-" + UUID.randomUUID());
        registry.add("logging.level.io.claimflow", () -> "WARN");
    }

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /** Partitions of the topic as the platform creates it (claimflow.kafka.partitions). */
    static final int PARTITIONS = 12;

    @Test
    void claimsPerSecond() throws Exception {
        Files.deleteIfExists(REPORT);
        domainOnly();
        pipeline();
    }

    void domainOnly() {
        ClaimAssembler assembler = new ClaimAssembler(TestEncounters.feeSchedule());
        Scrubber scrubber = new Scrubber();
        CodedEncounter encounter = TestEncounters.officeVisit();
        Scrubber.Context context = new Scrubber.Context(LocalDate.of(2026, 3, 11), 365, false);
        int rounds = 200_000;
        long checksum = 0;
        for (int warmup = 0; warmup < 2; warmup++) {
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                Claim claim = assembler.assemble(
                        encounter,
                        ClaimNumbers.of(i, "riverside-fm", LocalDate.of(2026, 3, 11)),
                        null,
                        Actor.system("benchmark"),
                        Instant.EPOCH);
                checksum +=
                        scrubber.scrub(claim, context).size() + claim.lines().size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (warmup == 1) {
                print(
                        "domain only (assemble + scrub, 1 thread): %,d claims in %.2f s = %,.0f claims/s (checksum %d)",
                        rounds, seconds, rounds / seconds, checksum);
            }
        }
    }

    void pipeline() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<EncounterCoded> events = new ArrayList<>(CLAIMS);
        for (int i = 0; i < CLAIMS; i++) {
            events.add(encounterCoded("enc-bench-" + run + "-" + i, 1));
        }
        // measure work, not the consumer group joining: wait until the listeners own every partition
        var container = listeners.getListenerContainer("claim-service.encounter-coded");
        PipelineFixture.await(
                "partitions assigned",
                () -> container.getAssignedPartitions() != null
                        && container.getAssignedPartitions().size() == PARTITIONS);
        long sendStart = System.nanoTime();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (EncounterCoded event : events) {
            sends.add(kafka.send(Topics.ENCOUNTER_CODED, event.getEncounterId(), event));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        long start = sendStart; // the consumers start on the first record
        String like = "enc-bench-" + run + "-%";
        int submitted = 0;
        double committedSeconds = 0;
        while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(10)) {
            submitted = jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id LIKE ? AND status = 'SUBMITTED'")
                    .param(like)
                    .query(Integer.class)
                    .single();
            if (submitted >= CLAIMS && committedSeconds == 0) {
                committedSeconds = (System.nanoTime() - start) / 1e9;
            }
            if (committedSeconds > 0
                    && jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key LIKE ?"
                                            + " AND published_at IS NULL")
                                    .param(like)
                                    .query(Integer.class)
                                    .single()
                            == 0) {
                break;
            }
            Thread.sleep(20);
        }
        double publishedSeconds = (System.nanoTime() - start) / 1e9;
        print("%,d EncounterCoded sent in %.2f s; timing from the first send", CLAIMS, sendSeconds);
        if (committedSeconds == 0) {
            print("only %,d of %,d claims submitted within 10 minutes", submitted, CLAIMS);
            return;
        }
        print(
                "pipeline, one instance, listener concurrency %d: %,d claims built, scrubbed, submitted and committed"
                        + " in %.2f s = %,.0f claims/s; all %,d ClaimSubmitted relayed to Kafka after %.2f s = %,.0f claims/s",
                CONCURRENCY,
                CLAIMS,
                committedSeconds,
                CLAIMS / committedSeconds,
                CLAIMS,
                publishedSeconds,
                CLAIMS / publishedSeconds);
    }

    // surefire sends test output to target/surefire-reports; the figures also go to a file the command prints
    static final Path REPORT = Path.of("target", "benchmark", "claim-throughput.txt");

    static void print(String format, Object... args) {
        String line = "[benchmark] " + String.format(Locale.ROOT, format, args);
        System.out.println(line);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(
                    REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
