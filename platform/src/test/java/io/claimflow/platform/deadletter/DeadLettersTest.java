package io.claimflow.platform.deadletter;

import static io.claimflow.platform.TestEvents.event;
import static io.claimflow.platform.TestEvents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.kafka.DeadLetterConventions;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.platform.testapp.PlatformTestEvent;
import io.claimflow.platform.testapp.TestListener;
import io.claimflow.testsupport.Records;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

/** Listing and replaying dead letters, through {@link DeadLetters} and its REST endpoints. */
@PlatformTest
class DeadLettersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = PlatformTestApplication.EVENTS;
    private static final String DLT = TOPIC + ".dlt";

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    KafkaTemplate<Object, Object> kafkaTemplate;

    @Autowired
    TestListener listener;

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port + "/admin/dead-letters")
                .defaultHeaders(headers -> headers.setBasicAuth("admin", "demo-admin"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    @Test
    void listsADeadLetterByItsHeadersAndReplaysItToItsTopic() throws Exception {
        PlatformTestEvent once = event("reject-once");
        long originalOffset = kafkaTemplate
                .send(TOPIC, 1, once.getEncounterId(), once)
                .get(30, TimeUnit.SECONDS)
                .getRecordMetadata()
                .offset();
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(once.getEncounterId());

        DeadLetter listed = deadLetters.list(TOPIC, DeadLetters.MAX_LIMIT).stream()
                .filter(letter -> once.getEncounterId().equals(letter.key()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.topic()).isEqualTo(DLT);
        assertThat(listed.partition()).isEqualTo(1);
        assertThat(listed.offset()).isEqualTo(dead.offset());
        assertThat(listed.originalTopic()).isEqualTo(TOPIC);
        assertThat(listed.originalPartition()).isEqualTo(1);
        assertThat(listed.originalOffset()).isEqualTo(originalOffset);
        assertThat(listed.consumerGroup()).isEqualTo("platform-test");
        assertThat(listed.reason()).startsWith("not retryable: IllegalArgumentException");
        assertThat(listed.valueSize()).isEqualTo(dead.value().length);
        assertThat(listener.attempts(once.getEventId())).isEqualTo(1);

        ReplayResult replayed = deadLetters.replay(DLT, listed.partition(), listed.offset());

        assertThat(replayed.topic()).isEqualTo(TOPIC);
        assertThat(replayed.partition()).isEqualTo(1);
        assertThat(listener.processedFuture(once.getEventId()).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(once);
        assertThat(listener.attempts(once.getEventId())).isEqualTo(2);
        ConsumerRecord<String, byte[]> copy = Records.awaitRecords(
                        TOPIC,
                        1,
                        WAIT,
                        new ByteArrayDeserializer(),
                        record -> record.partition() == 1 && record.offset() == replayed.offset())
                .get(0);
        assertThat(copy.value()).isEqualTo(dead.value());
        assertThat(header(copy, DeadLetterConventions.REPLAYED_FROM_HEADER)).isEqualTo(DLT + "/1/" + dead.offset());
        assertThat(header(copy, DeadLetterConventions.REASON_HEADER)).isNull();
        assertThat(copy.headers().headers("kafka_dlt-original-offset")).isEmpty();
    }

    @Test
    void restEndpointsListAndReplay() throws Exception {
        PlatformTestEvent once = event("reject-once");
        kafkaTemplate.send(TOPIC, 0, once.getEncounterId(), once).get(30, TimeUnit.SECONDS);
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(once.getEncounterId());

        ResponseEntity<List<Map<String, Object>>> listed =
                http.get().uri("/{topic}?limit=1000", TOPIC).retrieve().toEntity(new ParameterizedTypeReference<>() {});
        assertThat(listed.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> letter = listed.getBody().stream()
                .filter(entry -> once.getEncounterId().equals(entry.get("key")))
                .findFirst()
                .orElseThrow();
        assertThat(letter)
                .containsEntry("partition", 0)
                .containsEntry("offset", (int) dead.offset())
                .containsEntry("originalTopic", TOPIC)
                .doesNotContainKey("value")
                .doesNotContainKey("payload");
        assertThat((String) letter.get("reason")).startsWith("not retryable: IllegalArgumentException");

        ResponseEntity<Map<String, Object>> replayed = http.post()
                .uri("/{topic}/{partition}/{offset}/replay", DLT, 0, dead.offset())
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() {});
        assertThat(replayed.getStatusCode().value()).isEqualTo(200);
        assertThat(replayed.getBody()).containsEntry("topic", TOPIC).containsEntry("partition", 0);
        assertThat(listener.processedFuture(once.getEventId()).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(once);
    }

    @Test
    void badRequestsAreProblemDetails() {
        assertProblem(http.get().uri("/{topic}", "no such topic!"), 400, "Topic names are");
        assertProblem(http.get().uri("/{topic}?limit=0", TOPIC), 400, "limit must be between 1 and 1000");
        assertProblem(
                http.get().uri("/{topic}", "platform-test.never-created.v1"),
                404,
                "No dead-letter topic platform-test.never-created.v1.dlt");
        assertProblem(
                http.post().uri("/{topic}/{partition}/{offset}/replay", TOPIC, "one", 0),
                400,
                "'partition' must be a whole number");
        assertProblem(http.post().uri("/{topic}/{partition}/{offset}/replay", TOPIC, 7, 0), 404, "has no partition 7");
        assertProblem(
                http.post().uri("/{topic}/{partition}/{offset}/replay", TOPIC, 0, Long.MAX_VALUE - 1),
                404,
                "No dead letter at " + DLT + "/0/");
        assertProblem(
                http.post().uri("/{topic}/{partition}/{offset}/replay", TOPIC, -1, 0), 400, "must not be negative");
    }

    @Test
    void deadLettersRefusesWhatItCannotFind() {
        assertThatThrownBy(() -> deadLetters.replay(TOPIC, 0, Long.MAX_VALUE - 1))
                .isInstanceOf(DeadLetterNotFoundException.class);
        assertThatThrownBy(() -> deadLetters.list("platform-test.never-created.v1", 10))
                .isInstanceOf(DeadLetterNotFoundException.class);
        assertThatThrownBy(() -> deadLetters.list("a/b", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertProblem(RestClient.RequestHeadersSpec<?> request, int status, String detail) {
        ResponseEntity<Map<String, Object>> response = request.accept(
                        MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() {});
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("status", status);
        assertThat((String) response.getBody().get("detail")).contains(detail);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return Records.awaitRecords(DLT, 1, WAIT, new ByteArrayDeserializer(), record -> key.equals(record.key()))
                .get(0);
    }
}
