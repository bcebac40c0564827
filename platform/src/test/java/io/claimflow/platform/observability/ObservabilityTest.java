package io.claimflow.platform.observability;

import static io.claimflow.platform.TestEvents.event;
import static io.claimflow.platform.TestEvents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.platform.PlatformHttp;
import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.outbox.OutboxRelay;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.platform.testapp.PlatformTestEvent;
import io.claimflow.platform.testapp.TestListener;
import io.claimflow.platform.testapp.TracedListener;
import io.claimflow.testsupport.Records;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * Traces across Kafka and through the outbox, and the {@code claimflow.*} metrics at {@code /actuator/prometheus}.
 */
@PlatformTest
class ObservabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    ProducerFactory<Object, Object> producerFactory;

    @Autowired
    KafkaTemplate<Object, Object> kafkaTemplate;

    @Autowired
    TracedListener tracedListener;

    @Autowired
    TestListener testListener;

    @Autowired
    OutboxRelay outboxRelay;

    @Autowired
    OutboxWriter outboxWriter;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsumerLagMetrics consumerLagMetrics;

    @LocalServerPort
    int port;

    @Test
    void traceOfAConsumedRecordContinuesThroughTheOutboxIntoTheRelayedRecord() throws Exception {
        traceContinuesThroughTheOutbox("01");
    }

    // An upstream service that did not sample the trace (management.tracing.sampling.probability below 1) still sends
    // traceparent with flags 00: the hop keeps the trace id and the decision, so a trace is kept whole or not at all.
    @Test
    void anUnsampledTraceContinuesUnsampledThroughTheOutbox() throws Exception {
        traceContinuesThroughTheOutbox("00");
    }

    private void traceContinuesThroughTheOutbox(String flags) throws Exception {
        PlatformTestEvent event = event("ok");
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parentSpanId = HexFormat.of().formatHex(randomBytes(8));

        // A plain producer: the record carries exactly the trace context an upstream service would have sent.
        try (KafkaProducer<String, Object> producer =
                new KafkaProducer<>(new HashMap<>(producerFactory.getConfigurationProperties()))) {
            ProducerRecord<String, Object> record =
                    new ProducerRecord<>(PlatformTestApplication.TRACED, event.getEncounterId(), event);
            record.headers()
                    .add(
                            "traceparent",
                            ("00-" + traceId + "-" + parentSpanId + "-" + flags).getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }

        assertThat(tracedListener.traceIdFuture(event.getEventId()).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("trace id in the listener's log context (MDC)")
                .isEqualTo(traceId);
        String[] stored = jdbc.queryForObject(
                "SELECT headers FROM claimflow_platform.outbox WHERE key = ?",
                (rs, n) -> (String[]) rs.getArray(1).getArray(),
                event.getEncounterId());
        assertThat(String.join(",", stored)).contains("traceparent,00-" + traceId + "-");
        assertThat(String.join(",", stored))
                .as("sampling decision stored with the row")
                .containsPattern("traceparent,00-" + traceId + "-[0-9a-f]{16}-" + flags);

        outboxRelay.relayAll();

        List<ConsumerRecord<String, byte[]>> relayed = Records.awaitRecords(
                PlatformTestApplication.OUTBOX,
                1,
                WAIT,
                new ByteArrayDeserializer(),
                r -> event.getEncounterId().equals(r.key()));
        String traceparent = header(relayed.get(0), "traceparent");
        assertThat(traceparent).as("traceparent of the relayed record").startsWith("00-" + traceId + "-");
        assertThat(traceparent).doesNotContain(parentSpanId);
        assertThat(traceparent).as("sampling decision of the relayed record").endsWith("-" + flags);
    }

    @Test
    void consumedProducedAndDeadLetteredRecordsAreCountedPerTopic() throws Exception {
        RestClient admin = PlatformHttp.client(port, "admin");
        String events = PlatformTestApplication.EVENTS;
        String outbox = PlatformTestApplication.OUTBOX;
        String before = scrape(admin);
        double consumedOk =
                value(before, "claimflow_events_consumed_total", Map.of("topic", events, "outcome", "success"));
        double deadLettered = value(
                before, "claimflow_events_dead_lettered_total", Map.of("topic", events, "reason", "not-retryable"));
        double produced =
                value(before, "claimflow_events_produced_total", Map.of("topic", outbox, "outcome", "success"));

        PlatformTestEvent ok = event("ok");
        PlatformTestEvent rejected = event("reject");
        kafkaTemplate.send(events, ok.getEncounterId(), ok).get(30, TimeUnit.SECONDS);
        kafkaTemplate.send(events, rejected.getEncounterId(), rejected).get(30, TimeUnit.SECONDS);
        testListener.processedFuture(ok.getEventId()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        PlatformTestEvent appended = event("ok");
        transactions.executeWithoutResult(status -> outboxWriter.append(outbox, appended.getEncounterId(), appended));
        assertThat(value(scrape(admin), "claimflow_outbox_backlog_rows", Map.of()))
                .isGreaterThanOrEqualTo(1);
        int relayed = outboxRelay.relayAll();

        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape(admin);
            assertThat(value(
                            after,
                            "claimflow_events_consumed_total",
                            Map.of("topic", events, "outcome", "success", "service", "platform-test")))
                    .isEqualTo(consumedOk + 1);
            assertThat(value(
                            after,
                            "claimflow_events_dead_lettered_total",
                            Map.of("topic", events, "reason", "not-retryable")))
                    .isEqualTo(deadLettered + 1);
            assertThat(value(after, "claimflow_events_produced_total", Map.of("topic", outbox, "outcome", "success")))
                    .isEqualTo(produced + relayed);
            assertThat(value(
                            after,
                            "claimflow_events_produced_total",
                            Map.of("topic", events + ".dlt", "outcome", "success")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(
                            after,
                            "claimflow_listener_processing_seconds_count",
                            Map.of("topic", events, "outcome", "error")))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(after, "claimflow_outbox_relay_lag_seconds_count", Map.of("topic", outbox)))
                    .isGreaterThanOrEqualTo(relayed);
            assertThat(value(after, "claimflow_outbox_backlog_rows", Map.of())).isZero();
            assertThat(after).contains("claimflow_outbox_oldest_unpublished_age_seconds");
            assertThat(after).contains("kafka_consumer_fetch_manager_records_lag_max");
        });
        String last = scrape(admin);
        assertThat(last)
                .as("one series per listener, not per consumer thread")
                .contains("listener=\"org.springframework.kafka.KafkaListenerEndpointContainer#0\"")
                .doesNotContain("listener=\"org.springframework.kafka.KafkaListenerEndpointContainer#0-0\"");
    }

    @Test
    void consumerLagIsReportedPerGroupAndTopic() {
        consumerLagMetrics.refresh();

        String exposition = scrape(PlatformHttp.client(port, "admin"));
        assertThat(exposition)
                .containsPattern("(?m)^claimflow_consumer_lag_records\\{group=\"platform-test\","
                        + "service=\"platform-test\",topic=\"platform-test\\.events\\.v1\"} [0-9.E]+$");
        assertThat(exposition)
                .containsPattern("(?m)^claimflow_consumer_lag_records\\{group=\"platform-test-traced\","
                        + "service=\"platform-test\",topic=\"platform-test\\.traced\\.v1\"} [0-9.E]+$");
    }

    @Test
    void noSpansAreExportedUnlessADeploymentAsksForIt(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(zipkin2.reporter.brave.AsyncZipkinSpanHandler.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(io.micrometer.tracing.Tracer.class))
                .isNotEmpty();
    }

    @Test
    void prometheusNeedsAdmin() {
        ResponseEntity<String> anonymous = PlatformHttp.client(port, null)
                .get()
                .uri("/actuator/prometheus")
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> biller = PlatformHttp.client(port, "biller")
                .get()
                .uri("/actuator/prometheus")
                .retrieve()
                .toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(biller.getStatusCode().value()).isEqualTo(403);
    }

    private static String scrape(RestClient admin) {
        ResponseEntity<String> response =
                admin.get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    // Sum of the samples of `name` whose labels include all of `tags` (0 when there is none).
    private static double value(String exposition, String name, Map<String, String> tags) {
        double sum = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)")
                .matcher(exposition);
        while (line.find()) {
            String labels = line.group(1) == null ? "" : line.group(1);
            boolean matches = tags.entrySet().stream()
                    .allMatch(tag -> labels.contains(tag.getKey() + "=\"" + tag.getValue() + "\""));
            if (matches) {
                sum += Double.parseDouble(line.group(2));
            }
        }
        return sum;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
