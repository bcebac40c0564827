package io.claimflow.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.regex.Pattern;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * {@value #CONSUMED} and {@value #PROCESSING} from Spring Kafka's listener observations: one count and one timing per
 * delivery attempt, tagged with topic, listener id, consumer group and outcome. Never the key or any record content
 * (encounter ids as tags would make a time series per encounter).
 */
final class ConsumedEventMetrics implements ObservationHandler<KafkaRecordReceiverContext> {

    /** Counter of records handed to a listener. */
    static final String CONSUMED = "claimflow.events.consumed";

    /** Timer of listener invocations. */
    static final String PROCESSING = "claimflow.listener.processing";

    private static final Pattern CHILD_SUFFIX = Pattern.compile("-\\d+$");

    private final MeterRegistry registry;

    ConsumedEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onStart(KafkaRecordReceiverContext context) {
        context.put(Timer.Sample.class, Timer.start(registry));
    }

    @Override
    public void onStop(KafkaRecordReceiverContext context) {
        String topic = tag(context.getSource());
        String listener = listenerId(context.getListenerId());
        String group = tag(context.getGroupId());
        String outcome = context.getError() == null ? "success" : "error";
        Timer.Sample sample = context.get(Timer.Sample.class);
        if (sample != null) {
            sample.stop(Timer.builder(PROCESSING)
                    .description("Time a listener took for one record (one delivery attempt)")
                    .tag("topic", topic)
                    .tag("listener", listener)
                    .tag("group", group)
                    .tag("outcome", outcome)
                    .register(registry));
        }
        Counter.builder(CONSUMED)
                .description("Records handed to a listener (each delivery attempt), by outcome")
                .tag("topic", topic)
                .tag("listener", listener)
                .tag("group", group)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof KafkaRecordReceiverContext;
    }

    // A concurrent container's consumers are "<id>-0", "<id>-1", ...: one series per listener, not per thread.
    private static String listenerId(String id) {
        return tag(id == null ? null : CHILD_SUFFIX.matcher(id).replaceFirst(""));
    }

    static String tag(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
