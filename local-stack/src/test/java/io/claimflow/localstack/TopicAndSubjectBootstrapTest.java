package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.registry.SchemaRegistryServer;
import io.claimflow.schemas.Topics;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The bootstrap steps of the launcher against an in-process broker and registry: no child processes. */
class TopicAndSubjectBootstrapTest {

    private static EmbeddedKafkaKraftBroker kafka;
    private static SchemaRegistryServer registry;
    private static Admin admin;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        registry = SchemaRegistryServer.start(kafka.getBrokersAsString(), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void createsEveryEventTopicAndItsDeadLetterTopicOnceWithTheAskedPartitions() throws Exception {
        // one topic already there with other settings, as if a service had created it first
        String early = Topics.dlt(Topics.CLAIM_DENIED);
        admin.createTopics(List.of(new NewTopic(early, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);

        List<String> names = TopicBootstrap.topicNames();
        List<String> created = TopicBootstrap.ensure(admin, names, 12, ClusterShape.SINGLE);

        int topics = Topics.all().size() * 2; // every event topic and its dead-letter topic
        assertThat(names)
                .hasSize(topics)
                .containsAll(Topics.all())
                .contains(
                        Topics.ENCOUNTER_DOCUMENTED + ".dlt",
                        Topics.PAYMENT_POSTED + ".dlt",
                        Topics.CLAIM_BILLED_TO_PATIENT,
                        Topics.CLAIM_BILLED_TO_PATIENT + ".dlt");
        assertThat(created).hasSize(topics - 1).doesNotContain(early);
        Map<String, TopicDescription> described =
                admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        assertThat(described).hasSize(topics);
        described.values().stream().filter(d -> !d.name().equals(early)).forEach(d -> {
            assertThat(d.partitions()).as(d.name()).hasSize(12);
            assertThat(d.partitions().get(0).replicas()).as(d.name()).hasSize(1);
        });
        assertThat(TopicBootstrap.underPartitioned(admin, names, 12)).containsExactly(early + " (3)");

        assertThat(TopicBootstrap.ensure(admin, names, 12, ClusterShape.SINGLE))
                .as("second run")
                .isEmpty();
    }

    @Test
    void inAClusterEveryTopicHasThreeReplicasAndRefusesAWriteWithFewerThanTwoInSync() {
        NewTopic topic = TopicBootstrap.newTopic(Topics.CLAIM_SUBMITTED, 12, new ClusterShape(3, 2, 100));

        assertThat(topic.numPartitions()).isEqualTo(12);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
        assertThat(TopicBootstrap.newTopic(Topics.CLAIM_SUBMITTED, 12, ClusterShape.SINGLE)
                        .replicationFactor())
                .isEqualTo((short) 1);
    }

    @Test
    void registersEveryEventsValueSubjectIdempotently() throws Exception {
        Map<String, Integer> first = SubjectBootstrap.registerAll(HTTP, registry.url());
        Map<String, Integer> second = SubjectBootstrap.registerAll(HTTP, registry.url());

        List<String> expected = Topics.all().stream().map(t -> t + "-value").toList();
        assertThat(first.keySet()).containsExactlyElementsOf(expected);
        assertThat(first.values()).doesNotContain(-1).doesNotHaveDuplicates();
        assertThat(second).as("same schema, same id").isEqualTo(first);
        assertThat(SubjectBootstrap.subjects(HTTP, registry.url())).containsExactlyInAnyOrderElementsOf(expected);
    }
}
