package io.claimflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

/** The per-record meters are registered once per tag set and keep counting per record and per outcome. */
class EventMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void recordsOfAListenersConsumersShareOneSeriesPerOutcome() {
        ConsumedEventMetrics metrics = new ConsumedEventMetrics(registry);
        consume(metrics, "claim-service.encounter-coded-0", null);
        consume(metrics, "claim-service.encounter-coded-1", null);
        consume(metrics, "claim-service.encounter-coded-0", null);
        consume(metrics, "claim-service.encounter-coded-0", new IllegalStateException("failed"));

        assertThat(consumed("success").count()).isEqualTo(3.0);
        assertThat(consumed("error").count()).isEqualTo(1.0);
        assertThat(registry.get(ConsumedEventMetrics.PROCESSING)
                        .tag("listener", "claim-service.encounter-coded")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(3);
        // two outcomes, a timer and a counter each: nothing per record or per consumer thread
        assertThat(registry.getMeters()).hasSize(4);
    }

    @Test
    void sentRecordsAreCountedPerTopicAndOutcome() {
        ProducedEventMetrics metrics = new ProducedEventMetrics(registry);
        for (int i = 0; i < 3; i++) {
            metrics.onStop(sent("claimflow.claim-submitted.v1", null));
        }
        metrics.onStop(sent("claimflow.claim-submitted.v1", new IllegalStateException("refused")));
        metrics.onStop(sent("claimflow.payment-posted.v1", null));

        assertThat(produced("claimflow.claim-submitted.v1", "success").count()).isEqualTo(3.0);
        assertThat(produced("claimflow.claim-submitted.v1", "error").count()).isEqualTo(1.0);
        assertThat(produced("claimflow.payment-posted.v1", "success").count()).isEqualTo(1.0);
        assertThat(registry.getMeters()).hasSize(3);
    }

    private void consume(ConsumedEventMetrics metrics, String listenerId, Throwable error) {
        KafkaRecordReceiverContext context = new KafkaRecordReceiverContext(
                new ConsumerRecord<>("claimflow.encounter-coded.v1", 0, 0L, "enc-1", "value"),
                listenerId,
                listenerId,
                "claim-service",
                () -> null);
        metrics.onStart(context);
        if (error != null) {
            context.setError(error);
        }
        metrics.onStop(context);
    }

    private static KafkaRecordSenderContext sent(String topic, Throwable error) {
        KafkaRecordSenderContext context =
                new KafkaRecordSenderContext(new ProducerRecord<>(topic, "enc-1", "value"), "template", () -> null);
        if (error != null) {
            context.setError(error);
        }
        return context;
    }

    private Counter consumed(String outcome) {
        return registry.get(ConsumedEventMetrics.CONSUMED)
                .tag("topic", "claimflow.encounter-coded.v1")
                .tag("listener", "claim-service.encounter-coded")
                .tag("group", "claim-service")
                .tag("outcome", outcome)
                .counter();
    }

    private Counter produced(String topic, String outcome) {
        return registry.get(ProducedEventMetrics.PRODUCED)
                .tag("topic", topic)
                .tag("outcome", outcome)
                .counter();
    }
}
