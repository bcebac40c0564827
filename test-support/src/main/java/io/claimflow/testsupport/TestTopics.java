package io.claimflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics on the shared test broker. */
public final class TestTopics {

    /** Partitions of a topic created here, as in docs/architecture.md (section 3). */
    public static final int DEFAULT_PARTITIONS = 12;

    private static final long TIMEOUT_SECONDS = 30;

    private TestTopics() {}

    /** Creates each topic with {@value #DEFAULT_PARTITIONS} partitions; a topic that exists already is left as is. */
    public static void create(String... topics) {
        create(DEFAULT_PARTITIONS, topics);
    }

    /** Creates each topic with {@code partitions} partitions; a topic that exists already is left as is. */
    public static void create(int partitions, String... topics) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()))) {
            for (Map.Entry<String, KafkaFuture<Void>> result :
                    admin.createTopics(newTopics).values().entrySet()) {
                awaitCreated(result.getKey(), result.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " not created within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }
}
