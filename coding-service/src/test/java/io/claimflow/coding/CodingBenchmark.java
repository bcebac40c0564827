package io.claimflow.coding;

import io.claimflow.events.CodeSystem;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.MedicalDecisionMaking;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Throughput of one coding-service instance: publishes encounters to claimflow.encounter.documented.v1 and measures
 * from the first send until every one of them is coded (version stored and its EncounterCoded published by the
 * outbox relay) or held in the coder queue. The mix per four encounters: the sample follow-up (SNOMED CT, E/M and
 * A1c), a visit with a same-day procedure (modifier 25, NCCI), a preventive visit with a lipid panel, and one with an
 * unmapped concept (held). Runs against the embedded test infrastructure (KRaft broker, registry, PostgreSQL 17).
 *
 * <p>{@code ./mvnw -B -q -pl coding-service -am verify -DskipTests -Pbenchmark -Dbenchmark.encounters=3000
 * -Dbenchmark.concurrency=1}
 */
public final class CodingBenchmark {

    private CodingBenchmark() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int encounters = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int warmup = Math.max(200, encounters / 10);
        Map<String, Object> properties = new HashMap<>(Infrastructure.get().springProperties("claimflow_coding_bench"));
        properties.put("server.port", "0");
        properties.put("claimflow.coding.listener-concurrency", Integer.toString(concurrency));
        properties.put("logging.level.io.claimflow", "WARN");
        properties.put("logging.level.org.apache.kafka", "WARN");
        // system properties, so they win over application.yml (builder properties are only defaults)
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CodingServiceApplication.class).run()) {
            KafkaTemplate<Object, Object> kafka = app.getBean(KafkaTemplate.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            run(kafka, jdbc, "warm-" + UUID.randomUUID(), warmup);
            String run = "bench-" + UUID.randomUUID();
            Instant start = Instant.now();
            long[] counts = run(kafka, jdbc, run, encounters);
            Duration elapsed = Duration.between(start, Instant.now());
            double perSecond = encounters / (elapsed.toNanos() / 1e9);
            System.out.printf(
                    "coding-service benchmark: %d encounters (%d coded automatically and published, %d held "
                            + "for coders) in %.2f s = %.0f encounters/s; one instance, listener concurrency %d, "
                            + "%d cores%n",
                    encounters,
                    counts[0],
                    counts[1],
                    elapsed.toNanos() / 1e9,
                    perSecond,
                    concurrency,
                    Runtime.getRuntime().availableProcessors());
        }
        System.exit(0);
    }

    /** Publishes {@code count} encounters under {@code run} and waits until all are coded or held. */
    private static long[] run(KafkaTemplate<Object, Object> kafka, JdbcClient jdbc, String run, int count)
            throws Exception {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EncounterDocumented event = encounter(i);
            event.setEncounterId(run + "-" + i);
            sends.add(kafka.send(Topics.ENCOUNTER_DOCUMENTED, event.getEncounterId(), event));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            long published = jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key LIKE :run "
                            + "AND published_at IS NOT NULL")
                    .param("run", run + "-%")
                    .query(Long.class)
                    .single();
            long held = jdbc.sql("SELECT count(*) FROM coder_queue_item WHERE encounter_id LIKE :run")
                    .param("run", run + "-%")
                    .query(Long.class)
                    .single();
            if (published + held >= count) {
                return new long[] {published, held};
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Not all encounters were coded within 10 minutes");
    }

    private static EncounterDocumented encounter(int i) {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        switch (i % 4) {
            case 1 -> {
                event.setDiagnoses(List.of(
                        code(CodeSystem.ICD_10_CM, "I10", "Hypertension"),
                        code(CodeSystem.ICD_10_CM, "L57.0", "Actinic keratosis")));
                event.setProcedures(List.of(code(CodeSystem.CPT, "17000", "Cryodestruction of actinic keratosis")));
            }
            case 2 -> {
                event.setEncounterType(code(CodeSystem.SNOMED_CT, "162673000", "General examination of patient"));
                event.setMedicalDecisionMaking(null);
                event.setTotalTimeMinutes(null);
                event.setDiagnoses(List.of(code(CodeSystem.SNOMED_CT, "55822004", "Hyperlipidemia")));
                event.setProcedures(List.of(code(CodeSystem.SNOMED_CT, "16254007", "Lipid panel")));
            }
            case 3 -> {
                event.setMedicalDecisionMaking(MedicalDecisionMaking.LOW);
                event.setDiagnoses(List.of(code(CodeSystem.SNOMED_CT, "702927004", "Urge incontinence of urine")));
            }
            default -> {
                // the sample as is
            }
        }
        return event;
    }

    private static DocumentedCode code(CodeSystem system, String code, String text) {
        return DocumentedCode.newBuilder()
                .setSystem(system)
                .setCode(code)
                .setText(text)
                .build();
    }
}
