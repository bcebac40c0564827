package io.claimflow.patientbilling;

import static org.awaitility.Awaitility.await;

import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Benchmark, not a test: how many PaymentPosted events one instance posts to the ledger per second, over real
 * Kafka and PostgreSQL. Runs only with {@code -Dbenchmark=true}; see the README for the command. Claims are
 * registered first (not timed); then {@code benchmark.events} remittances (default 3000), each for its own claim
 * and encounter, are published and the clock runs until the last journal entry is committed.
 */
@SpringBootTest
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PaymentPostedBenchmark {

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void paymentPostedPerSecond() throws Exception {
        int events = Integer.getInteger("benchmark.events", 3000);
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<PaymentPosted> remittances = new ArrayList<>(events);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String encounter = "enc-bench-" + UUID.randomUUID();
            String claim = "clm-bench-" + i;
            sends.add(kafka.send(
                    Topics.CLAIM_SUBMITTED,
                    encounter,
                    BillingEvents.claimSubmitted(tenant, claim, encounter, "MRN-" + (i % 500))));
            remittances.add(BillingEvents.primary(tenant, claim, encounter, "EFT-BENCH-" + i));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT count(*) FROM claim WHERE tenant_id = ?")
                                .param(tenant)
                                .query(Long.class)
                                .single()
                        == events);

        long start = System.nanoTime();
        sends.clear();
        for (PaymentPosted remittance : remittances) {
            sends.add(kafka.send(Topics.PAYMENT_POSTED, remittance.getEncounterId(), remittance));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        double published = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT count(*) FROM journal_entry WHERE tenant_id = ?")
                                .param(tenant)
                                .query(Long.class)
                                .single()
                        == events);
        double seconds = (System.nanoTime() - start) / 1e9;
        long lines = jdbc.sql("SELECT count(*) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                        + "WHERE e.tenant_id = ?")
                .param(tenant)
                .query(Long.class)
                .single();

        String result = String.format(
                Locale.US,
                "PaymentPosted benchmark: %d events posted (%d journal lines) in "
                        + "%.2f s = %.0f events/s for one instance (listener concurrency %s; publishing took %.2f s)%n",
                events,
                lines,
                seconds,
                events / seconds,
                System.getProperty("spring.kafka.listener.concurrency", "1"),
                published);
        System.out.print(result);
        Path out = Path.of("target", "benchmark-payment-posted.txt");
        try {
            Files.writeString(out, result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
