package io.claimflow.console.pipeline.adapter;

import io.claimflow.console.pipeline.BrokerOffsets;
import io.claimflow.console.pipeline.OffsetsSample;
import io.claimflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The brokers' offsets through Kafka's {@link Admin} client: end offsets of the topics, start and end offsets of
 * their dead-letter topics, and every consumer group's committed offsets (lag = end - committed per partition).
 * Every call is bounded by the timeout, so a broker that is down makes the pipeline page say so at once.
 */
public final class KafkaBrokerOffsets implements BrokerOffsets, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerOffsets.class);

    private final Admin admin;
    private final Duration timeout;
    private final Clock clock;

    public KafkaBrokerOffsets(Map<String, Object> adminConfig, Duration timeout, Clock clock) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) millis);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) millis);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000L);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ops-console-pipeline");
        this.admin = Admin.create(config);
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public OffsetsSample sample(Collection<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            KafkaFuture<Set<String>> existing = admin.listTopics().names();
            KafkaFuture<Collection<GroupListing>> groups =
                    admin.listGroups(ListGroupsOptions.forConsumerGroups()).all();
            Set<String> names = get(existing, deadline);
            List<String> wanted = new ArrayList<>();
            for (String topic : topics) {
                if (names.contains(topic)) {
                    wanted.add(topic);
                }
                if (names.contains(Topics.dlt(topic))) {
                    wanted.add(Topics.dlt(topic));
                }
            }
            KafkaFuture<Map<String, TopicDescription>> described =
                    admin.describeTopics(wanted).allTopicNames();
            Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
            for (GroupListing group : get(groups, deadline)) {
                specs.put(group.groupId(), new ListConsumerGroupOffsetsSpec());
            }
            var committedFuture = specs.isEmpty()
                    ? null
                    : admin.listConsumerGroupOffsets(specs).all();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicDescription topic : get(described, deadline).values()) {
                topic.partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                    latest.put(tp, OffsetSpec.latest());
                    if (topic.name().endsWith(Topics.DLT_SUFFIX)) {
                        earliest.put(tp, OffsetSpec.earliest());
                    }
                });
            }
            var ends = admin.listOffsets(latest).all();
            var starts = earliest.isEmpty() ? null : admin.listOffsets(earliest).all();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = get(ends, deadline);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start =
                    starts == null ? Map.of() : get(starts, deadline);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                    committedFuture == null ? Map.of() : get(committedFuture, deadline);

            Map<String, Long> endOffsets = new HashMap<>();
            Map<String, Long> deadLetters = new HashMap<>();
            end.forEach((tp, info) -> {
                if (tp.topic().endsWith(Topics.DLT_SUFFIX)) {
                    String source = tp.topic().substring(0, tp.topic().length() - Topics.DLT_SUFFIX.length());
                    long first = start.containsKey(tp) ? start.get(tp).offset() : 0L;
                    deadLetters.merge(source, Math.max(0, info.offset() - first), Long::sum);
                } else {
                    endOffsets.merge(tp.topic(), info.offset(), Long::sum);
                }
            });
            List<OffsetsSample.GroupOffsets> groupOffsets = new ArrayList<>();
            committed.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(group -> {
                Map<String, long[]> perTopic = new java.util.TreeMap<>();
                group.getValue().forEach((tp, offset) -> {
                    if (offset == null || !endOffsets.containsKey(tp.topic()) || !end.containsKey(tp)) {
                        return;
                    }
                    long[] sums = perTopic.computeIfAbsent(tp.topic(), k -> new long[2]);
                    sums[0] += offset.offset();
                    sums[1] += Math.max(0, end.get(tp).offset() - offset.offset());
                });
                perTopic.forEach((topic, sums) ->
                        groupOffsets.add(new OffsetsSample.GroupOffsets(group.getKey(), topic, sums[0], sums[1])));
            });
            return new OffsetsSample(clock.instant(), endOffsets, deadLetters, groupOffsets);
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("The brokers did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            LOG.info("Broker offsets not available: {}", e.getCause().getClass().getSimpleName());
            throw new BrokerUnavailableException(
                    "The brokers did not answer (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("Interrupted while asking the brokers");
        }
    }

    private static <T> T get(KafkaFuture<T> future, long deadlineNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        long left = Math.max(1, deadlineNanos - System.nanoTime());
        return future.get(left, TimeUnit.NANOSECONDS);
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofMillis(500));
    }
}
