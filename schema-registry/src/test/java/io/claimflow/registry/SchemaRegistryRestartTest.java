package io.claimflow.registry;

import static io.claimflow.registry.Schemas.ID;
import static io.claimflow.registry.Schemas.NOTE_WITH_DEFAULT;
import static io.claimflow.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** What survives a restart: the registry's whole state comes back from its Kafka topic. */
class SchemaRegistryRestartTest {

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void idsVersionsConfigAndDeletionsSurviveARestart() throws Exception {
        String topic = "_schemas";
        int orderV1;
        int orderV2;
        int softDeletedId;
        int hardDeletedId;
        try (SchemaRegistryServer first = SchemaRegistryServer.start(broker.getBrokersAsString(), 0)) {
            assertThat(first.topic()).isEqualTo(topic);
            RegistryClient client = new RegistryClient(first.url());
            orderV1 = client.register("order-value", record("Order", ID));
            orderV2 = client.register("order-value", record("Order", ID, NOTE_WITH_DEFAULT));
            assertThat(client.register("copy-value", record("Order", ID))).isEqualTo(orderV1);
            client.put("/config/order-value", "{\"compatibility\":\"FULL\"}");
            client.put("/config", "{\"compatibility\":\"FORWARD\"}");

            softDeletedId = client.register("soft-value", record("Soft", ID));
            client.delete("/subjects/soft-value");
            // the highest id so far, then permanently deleted: it must not be handed out again
            hardDeletedId = client.register("hard-value", record("Hard", ID));
            client.delete("/subjects/hard-value");
            assertThat(client.delete("/subjects/hard-value?permanent=true").status())
                    .isEqualTo(200);
        }

        try (SchemaRegistryServer second = SchemaRegistryServer.start(broker.getBrokersAsString(), 0)) {
            RegistryClient client = new RegistryClient(second.url());

            assertThat(client.get("/subjects").json())
                    .extracting(JsonNode::asText)
                    .containsExactly("copy-value", "order-value");
            assertThat(client.get("/subjects?deleted=true").json())
                    .extracting(JsonNode::asText)
                    .containsExactly("copy-value", "order-value", "soft-value");
            assertThat(client.get("/subjects/order-value/versions").json().toString())
                    .isEqualTo("[1,2]");
            assertThat(client.get("/subjects/order-value/versions/1")
                            .json()
                            .path("id")
                            .asInt())
                    .isEqualTo(orderV1);
            assertThat(client.get("/subjects/order-value/versions/2")
                            .json()
                            .path("id")
                            .asInt())
                    .isEqualTo(orderV2);
            assertThat(client.get("/subjects/copy-value/versions/1")
                            .json()
                            .path("id")
                            .asInt())
                    .isEqualTo(orderV1);
            assertThat(client.get("/schemas/ids/" + orderV2)
                            .json()
                            .path("schema")
                            .asText())
                    .contains("note");
            assertThat(client.get("/subjects/soft-value/versions?deleted=true")
                            .json()
                            .toString())
                    .isEqualTo("[1]");
            assertThat(client.get("/schemas/ids/" + softDeletedId).status()).isEqualTo(200);
            assertThat(client.get("/schemas/ids/" + hardDeletedId).errorCode()).isEqualTo(40403);
            assertThat(client.get("/config/order-value")
                            .json()
                            .path("compatibilityLevel")
                            .asText())
                    .isEqualTo("FULL");
            assertThat(client.get("/config").json().path("compatibilityLevel").asText())
                    .isEqualTo("FORWARD");

            // known schemas keep their ids and add no version
            assertThat(client.register("order-value", record("Order", ID, NOTE_WITH_DEFAULT)))
                    .isEqualTo(orderV2);
            assertThat(client.get("/subjects/order-value/versions").json().toString())
                    .isEqualTo("[1,2]");

            // new schemas get new ids, above the permanently deleted one
            int next = client.register("new-value", record("New", ID));
            assertThat(next).isEqualTo(hardDeletedId + 1);
            assertThat(client.register("hard-value", record("Hard", ID))).isEqualTo(next + 1);
        }

        Map<String, Object> topicFacts = broker.doWithAdminFunction(admin -> {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config =
                        admin.describeConfigs(List.of(resource)).all().get().get(resource);
                return Map.of(
                        "partitions",
                        description.partitions().size(),
                        "cleanup.policy",
                        config.get("cleanup.policy").value());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(topicFacts).containsEntry("partitions", 1).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void idsStayUniqueAfterCompactionRemovedTheHighestSchemaRecord() throws Exception {
        // what compaction leaves of a log in which ids up to 7 were handed out and the schema with id 7 was
        // permanently deleted: the high-water record, the surviving schema, and records it must step over
        String topic = "_schemas_compacted";
        broker.addTopics(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            send(producer, topic, "{\"keytype\":\"NOOP\",\"magic\":0}", null);
            send(producer, topic, "not json at all", "{}");
            send(producer, topic, "{\"keytype\":\"ID_HIGH_WATER\",\"magic\":0}", "{\"maxId\":7}");
            send(
                    producer,
                    topic,
                    "{\"keytype\":\"SCHEMA\",\"subject\":\"left-value\",\"version\":1,\"magic\":1}",
                    "{\"subject\":\"left-value\",\"version\":1,\"id\":3,\"schemaType\":\"AVRO\","
                            + "\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        }

        try (SchemaRegistryServer registry = SchemaRegistryServer.start(broker.getBrokersAsString(), 0, topic)) {
            RegistryClient client = new RegistryClient(registry.url());

            assertThat(client.get("/subjects/left-value/versions/1")
                            .json()
                            .path("id")
                            .asInt())
                    .isEqualTo(3);
            assertThat(client.register("next-value", record("AfterCompaction", ID)))
                    .isEqualTo(8);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        topic,
                        0,
                        key.getBytes(StandardCharsets.UTF_8),
                        value == null ? null : value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    @Test
    void separateTopicsAreSeparateRegistries() {
        try (SchemaRegistryServer a = SchemaRegistryServer.start(broker.getBrokersAsString(), 0, "_schemas_a");
                SchemaRegistryServer b = SchemaRegistryServer.start(broker.getBrokersAsString(), 0, "_schemas_b")) {
            new RegistryClient(a.url()).register("only-in-a-value", record("OnlyA", ID));

            assertThat(new RegistryClient(b.url()).get("/subjects").json()).isEmpty();
        }
    }

    @Test
    void refusesATopicWithMoreThanOnePartition() {
        broker.addTopics(new NewTopic("_schemas_split", 2, (short) 1));

        assertThatThrownBy(() -> SchemaRegistryServer.start(broker.getBrokersAsString(), 0, "_schemas_split"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly 1 partition");
    }
}
