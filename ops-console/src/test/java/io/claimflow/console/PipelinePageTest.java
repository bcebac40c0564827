package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The pipeline page against the real embedded broker: a consumer group's lag per topic (here claim-service's group,
 * set back to the start of a topic), a topic's dead letters, both as the test reads them itself from the broker;
 * the services' health shown as UNREACHABLE at once when nothing listens; rates once there are two samples.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class PipelinePageTest {

    /** A little longer than the one second a broker sample is shared by every viewer. */
    static final long SAMPLE_SHARED_MILLIS = 1100;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @LocalServerPort
    int port;

    @Test
    void lagAndDeadLettersAreTheBrokersFigures() throws Exception {
        String encounter = "enc-pipe-" + UUID.randomUUID();
        kafka.send(
                        Topics.ENCOUNTER_CODED,
                        encounter,
                        ConsoleEvents.coded("t-pipe", encounter, Instant.now(), LocalDate.now(ZoneOffset.UTC), 1))
                .get();
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            String dlt = Topics.dlt(Topics.CLAIM_DENIED);
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(dlt, 0, ("k" + i).getBytes(), new byte[] {1, 2, 3}))
                        .get();
            }
            // claim-service's group (not running here) back at the start of every partition of the coded topic
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(java.util.List.of(Topics.ENCOUNTER_CODED))
                    .allTopicNames()
                    .get()
                    .get(Topics.ENCOUNTER_CODED)
                    .partitions()
                    .forEach(p -> {
                        TopicPartition tp = new TopicPartition(Topics.ENCOUNTER_CODED, p.partition());
                        start.put(tp, new OffsetAndMetadata(0));
                        latest.put(tp, OffsetSpec.latest());
                    });
            admin.alterConsumerGroupOffsets("claim-service", start).all().get();
            long codedEnd = admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
            Map<TopicPartition, OffsetSpec> dltLatest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> dltEarliest = new HashMap<>();
            admin.describeTopics(java.util.List.of(dlt))
                    .allTopicNames()
                    .get()
                    .get(dlt)
                    .partitions()
                    .forEach(p -> {
                        dltLatest.put(new TopicPartition(dlt, p.partition()), OffsetSpec.latest());
                        dltEarliest.put(new TopicPartition(dlt, p.partition()), OffsetSpec.earliest());
                    });
            long deadLetters = admin.listOffsets(dltLatest).all().get().values().stream()
                            .mapToLong(o -> o.offset())
                            .sum()
                    - admin.listOffsets(dltEarliest).all().get().values().stream()
                            .mapToLong(o -> o.offset())
                            .sum();
            assertThat(deadLetters).isGreaterThanOrEqualTo(3);

            // the page shares one broker sample for up to a second: wait for one taken after the writes above
            Thread.sleep(SAMPLE_SHARED_MILLIS);
            HttpResponse<String> first = status();
            assertThat(first.statusCode()).isEqualTo(200);
            String body = first.body();
            assertThat(body).doesNotContain("brokers-down");
            assertThat(cell(body, "<tr data-topic=\"" + Topics.CLAIM_DENIED + "\">", "num dead-letters[^\"]*"))
                    .isEqualTo(Long.toString(deadLetters));
            Matcher consumer = Pattern.compile("<tr data-group=\"claim-service\"><td>claim-service</td><td>"
                            + Pattern.quote(Topics.ENCOUNTER_CODED) + "</td>\\s*<td class=\"num lag\">(\\d+)</td>")
                    .matcher(body);
            assertThat(consumer.find())
                    .as("claim-service's row on the coded topic")
                    .isTrue();
            assertThat(Long.parseLong(consumer.group(1))).isEqualTo(codedEnd).isPositive();
            assertThat(body).contains("data-group=\"ops-console\"", "UNREACHABLE");

            Thread.sleep(SAMPLE_SHARED_MILLIS);
            assertThat(status().body()).containsPattern("Rates over the last \\d+ s");
        }
    }

    private HttpResponse<String> status() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pipeline/status"))
                                .header("Authorization", ConsoleTestUsers.basic("admin"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String cell(String body, String rowStart, String cellClass) {
        int row = body.indexOf(rowStart);
        assertThat(row).as(rowStart).isNotNegative();
        Matcher m =
                Pattern.compile("<td class=\"" + cellClass + "\">(\\d+)</td>").matcher(body);
        assertThat(m.find(row)).isTrue();
        return m.group(1);
    }
}
