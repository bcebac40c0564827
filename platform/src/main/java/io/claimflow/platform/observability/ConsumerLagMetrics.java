package io.claimflow.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * {@value #LAG}: records behind the end of the log, per consumer group and topic, summed over the partitions the
 * application's consumers have assigned. Read every {@link #REFRESH} from the consumers' own {@code records-lag}
 * client metrics (no broker call). Kafka's client metrics ({@code kafka_consumer_fetch_manager_records_lag_max}) are
 * there too, but per client id and as a window maximum; this one answers "how far behind is group X on topic Y".
 */
final class ConsumerLagMetrics implements SmartLifecycle {

    /** Gauge: consumer lag in records, tags {@code group} and {@code topic}. */
    static final String LAG = "claimflow.consumer.lag";

    static final Duration REFRESH = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final KafkaListenerEndpointRegistry listeners;
    private final MultiGauge gauge;
    private ScheduledExecutorService executor;

    ConsumerLagMetrics(KafkaListenerEndpointRegistry listeners, MeterRegistry registry) {
        this.listeners = listeners;
        this.gauge = MultiGauge.builder(LAG)
                .description("Records the consumer group is behind the end of the topic (assigned partitions)")
                .baseUnit("records")
                .register(registry);
    }

    /** Reads the lag of every listener container now. */
    void refresh() {
        Map<List<String>, Double> lag =
                new TreeMap<>((a, b) -> String.join("\0", a).compareTo(String.join("\0", b)));
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String group = ConsumedEventMetrics.tag(container.getGroupId());
            for (Map<MetricName, ? extends Metric> metrics : container.metrics().values()) {
                metrics.forEach((name, metric) -> {
                    String topic = name.tags().get("topic");
                    if ("records-lag".equals(name.name())
                            && topic != null
                            && metric.metricValue() instanceof Number value
                            && !Double.isNaN(value.doubleValue())) {
                        lag.merge(List.of(group, topic), value.doubleValue(), Double::sum);
                    }
                });
            }
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        lag.forEach(
                (key, value) -> rows.add(MultiGauge.Row.of(Tags.of("group", key.get(0), "topic", key.get(1)), value)));
        gauge.register(rows, true);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debug("Consumer lag not read: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "claimflow-consumer-lag");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(
                    this::refreshQuietly, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
