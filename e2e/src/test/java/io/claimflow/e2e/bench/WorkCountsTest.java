package io.claimflow.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkCounts} read from a real broker and PostgreSQL: what a run wrote is the difference between two readings,
 * each count from where the bench says it comes.
 */
@ClaimFlowInfrastructure
class WorkCountsTest {

    @Test
    void aRunsCountsAreWhatItProducedConsumedAndWroteBetweenTwoReadings() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = infrastructure.jdbcUrl("workcounts_" + suffix);
        PipelineSnapshot.Databases databases = new PipelineSnapshot.Databases(
                url.substring(0, url.lastIndexOf('/') + 1), infrastructure.username(), infrastructure.password());
        String like = "workcounts\\_" + suffix;
        sql(
                infrastructure,
                url,
                "CREATE TABLE item (id int PRIMARY KEY, state text NOT NULL, note text)",
                "CREATE INDEX item_state ON item (state)");
        TopicPartition partition = new TopicPartition("claimflow.bench.workcounts." + suffix, 0);

        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(partition.topic(), 1, (short) 1)))
                    .all()
                    .get();
            WorkCounts before = WorkCounts.read(admin, Map.of(partition, 0L), databases, like);

            produce(infrastructure, partition, 5);
            commit(infrastructure, partition, 3);
            sql(
                    infrastructure,
                    url,
                    "INSERT INTO item SELECT g, 'NEW', NULL FROM generate_series(1, 10) g",
                    "UPDATE item SET state = 'DONE' WHERE id <= 4", // an indexed column: not HOT
                    "DELETE FROM item WHERE id > 8");

            // PostgreSQL's statistics reach its views shortly after the writing backend's transaction
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                WorkCounts run = WorkCounts.read(admin, Map.of(partition, 5L), databases, like)
                        .minus(before);
                assertThat(run.offsetsProduced()).isEqualTo(5);
                assertThat(run.offsetsCommitted()).isEqualTo(3);
                assertThat(run.rowsInserted()).isEqualTo(10);
                assertThat(run.rowsUpdated()).isEqualTo(4);
                assertThat(run.hotUpdates()).isZero();
                assertThat(run.rowsDeleted()).isEqualTo(2);
                assertThat(run.indexEntries())
                        .as("(10 inserted + 4 updated) x 2 B-tree indexes")
                        .isEqualTo(28);
                assertThat(run.transactions()).isGreaterThanOrEqualTo(3);
                assertThat(run.walRecords()).isPositive();
                assertThat(run.walBytes()).isGreaterThan(run.walRecords());
                assertThat(run.offsetsPerEncounter(2)).isEqualTo(4.0);
            });
        }
    }

    private static void sql(Infrastructure infrastructure, String url, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url, infrastructure.username(), infrastructure.password());
                Statement statement = c.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void produce(Infrastructure infrastructure, TopicPartition partition, int records) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k" + i, "v" + i))
                        .get();
            }
        }
    }

    private static void commit(Infrastructure infrastructure, TopicPartition partition, long offset) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "workcounts-" + partition.topic());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }
}
