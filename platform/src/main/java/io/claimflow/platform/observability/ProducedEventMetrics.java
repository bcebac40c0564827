package io.claimflow.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

/**
 * {@value #PRODUCED} from Spring Kafka's template observations, which stop when the broker acknowledged the record
 * (or the send failed). Covers the application's template and the platform's raw producer (outbox relay, dead
 * letters, replays). Tagged with topic and outcome only; a (topic, outcome)'s counter is registered once and kept.
 */
final class ProducedEventMetrics implements ObservationHandler<KafkaRecordSenderContext> {

    /** Counter of records sent. */
    static final String PRODUCED = "claimflow.events.produced";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> succeeded = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> failed = new ConcurrentHashMap<>();

    ProducedEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onStop(KafkaRecordSenderContext context) {
        boolean success = context.getError() == null;
        String topic = ConsumedEventMetrics.tag(context.getDestination());
        (success ? succeeded : failed)
                .computeIfAbsent(topic, t -> counter(t, success))
                .increment();
    }

    private Counter counter(String topic, boolean success) {
        return Counter.builder(PRODUCED)
                .description("Records sent to Kafka, by outcome (success: acknowledged by the broker)")
                .tag("topic", topic)
                .tag("outcome", success ? "success" : "error")
                .register(registry);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof KafkaRecordSenderContext;
    }
}
