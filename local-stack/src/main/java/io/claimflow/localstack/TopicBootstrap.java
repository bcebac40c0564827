package io.claimflow.localstack;

import io.claimflow.schemas.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the event topics and their dead-letter topics if they are missing; existing topics are left alone. */
final class TopicBootstrap {

    private TopicBootstrap() {}

    /** The event topics, then their dead-letter topics. */
    static List<String> topicNames() {
        List<String> names = new ArrayList<>(Topics.all());
        Topics.all().forEach(topic -> names.add(Topics.dlt(topic)));
        return names;
    }

    /**
     * Creates the missing topics with {@code partitions} partitions, the cluster's replication factor and minimum
     * in-sync replicas ({@link ClusterShape}); returns them.
     */
    static List<String> ensure(Admin admin, Collection<String> names, int partitions, ClusterShape shape)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = names.stream()
                .filter(name -> !existing.contains(name))
                .map(name -> newTopic(name, partitions, shape))
                .toList();
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        var result = admin.createTopics(missing);
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> entry :
                result.values().entrySet()) {
            try {
                entry.getValue().get(30, TimeUnit.SECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                // a service that started early may have created it meanwhile: that is the state we want
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    /** One topic as the stack creates it. */
    static NewTopic newTopic(String name, int partitions, ClusterShape shape) {
        return new NewTopic(name, partitions, shape.replicationFactor())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(shape.minInsyncReplicas())));
    }

    /**
     * Topics with fewer partitions than asked for: worth a warning, never a change (data and keys would move). A topic
     * created a moment ago may not be in the broker's metadata yet (KRaft: the controller has it, the broker answers
     * "does not host this topic-partition" for a while): asked again for up to 30 s.
     */
    static List<String> underPartitioned(Admin admin, Collection<String> names, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, TopicDescription> descriptions;
        while (true) {
            try {
                descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        return descriptions.values().stream()
                .filter(d -> d.partitions().size() < partitions)
                .map(d -> d.name() + " (" + d.partitions().size() + ")")
                .toList();
    }
}
