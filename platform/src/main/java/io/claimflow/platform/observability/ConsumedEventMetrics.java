package io.claimflow.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * {@value #CONSUMED} and {@value #PROCESSING} from Spring Kafka's listener observations: one count and one timing per
 * delivery attempt, tagged with topic, listener id, consumer group and outcome. Never the key or any record content
 * (encounter ids as tags would make a time series per encounter).
 *
 * <p>The meters of a (topic, listener, group, outcome) are built and registered once and kept: a record costs a map
 * lookup, not a meter builder, a tag list and the registry's lookup (issue 22, meters without per-record work).
 */
final class ConsumedEventMetrics implements ObservationHandler<KafkaRecordReceiverContext> {

    /** Counter of records handed to a listener. */
    static final String CONSUMED = "claimflow.events.consumed";

    /** Timer of listener invocations. */
    static final String PROCESSING = "claimflow.listener.processing";

    private static final Pattern CHILD_SUFFIX = Pattern.compile("-\\d+$");

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Meters> meters = new ConcurrentHashMap<>();

    ConsumedEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onStart(KafkaRecordReceiverContext context) {
        context.put(Timer.Sample.class, Timer.start(registry));
    }

    @Override
    public void onStop(KafkaRecordReceiverContext context) {
        Meters meters = this.meters.computeIfAbsent(
                new Key(context.getSource(), context.getListenerId(), context.getGroupId(), context.getError() == null),
                this::register);
        Timer.Sample sample = context.get(Timer.Sample.class);
        if (sample != null) {
            sample.stop(meters.processing());
        }
        meters.consumed().increment();
    }

    private Meters register(Key key) {
        String topic = tag(key.topic());
        String listener = listenerId(key.listenerId());
        String group = tag(key.group());
        String outcome = key.success() ? "success" : "error";
        return new Meters(
                Timer.builder(PROCESSING)
                        .description("Time a listener took for one record (one delivery attempt)")
                        .tag("topic", topic)
                        .tag("listener", listener)
                        .tag("group", group)
                        .tag("outcome", outcome)
                        .register(registry),
                Counter.builder(CONSUMED)
                        .description("Records handed to a listener (each delivery attempt), by outcome")
                        .tag("topic", topic)
                        .tag("listener", listener)
                        .tag("group", group)
                        .tag("outcome", outcome)
                        .register(registry));
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

    // the raw values as the observation gives them (null allowed): the tags are derived once, on registration
    private record Key(String topic, String listenerId, String group, boolean success) {}

    private record Meters(Timer processing, Counter consumed) {}
}
