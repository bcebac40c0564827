package io.claimflow.platform.phi;

import static io.claimflow.platform.PlatformHttp.client;
import static io.claimflow.platform.PlatformHttp.get;
import static io.claimflow.platform.PlatformHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.testapp.EncounterListener;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.LogCapture;
import io.claimflow.testsupport.Records;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.client.RestClient;

/**
 * Realistic traffic with recognizable patient data (EncounterDocumented samples with made-up but distinctive names,
 * birth date, MRN, member id, address and note; malformed and mistyped records that end on a dead-letter topic;
 * failing listeners; bad REST requests), then a scan: none of it may appear in a log line, an exception logged, a
 * dead-letter header or a problem detail.
 */
@PlatformTest
class NoPatientDataInLogsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    // Distinctive enough that a hit is a leak and not a coincidence.
    private static final String LAST_NAME = "Quackenbushova";
    private static final String FIRST_NAME = "Zebulonia";
    private static final LocalDate BIRTH_DATE = LocalDate.of(1931, 4, 17);
    private static final String MRN = "MRNQZ771931";
    private static final String MEMBER_ID = "QZX99017742";
    private static final String STREET = "77 Marmalade Hollow";
    private static final String NOTE = "Patient reports quince-marmalade allergy";
    private static final List<String> PATIENT_DATA = List.of(
            LAST_NAME,
            FIRST_NAME,
            BIRTH_DATE.toString(),
            "19310417",
            "04/17/1931",
            MRN,
            MEMBER_ID,
            STREET,
            "Marmalade",
            "quince");

    @Autowired
    KafkaTemplate<Object, Object> kafkaTemplate;

    @Autowired
    ProducerFactory<Object, Object> producerFactory;

    @Autowired
    EncounterListener encounters;

    @LocalServerPort
    int port;

    @Test
    void noPatientDataInLogsHeadersOrProblems() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> deadLetterKeys = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            // 1. A good encounter, processed.
            EncounterDocumented good = encounter();
            kafkaTemplate
                    .send(Topics.ENCOUNTER_DOCUMENTED, good.getEncounterId(), good)
                    .get(30, TimeUnit.SECONDS);
            encounters.processedFuture(good.getEncounterId()).get(60, TimeUnit.SECONDS);

            // 2. The same member again: PostgreSQL's duplicate-key error quotes the member id; retried, then DLT.
            EncounterDocumented duplicate = encounter();
            kafkaTemplate
                    .send(Topics.ENCOUNTER_DOCUMENTED, duplicate.getEncounterId(), duplicate)
                    .get(30, TimeUnit.SECONDS);
            deadLetterKeys.add(duplicate.getEncounterId());

            // 3. Not the wire format: an EHR that sent its JSON as is.
            String jsonKey = "enc-json-" + UUID.randomUUID();
            sendRaw(
                    Topics.ENCOUNTER_DOCUMENTED,
                    jsonKey,
                    Samples.json(EncounterDocumented.class)
                            .replace("Whitfield", LAST_NAME)
                            .replace("1961-07-22", BIRTH_DATE.toString())
                            .replace("BHP884120337", MEMBER_ID)
                            .getBytes(StandardCharsets.UTF_8));
            deadLetterKeys.add(jsonKey);

            // 4. Wire format header, truncated Avro: the decoder fails part-way through the patient.
            byte[] valid = serialized(encounter());
            byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 3);
            String truncatedKey = "enc-truncated-" + UUID.randomUUID();
            sendRaw(Topics.ENCOUNTER_DOCUMENTED, truncatedKey, truncated);
            deadLetterKeys.add(truncatedKey);

            // 5. An encounter on a topic whose listener expects another type: Spring's conversion error prints
            //    the whole message, payload included.
            //    (Serialized for its own topic: registering it under the test topic's subject would break the
            //    subject for the other tests.)
            EncounterDocumented misrouted = encounter();
            sendRaw(PlatformTestApplication.EVENTS, misrouted.getEncounterId(), serialized(misrouted));

            // 6. Bad REST requests carrying patient data.
            RestClient biller = client(port, "biller");
            problems.add(body(post(
                    biller,
                    "{\"reason\":\"x\",\"amount\":1,\"patientBirthDate\":\"" + LAST_NAME + "\"}",
                    "/test/claims/{id}/release",
                    "c-1")));
            problems.add(body(post(
                    biller,
                    "{\"reason\":\"x\",\"amount\":1,\"memberId\":\"" + MEMBER_ID.toLowerCase() + "-" + LAST_NAME
                            + "\"}",
                    "/test/claims/{id}/release",
                    "c-1")));
            problems.add(body(post(
                    biller,
                    "{\"reason\":\"" + NOTE + "\",\"amount\":\"" + MRN + "\"}",
                    "/test/claims/{id}/release",
                    "c-1")));
            problems.add(body(post(
                    biller, "{\"reason\":\"" + NOTE + "\", " + LAST_NAME + "}", "/test/claims/{id}/release", "c-1")));
            problems.add(body(get(biller, "/test/claims/{id}/lines?limit={limit}", "c-1", MEMBER_ID)));
            problems.add(body(post(
                    biller, "", "/test/claims/{id}/fail?kind=state&data={d}", "c-1", LAST_NAME + " " + BIRTH_DATE)));
            problems.add(body(post(biller, "", "/test/claims/{id}/fail?kind=duplicate&data={d}", "c-1", MEMBER_ID)));
            RestClient stranger = RestClient.builder()
                    .baseUrl("http://localhost:" + port)
                    .defaultStatusHandler(status -> true, (request, response) -> {})
                    .defaultHeaders(headers -> headers.setBasicAuth(LAST_NAME, MEMBER_ID))
                    .build();
            problems.add(body(get(stranger, "/test/claims/{id}", "c-1")));

            // Wait until every bad record has been dead-lettered (and misrouted too), then scan.
            List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>(Records.awaitRecords(
                    Topics.dlt(Topics.ENCOUNTER_DOCUMENTED),
                    deadLetterKeys.size(),
                    WAIT,
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    record -> deadLetterKeys.contains(record.key())));
            deadLetters.addAll(Records.awaitRecords(
                    Topics.dlt(PlatformTestApplication.EVENTS),
                    1,
                    WAIT,
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    record -> misrouted.getEncounterId().equals(record.key())));
            assertThat(deadLetters).hasSize(deadLetterKeys.size() + 1);

            List<String> headers = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : deadLetters) {
                for (Header header : record.headers()) {
                    headers.add(record.key() + " " + header.key() + ": "
                            + new String(header.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(headers)
                    .as("dead-letter headers")
                    .isNotEmpty()
                    .anySatisfy(header -> assertThat(header).contains("claimflow-dlt-reason"));
            for (String data : PATIENT_DATA) {
                assertThat(headers)
                        .as("dead-letter headers holding " + data)
                        .noneMatch(header -> header.toLowerCase().contains(data.toLowerCase()));
                assertThat(problems)
                        .as("problem details holding " + data)
                        .noneMatch(problem -> problem.toLowerCase().contains(data.toLowerCase()));
            }
            assertThat(problems).allMatch(problem -> problem.contains("status="));
            assertThat(logs.eventsContaining(good.getEncounterId()))
                    .as("the encounter id is logged")
                    .isNotEmpty();
            logs.assertNoneContain(PATIENT_DATA);
        }
    }

    private static String body(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode().is4xxClientError()
                        || response.getStatusCode().is5xxServerError())
                .as("an error response")
                .isTrue();
        return String.valueOf(response.getBody());
    }

    private static EncounterDocumented encounter() {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setEncounterId("enc-" + UUID.randomUUID());
        event.getPatient().setLastName(LAST_NAME);
        event.getPatient().setFirstName(FIRST_NAME);
        event.getPatient().setBirthDate(BIRTH_DATE);
        event.getPatient().setMrn(MRN);
        event.getPatient().getAddress().setLine1(STREET);
        event.getCoverages().get(0).getSubscriber().setMemberId(MEMBER_ID);
        event.getCoverages().get(0).getSubscriber().setLastName(LAST_NAME);
        event.getCoverages().get(0).getSubscriber().setBirthDate(BIRTH_DATE);
        event.setClinicalNote(NOTE);
        return event;
    }

    private byte[] serialized(EncounterDocumented event) {
        return io.claimflow.platform.TestEvents.serializer(producerFactory)
                .serialize(Topics.ENCOUNTER_DOCUMENTED, event);
    }

    /**
     * Spring Kafka's container logs "Error handler threw an exception" with the whole cause chain, PostgreSQL's
     * "Where: JSON data, line 1: ..." included: in a running service that line keeps no patient data.
     */
    @Test
    void aLibrarysErrorLineWithPostgresCauseChainHasNoPatientData() {
        org.postgresql.util.PSQLException psql = new org.postgresql.util.PSQLException(
                "ERROR: unsupported Unicode escape sequence\n  Detail: \\u0000 cannot be converted to text.\n"
                        + "  Where: JSON data, line 1: {\"lastName\":\"" + LAST_NAME + "\",\"note\":\"" + NOTE,
                org.postgresql.util.PSQLState.DATA_ERROR);
        RuntimeException failure = new org.springframework.kafka.KafkaException(
                "Seek to current after exception",
                new org.springframework.dao.DataIntegrityViolationException(
                        "PreparedStatementCallback; SQL [INSERT "
                                + "INTO encounter VALUES (?)]; ERROR: unsupported Unicode escape sequence  Where: JSON data, "
                                + "line 1: {\"lastName\":\"" + LAST_NAME + "\", \"birthDate\": \"" + BIRTH_DATE,
                        psql));
        try (LogCapture logs = LogCapture.start()) {
            org.slf4j.LoggerFactory.getLogger("org.springframework.kafka.listener.KafkaMessageListenerContainer")
                    .error("Error handler threw an exception", failure);

            assertThat(logs.eventsContaining("Error handler threw an exception"))
                    .hasSize(1);
            logs.assertNoneContain(PATIENT_DATA);
        }
    }

    private void sendRaw(String topic, String key, byte[] value) throws Exception {
        Map<String, Object> configs = new java.util.HashMap<>(producerFactory.getConfigurationProperties());
        DefaultKafkaProducerFactory<String, byte[]> raw =
                new DefaultKafkaProducerFactory<>(configs, new StringSerializer(), new ByteArraySerializer());
        try {
            new KafkaTemplate<>(raw).send(topic, key, value).get(30, TimeUnit.SECONDS);
        } finally {
            raw.destroy();
        }
    }
}
