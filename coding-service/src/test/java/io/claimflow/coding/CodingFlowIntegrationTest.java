package io.claimflow.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.IcdCode;
import io.claimflow.coding.rules.ProcedureCode;
import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.CodingMethod;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialReason;
import io.claimflow.events.DenialStage;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.RecodeRequested;
import io.claimflow.events.Requester;
import io.claimflow.events.RequesterKind;
import io.claimflow.events.ServiceLine;
import io.claimflow.platform.kafka.RawRecordTemplate;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Records;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The coding pipeline over real Kafka (embedded KRaft), the schema registry and PostgreSQL: automatic coding,
 * the coder queue over REST, recoding after a denial, a year's ICD-10-CM release, idempotency and dead letters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_coding")
class CodingFlowIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    RawRecordTemplate raw;

    @Autowired
    ConsumerFactory<Object, Object> consumerFactory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CodeSets codeSets;

    RestClient coder;
    RestClient admin;

    @BeforeEach
    void clients() {
        coder = client("coder");
        admin = client("admin");
    }

    RestClient client(String user) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, "demo-" + user))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    /** The sample EncounterDocumented with fresh ids. */
    static EncounterDocumented sample() {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setEncounterId("enc-it-" + UUID.randomUUID());
        event.setOccurredAt(Instant.now());
        return event;
    }

    static DocumentedCode code(CodeSystem system, String code, String text) {
        return DocumentedCode.newBuilder()
                .setSystem(system)
                .setCode(code)
                .setText(text)
                .build();
    }

    void publish(EncounterDocumented event) throws Exception {
        kafka.send(Topics.ENCOUNTER_DOCUMENTED, event.getEncounterId(), event).get(30, TimeUnit.SECONDS);
    }

    List<EncounterCoded> coded(String encounterId, int count) {
        try (ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer()) {
            deserializer.configure(new HashMap<>(consumerFactory.getConfigurationProperties()), false);
            return Records.awaitRecords(
                            Topics.ENCOUNTER_CODED, count, WAIT, deserializer, r -> encounterId.equals(r.key()))
                    .stream()
                    .map(r -> (EncounterCoded) r.value())
                    .toList();
        }
    }

    static String lines(EncounterCoded event) {
        return String.join(
                " ",
                event.getServiceLines().stream()
                        .map(CodingFlowIntegrationTest::line)
                        .toList());
    }

    static String line(ServiceLine l) {
        return l.getProcedureCode()
                + (l.getModifiers().isEmpty() ? "" : "-" + String.join("-", l.getModifiers()))
                + l.getDiagnosisPointers();
    }

    @Test
    void snomedEncounterIsCodedOnceEvenWhenRedelivered() throws Exception {
        EncounterDocumented event = sample();

        publish(event);
        EncounterCoded first = coded(event.getEncounterId(), 1).get(0);

        assertThat(first.getCodingVersion()).isEqualTo(1);
        assertThat(first.getCausationId()).isEqualTo(event.getEventId());
        assertThat(first.getCodedBy().getMethod()).isEqualTo(CodingMethod.AUTOMATIC);
        assertThat(first.getDiagnoses()).extracting(d -> d.getCode()).containsExactly("I10", "E11.9");
        assertThat(lines(first)).isEqualTo("99214[1, 2] 83036[2]");
        assertThat(first.getPatient()).isEqualTo(event.getPatient());
        assertThat(first.getCodeSetVersions())
                .extracting(v -> v.getCodeSet())
                .contains("ICD-10-CM", "CPT", "NCCI-PTP", "NCCI-MUE");

        // the same event again, then a corrected documentation of the same encounter (same partition, after it)
        publish(event);
        EncounterDocumented corrected = sample();
        corrected.setEncounterId(event.getEncounterId());
        corrected.setTotalTimeMinutes(45);
        corrected.setMedicalDecisionMaking(null);
        publish(corrected);

        List<EncounterCoded> all = coded(event.getEncounterId(), 2);
        assertThat(all).extracting(EncounterCoded::getCodingVersion).containsExactly(1, 2);
        assertThat(all.get(1).getCausationId()).isEqualTo(corrected.getEventId());
        assertThat(lines(all.get(1))).isEqualTo("99215[1, 2] 83036[2]");
        assertThat(jdbc.sql("SELECT count(*) FROM coding_version WHERE encounter_id = :id")
                        .param("id", event.getEncounterId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void newOrEstablishedComesFromCodingServicesOwnHistoryWhenTheEhrDoesNotSay() throws Exception {
        String mrn = "MRN-" + UUID.randomUUID();
        EncounterDocumented first = sample();
        first.getPatient().setMrn(mrn);
        first.setPatientStatus(io.claimflow.events.NewOrEstablished.UNKNOWN);
        first.setDateOfService(LocalDate.of(2026, 1, 12));
        publish(first);
        assertThat(lines(coded(first.getEncounterId(), 1).get(0))).startsWith("99204");

        EncounterDocumented second = sample();
        second.getPatient().setMrn(mrn);
        second.setPatientStatus(io.claimflow.events.NewOrEstablished.UNKNOWN);
        second.setDateOfService(LocalDate.of(2026, 6, 15));
        publish(second);
        EncounterCoded established = coded(second.getEncounterId(), 1).get(0);

        assertThat(lines(established)).startsWith("99214"); // the same group saw the patient in January
        assertThat(established.getEdits()).anyMatch(e -> e.getRuleId().equals("EM-STATUS-FROM-HISTORY"));
        assertThat(jdbc.sql("SELECT patient_status || ' ' || status_from_history FROM professional_service "
                                + "WHERE encounter_id = :id")
                        .param("id", second.getEncounterId())
                        .query(String.class)
                        .single())
                .isEqualTo("ESTABLISHED true");
    }

    @Test
    void unmappedConceptIsHeldAndFinalizedByACoderOverRest() throws Exception {
        EncounterDocumented event = sample();
        event.setDiagnoses(List.of(
                code(CodeSystem.SNOMED_CT, "44054006", "Diabetes mellitus type 2"),
                code(CodeSystem.SNOMED_CT, "702927004", "Urge incontinence of urine")));
        event.setProcedures(List.of());
        publish(event);

        var badPage = coder.get()
                .uri("/coder-queue?size=0")
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(badPage.getStatusCode().value()).isEqualTo(400);
        assertThat(badPage.getBody().get("detail")).isEqualTo("page must be 0 or more and size 1 to 100");

        Map<String, Object> item = awaitQueueItem(event.getEncounterId());
        long id = ((Number) item.get("id")).longValue();
        assertThat(item.get("reasons")).isEqualTo(List.of("SNOMED-UNMAPPED"));

        Map<String, Object> detail =
                coder.get().uri("/coder-queue/{id}", id).retrieve().body(new ParameterizedTypeReference<>() {});
        assertThat(detail.get("encounterId")).isEqualTo(event.getEncounterId());
        assertThat(((Map<?, ?>) detail.get("documentation")).get("clinicalNote"))
                .isEqualTo(event.getClinicalNote());
        assertThat(detail.get("suggestion").toString()).contains("E11.9", "99214");
        assertThat(detail.get("reasons").toString()).contains("702927004");

        Map<String, Object> byTenant = coder.get()
                .uri(
                        "/coder-queue?tenantId={t}&kind=INITIAL&dateFrom=2026-03-10" + "&dateTo=2026-03-10&size=1",
                        event.getTenantId())
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(((Number) byTenant.get("total")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat((List<?>) byTenant.get("items")).hasSize(1);
        Map<String, Object> otherTenant =
                coder.get().uri("/coder-queue?tenantId=nobody").retrieve().body(new ParameterizedTypeReference<>() {});
        assertThat(otherTenant.get("total")).isEqualTo(0);

        // a line without a diagnosis pointer fails the edits: 422 with the edits, nothing emitted
        var rejected = coder.post()
                .uri("/coder-queue/{id}/finalize", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("diagnoses", List.of("E11.9"), "lines", List.of(Map.of("code", "99214"))))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(rejected.getStatusCode().value()).isEqualTo(422);
        assertThat(rejected.getBody().get("detail").toString()).contains("no diagnosis pointer");
        assertThat(rejected.getBody().get("edits").toString()).contains("DX-POINTER-MISSING");

        var finalized = coder.post()
                .uri("/coder-queue/{id}/finalize", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "diagnoses",
                        List.of("E11.9", "N39.0"),
                        "lines",
                        List.of(Map.of("code", "99214", "pointers", List.of(1, 2)))))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(finalized.getStatusCode().value()).isEqualTo(200);
        assertThat(finalized.getBody().get("codingVersion")).isEqualTo(1);

        EncounterCoded event1 = coded(event.getEncounterId(), 1).get(0);
        assertThat(event1.getCodedBy().getMethod()).isEqualTo(CodingMethod.CODER);
        assertThat(event1.getCodedBy().getCoderId())
                .isEqualTo(finalized.getBody().get("coderId"))
                .isIn("coder", "unauthenticated");
        assertThat(event1.getDiagnoses()).extracting(d -> d.getCode()).containsExactly("E11.9", "N39.0");
        assertThat(lines(event1)).isEqualTo("99214[1, 2]");

        var again = coder.post()
                .uri("/coder-queue/{id}/finalize", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "diagnoses",
                        List.of("E11.9"),
                        "lines",
                        List.of(Map.of("code", "99214", "pointers", List.of(1)))))
                .retrieve()
                .toEntity(String.class);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> awaitQueueItem(String encounterId) throws InterruptedException {
        return awaitQueueItem(encounterId, "SNOMED-UNMAPPED");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> awaitQueueItem(String encounterId, String reason) throws InterruptedException {
        return await("encounter " + encounterId + " in the coder queue")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            Map<String, Object> page = coder.get()
                                    .uri("/coder-queue?reason={r}&size=100", reason)
                                    .retrieve()
                                    .body(new ParameterizedTypeReference<Map<String, Object>>() {});
                            for (Object entry : (List<Object>) page.get("items")) {
                                Map<String, Object> item = (Map<String, Object>) entry;
                                if (encounterId.equals(item.get("encounterId"))) {
                                    return item;
                                }
                            }
                            return null;
                        },
                        item -> item != null);
    }

    @Test
    void carc11DenialYieldsVersion2WithAnotherDiagnosisForTheDeniedLine() throws Exception {
        EncounterDocumented event = sample();
        event.setDiagnoses(List.of(
                code(CodeSystem.ICD_10_CM, "J20.9", "Acute bronchitis"),
                code(CodeSystem.ICD_10_CM, "D64.9", "Anemia")));
        event.setProcedures(List.of(code(CodeSystem.CPT, "36415", "Venipuncture")));
        event.setTotalTimeMinutes(22);
        event.setMedicalDecisionMaking(null);
        publish(event);
        EncounterCoded first = coded(event.getEncounterId(), 1).get(0);
        assertThat(lines(first)).isEqualTo("99213[1, 2] 36415[1]");

        RecodeRequested recode = RecodeRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setEncounterId(event.getEncounterId())
                .setCausationId(UUID.randomUUID().toString())
                .setTenantId(event.getTenantId())
                .setClaimId("clm-it-1")
                .setCodingVersion(1)
                .setReason(DenialReason.newBuilder()
                        .setStage(DenialStage.ADJUDICATED)
                        .setCategory(DenialCategory.CODING)
                        .setPayerClaimNumber("2026090123456")
                        .setAdjustments(List.of(new Adjustment(AdjustmentGroupCode.CO, "11", new BigDecimal("12.00"))))
                        .setRemarkCodes(List.of("M76"))
                        .setRejections(List.of())
                        .setPayerText("CARC 11")
                        .setAffectedLineNumbers(List.of(2))
                        .build())
                .setAttempt(1)
                .setRequestedBy(new Requester(RequesterKind.RULE, "route-coding-denials"))
                .build();
        kafka.send(Topics.RECODE_REQUESTED, event.getEncounterId(), recode).get(30, TimeUnit.SECONDS);
        kafka.send(Topics.RECODE_REQUESTED, event.getEncounterId(), recode).get(30, TimeUnit.SECONDS);

        EncounterCoded second = coded(event.getEncounterId(), 2).get(1);
        assertThat(second.getCodingVersion()).isEqualTo(2);
        assertThat(second.getCausationId()).isEqualTo(recode.getEventId());
        assertThat(lines(second)).isEqualTo("99213[1, 2] 36415[2]");
        assertThat(second.getRecodeCause().getClaimId()).isEqualTo("clm-it-1");
        assertThat(second.getRecodeCause().getPreviousCodingVersion()).isEqualTo(1);
        assertThat(second.getRecodeCause().getReason().getAdjustments().get(0).getReasonCode())
                .isEqualTo("11");
        assertThat(second.getEdits()).anyMatch(e -> e.getRuleId().equals("RECODE-CARC11"));
    }

    /**
     * A denial the rules do not recode goes to the coder with its reason; a queue item stored before (the recode
     * cause's reason as JSON text) shows the same and, finalized, passes the event's reason on to EncounterCoded.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aRecodeForTheCoderKeepsItsDenialReasonAlsoInARowStoredBefore() throws Exception {
        EncounterDocumented event = sample();
        event.setDiagnoses(List.of(
                code(CodeSystem.ICD_10_CM, "J20.9", "Acute bronchitis"),
                code(CodeSystem.ICD_10_CM, "D64.9", "Anemia")));
        event.setProcedures(List.of(code(CodeSystem.CPT, "36415", "Venipuncture")));
        event.setTotalTimeMinutes(22);
        event.setMedicalDecisionMaking(null);
        publish(event);
        coded(event.getEncounterId(), 1);
        DenialReason reason = DenialReason.newBuilder()
                .setStage(DenialStage.ADJUDICATED)
                .setCategory(DenialCategory.CODING)
                .setPayerClaimNumber("2026090123457")
                .setAdjustments(List.of(
                        new Adjustment(AdjustmentGroupCode.CO, "16", new BigDecimal("40.00")),
                        new Adjustment(AdjustmentGroupCode.PR, "1", new BigDecimal("-0.10"))))
                .setRemarkCodes(List.of("N657"))
                .setRejections(List.of())
                .setPayerText(null)
                .setAffectedLineNumbers(List.of(2))
                .build();
        RecodeRequested recode = RecodeRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setEncounterId(event.getEncounterId())
                .setCausationId(UUID.randomUUID().toString())
                .setTenantId(event.getTenantId())
                .setClaimId("clm-it-2")
                .setCodingVersion(1)
                .setReason(reason)
                .setAttempt(1)
                .setRequestedBy(new Requester(RequesterKind.RULE, "route-coding-denials"))
                .build();
        kafka.send(Topics.RECODE_REQUESTED, event.getEncounterId(), recode).get(30, TimeUnit.SECONDS);

        long id =
                ((Number) awaitQueueItem(event.getEncounterId(), "RECODE-CARC").get("id")).longValue();
        Map<String, Object> expected = Map.of(
                "claimId",
                "clm-it-2",
                "previousCodingVersion",
                1,
                "attempt",
                1,
                "reason",
                new com.fasterxml.jackson.databind.ObjectMapper().readValue(JsonRecords.write(reason), Map.class));
        assertThat(recodeCauseShown(id)).isEqualTo(expected);

        // the row as coding-service stored it before: the reason a JSON string inside the jsonb
        String before = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(Map.of(
                        "claimId",
                        "clm-it-2",
                        "previousCodingVersion",
                        1,
                        "attempt",
                        1,
                        "reason",
                        JsonRecords.write(reason)));
        jdbc.sql("UPDATE coder_queue_item SET recode_cause = CAST(:cause AS jsonb) WHERE id = :id")
                .param("cause", before)
                .param("id", id)
                .update();
        assertThat(recodeCauseShown(id)).isEqualTo(expected);

        var finalized = coder.post()
                .uri("/coder-queue/{id}/finalize", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "diagnoses",
                        List.of("J20.9", "D64.9"),
                        "lines",
                        List.of(
                                Map.of("code", "99213", "pointers", List.of(1, 2)),
                                Map.of("code", "36415", "pointers", List.of(2)))))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(finalized.getStatusCode().value()).isEqualTo(200);
        EncounterCoded second = coded(event.getEncounterId(), 2).get(1);
        assertThat(second.getCausationId()).isEqualTo(recode.getEventId());
        assertThat(second.getRecodeCause().getClaimId()).isEqualTo("clm-it-2");
        assertThat(second.getRecodeCause().getReason()).isEqualTo(reason);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> recodeCauseShown(long id) {
        Map<String, Object> detail =
                coder.get().uri("/coder-queue/{id}", id).retrieve().body(new ParameterizedTypeReference<>() {});
        return (Map<String, Object>) detail.get("recodeCause");
    }

    static String orderLine(int order, String code, boolean billable, String description) {
        return String.format("%05d %-7s %s %-60s %s%n", order, code, billable ? "1" : "0", description, description);
    }

    @Test
    void theStarterSetIsReadFromPostgresqlByCodeByDescriptionAndOnAnyDate() {
        LocalDate dos = LocalDate.of(2026, 3, 10);

        assertThat(codeSets.icdByDescription("Obesity, unspecified", dos, 6))
                .extracting(IcdCode::code)
                .contains("E66.9")
                .doesNotContain("E66"); // a header is never a match
        assertThat(codeSets.proceduresByDescription("Immunization administration, one vaccine", dos, 6))
                .extracting(ProcedureCode::code)
                .startsWith("90471");
        assertThat(codeSets.icdByDescription("of", dos, 6)).isEmpty(); // no word of three letters
        assertThat(codeSets.procedure("90471", dos))
                .hasValueSatisfying(p -> assertThat(p.system()).isEqualTo(io.claimflow.coding.rules.CodeSystem.CPT));
        assertThat(codeSets.procedure("J3301", dos))
                .hasValueSatisfying(p -> assertThat(p.system()).isEqualTo(io.claimflow.coding.rules.CodeSystem.HCPCS));
        assertThat(codeSets.procedureKnownOnAnyDate("90471")).isTrue();
        assertThat(codeSets.procedureKnownOnAnyDate("0000Z")).isFalse();
        assertThat(codeSets.icdKnownOnAnyDate("Q99.99")).isFalse();
    }

    @Test
    void aReleaseSentAsAMultipartFileTakesItsDatesAndVersionFromTheQuery() {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add(
                "file",
                new ByteArrayResource("17000\t11102\t\t20150101\t*\t1\tMisuse of column two code\n"
                        .getBytes(StandardCharsets.US_ASCII)) {
                    @Override
                    public String getFilename() {
                        return "ptp-2015q1.txt";
                    }
                });

        var loaded = admin.post()
                .uri("/admin/code-sets/ncci-ptp?effectiveFrom=2015-01-01&effectiveTo=2015-03-31&version=2015Q1-it")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
        var refused = admin.post()
                .uri("/admin/code-sets/ncci-ptp?effectiveFrom=2015-01-01&version=bad%3Cversion%3E")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve()
                .toEntity(String.class);

        assertThat(loaded.getStatusCode().value()).isEqualTo(200);
        assertThat(loaded.getBody())
                .containsEntry("version", "2015Q1-it")
                .containsEntry("effectiveFrom", "2015-01-01")
                .containsEntry("effectiveTo", "2015-03-31")
                .containsEntry("records", 1)
                .containsEntry("source", "upload:ptp-2015q1.txt");
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains("version").doesNotContain("bad");
    }

    @Test
    void anIcd10cmOrderFileForAYearMakesItsCodesValidForThatYearOnly() throws Exception {
        String file = orderLine(1, "M54", false, "Dorsalgia")
                + orderLine(2, "M541", false, "Radiculopathy")
                + orderLine(3, "M5416", true, "Radiculopathy, lumbar region");

        var loaded = admin.post()
                .uri("/admin/code-sets/icd10cm?year=2024")
                .contentType(MediaType.TEXT_PLAIN)
                .body(file.getBytes(StandardCharsets.US_ASCII))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});

        assertThat(loaded.getStatusCode().value()).isEqualTo(200);
        assertThat(loaded.getBody())
                .containsEntry("effectiveFrom", "2023-10-01")
                .containsEntry("effectiveTo", "2024-09-30")
                .containsEntry("records", 3);
        assertThat(codeSets.icd("M54.16", LocalDate.of(2024, 3, 1)))
                .hasValueSatisfying(c -> assertThat(c.billable()).isTrue());
        assertThat(codeSets.icd("M54.16", LocalDate.of(2023, 10, 1))).isPresent();
        assertThat(codeSets.icd("M54.16", LocalDate.of(2024, 9, 30))).isPresent();
        assertThat(codeSets.icd("M54.16", LocalDate.of(2023, 9, 30))).isEmpty();
        assertThat(codeSets.icd("M54.16", LocalDate.of(2024, 10, 1))).isEmpty();
        assertThat(codeSets.icdKnownOnAnyDate("M54.16")).isTrue();
        assertThat(codeSets.icd("M54.1", LocalDate.of(2024, 3, 1)))
                .hasValueSatisfying(c -> assertThat(c.billable()).isFalse());

        var malformed = admin.post()
                .uri("/admin/code-sets/icd10cm?year=2024")
                .contentType(MediaType.TEXT_PLAIN)
                .body("00001 M54     X Dorsalgia\n")
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody().get("detail"))
                .isEqualTo("ICD-10-CM order file line 1: column 15 must be 0 (header) or 1 (valid for billing)");
        // the bad file changed nothing
        assertThat(codeSets.icd("M54.16", LocalDate.of(2024, 3, 1))).isPresent();

        // documented on a date of service after fiscal year 2024: held, not coded
        EncounterDocumented later = sample();
        later.setDiagnoses(List.of(code(CodeSystem.ICD_10_CM, "M54.16", "Lumbar radiculopathy")));
        later.setProcedures(List.of());
        publish(later);
        Map<String, Object> held = awaitQueueItem(later.getEncounterId(), "ICD10-NOT-VALID-ON-DOS");
        assertThat(held.get("dateOfService")).isEqualTo("2026-03-10");
    }

    @Test
    void malformedAndIncompleteRecordsGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        String garbageKey = "enc-it-garbage-" + UUID.randomUUID();
        raw.kafkaTemplate()
                .send(Topics.ENCOUNTER_DOCUMENTED, garbageKey, new byte[] {42, 1, 2, 3})
                .get(30, TimeUnit.SECONDS);
        EncounterDocumented incomplete = sample();
        incomplete.setDiagnoses(List.of());
        incomplete.setProcedures(List.of());
        publish(incomplete);

        ConsumerRecord<String, byte[]> garbage = Records.awaitRecords(
                        Topics.dlt(Topics.ENCOUNTER_DOCUMENTED),
                        1,
                        WAIT,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        r -> garbageKey.equals(r.key()))
                .get(0);
        assertThat(reason(garbage)).startsWith("value could not be deserialized");

        ConsumerRecord<String, byte[]> dead = Records.awaitRecords(
                        Topics.dlt(Topics.ENCOUNTER_DOCUMENTED),
                        1,
                        WAIT,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        r -> incomplete.getEncounterId().equals(r.key()))
                .get(0);
        assertThat(reason(dead))
                .isEqualTo("not retryable: IllegalArgumentException: Incomplete documentation for "
                        + "encounter " + incomplete.getEncounterId() + ": lacks any documented diagnosis, procedure or "
                        + "administered item");
        assertThat(reason(dead)).doesNotContain(incomplete.getPatient().getLastName());
    }

    static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("claimflow-dlt-reason").value(), StandardCharsets.UTF_8);
    }
}
