package io.claimflow.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

/**
 * {@value #PRODUCED} from Spring Kafka's template observations, which stop when the broker acknowledged the record
 * (or the send failed). Covers the application's template and the platform's raw producer (outbox relay, dead
 * letters, replays). Tagged with topic and outcome only.
 */
final class ProducedEventMetrics implements ObservationHandler<KafkaRecordSenderContext> {

    /** Counter of records sent. */
    static final String PRODUCED = "claimflow.events.produced";

    private final MeterRegistry registry;

    ProducedEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onStop(KafkaRecordSenderContext context) {
        Counter.builder(PRODUCED)
                .description("Records sent to Kafka, by outcome (success: acknowledged by the broker)")
                .tag("topic", ConsumedEventMetrics.tag(context.getDestination()))
                .tag("outcome", context.getError() == null ? "success" : "error")
                .register(registry)
                .increment();
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof KafkaRecordSenderContext;
    }
}
