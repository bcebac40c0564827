package io.claimflow.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.ResponseTransaction;
import io.claimflow.platform.kafka.DeadLetterConventions;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.Records;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The whole way over real Kafka, PostgreSQL and the real payer-simulator over HTTP: ClaimSubmitted -> 837P ->
 * simulator -> 999 / 277CA / 835 -> ClaimDenied / PaymentPosted, to the cent; front-end rejections; an unbalanced
 * or malformed 835 quarantined; a repeated 835 posting nothing twice; the simulator down and back; a malformed
 * ClaimSubmitted on the dead-letter topic.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "claimflow.adjudication.batch.max-wait=200ms",
            "claimflow.adjudication.batch.poll-interval=200ms",
            "claimflow.adjudication.send.poll-interval=200ms",
            "claimflow.adjudication.send.retry-backoff=300ms",
            "claimflow.adjudication.send.max-backoff=1s",
            "claimflow.adjudication.responses.poll-interval=300ms",
            "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=1s",
            "resilience4j.retry.configs.default.wait-duration=50ms",
            "claimflow.outbox.poll-interval=100ms"
        })
@ClaimFlowInfrastructure(database = "claimflow_adjudication")
class GatewayFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SimulatorServer SIMULATOR = new SimulatorServer(SimulatorServer.freePort());
    private static final AtomicInteger DAY = new AtomicInteger();

    static {
        SIMULATOR.start();
    }

    private static final Path INBOX = inbox();

    private static Path inbox() {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "inbox");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void payer(DynamicPropertyRegistry registry) {
        registry.add("claimflow.adjudication.inbox.directory", INBOX::toString);
        registry.add("claimflow.adjudication.inbox.poll-interval", () -> "300ms");
        registry.add("claimflow.adjudication.payers.default.url", SIMULATOR::url);
        registry.add("claimflow.adjudication.payers.default.receiver-id", () -> "SIMPAYER");
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    RestClient admin;

    @BeforeEach
    void client() {
        SIMULATOR.start();
        SIMULATOR.faults(false, false, false);
        admin = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "demo-admin"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    @Test
    void paidClaimWithADeniedLineIsPostedToTheCent() throws Exception {
        ClaimSubmitted claim = claim("BHP884120337");

        publish(claim);

        PaymentPosted paid = one(Topics.PAYMENT_POSTED, claim.getEncounterId(), PaymentPosted.class);
        assertThat(paid.getClaimId()).isEqualTo(claim.getClaimId());
        assertThat(paid.getCausationId()).isEqualTo(claim.getEventId());
        assertThat(paid.getChargeAmount()).isEqualByComparingTo("210.00");
        assertThat(paid.getPaidAmount()).isEqualByComparingTo("103.74");
        assertThat(paid.getPatientResponsibility().getCopay()).isEqualByComparingTo("25.00");
        assertThat(paid.getPatientResponsibility().getDeductible()).isEqualByComparingTo("0.00");
        assertThat(paid.getPatientResponsibility().getTotal()).isEqualByComparingTo("25.00");
        assertThat(paid.getContractualAdjustment()).isEqualByComparingTo("81.26");
        assertThat(paid.getPayer().getPayerId()).isEqualTo("BKHP1");
        assertThat(paid.getTraceNumber()).startsWith("SIMEFT");
        assertThat(paid.getLines()).hasSize(2);
        assertThat(paid.getLines().get(0).getLineNumber()).isEqualTo(1);
        assertThat(paid.getLines().get(0).getAllowedAmount()).isEqualByComparingTo("128.74");
        assertThat(paid.getLines().get(0).getPaidAmount()).isEqualByComparingTo("103.74");
        BigDecimal accounted = paid.getPaidAmount();
        for (var line : paid.getLines()) {
            for (var adjustment : line.getAdjustments()) {
                accounted = accounted.add(adjustment.getAmount());
            }
        }
        assertThat(accounted).isEqualByComparingTo(paid.getChargeAmount());

        ClaimDenied denied = one(Topics.CLAIM_DENIED, claim.getEncounterId(), ClaimDenied.class);
        assertThat(denied.getStage()).isEqualTo(DenialStage.ADJUDICATED);
        assertThat(denied.getSource()).isEqualTo(ResponseTransaction.X12_835);
        assertThat(denied.getCategory()).isEqualTo(DenialCategory.CODING);
        assertThat(denied.getPayerClaimNumber()).isEqualTo(paid.getPayerClaimNumber());
        assertThat(denied.getLines()).hasSize(1);
        // the PaymentPosted of the same 835 carries the whole patient share: the denial moves no money of its own
        assertThat(denied.getPaidInSameRemittance()).isTrue();
        assertThat(denied.getTraceNumber()).isEqualTo(paid.getTraceNumber());
        assertThat(denied.getLines().get(0).getProcedureCode()).isEqualTo("83036");
        assertThat(denied.getLines().get(0).getLineNumber()).isEqualTo(2);
        assertThat(denied.getLines().get(0).getAdjustments().get(0).getReasonCode())
                .isEqualTo("11");
        assertThat(denied.getLines().get(0).getRemarkCodes()).containsExactly("M76");

        Map<String, Object> history = admin.get()
                .uri("/api/adjudication/claims/{id}/x12-history", claim.getClaimId())
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(history.get("status")).isEqualTo("PAID");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
        assertThat(events)
                .extracting(e -> e.get("transactionType") + " " + e.get("outcome"))
                .containsSubsequence(
                        "837P BATCHED", "837P SENT", "999 ACCEPTED", "277CA ACCEPTED", "835 PARTIALLY_DENIED");

        // the same 835 uploaded again, as it came and with a new ISA13: nothing posted twice
        long eraId = ((Number) events.stream()
                        .filter(e -> "835".equals(e.get("transactionType")))
                        .findFirst()
                        .orElseThrow()
                        .get("interchangeId"))
                .longValue();
        byte[] era = admin.get()
                .uri("/api/adjudication/interchanges/{id}/raw", eraId)
                .retrieve()
                .body(byte[].class);
        Map<String, Object> again = upload(era);
        assertThat(again.get("status")).isEqualTo("DUPLICATE");
        String text = new String(era, StandardCharsets.US_ASCII);
        String isa13 = text.substring(90, 99);
        byte[] resent = text.replace("*" + isa13 + "*", "*" + "987654321" + "*")
                .replace("IEA*1*" + isa13, "IEA*1*987654321")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(upload(resent).get("status")).isEqualTo("DUPLICATE");
        await(() -> SIMULATOR.pendingResponses() == 0, "the payer's mailbox is empty");
        assertThat(all(Topics.PAYMENT_POSTED, claim.getEncounterId())).hasSize(1);
        assertThat(all(Topics.CLAIM_DENIED, claim.getEncounterId())).hasSize(1);

        // the payer takes the payment back (CLP02 22): a second PaymentPosted, a reversal with negative amounts
        assertThat(upload(reversal(claim, paid.getPayerClaimNumber())).get("status"))
                .isEqualTo("PROCESSED");
        List<ConsumerRecord<String, byte[]>> payments = Records.awaitRecords(
                Topics.PAYMENT_POSTED,
                2,
                WAIT,
                new ByteArrayDeserializer(),
                r -> claim.getEncounterId().equals(r.key()));
        PaymentPosted reversed =
                (PaymentPosted) decode(Topics.PAYMENT_POSTED, payments.get(1).value());
        assertThat(reversed.getClaimStatus()).isEqualTo(io.claimflow.events.ClaimStatus.REVERSAL);
        assertThat(reversed.getPaidAmount()).isEqualByComparingTo("-103.74");
        assertThat(reversed.getChargeAmount()).isEqualByComparingTo("-210.00");
        assertThat(reversed.getPatientResponsibility().getCopay()).isEqualByComparingTo("-25.00");
        assertThat(reversed.getPaymentMethod()).isEqualTo(io.claimflow.events.PaymentMethod.CHECK);
    }

    /** An 835 (written with staedi) that reverses the sample claim's payment: a debit of 103.74. */
    private static byte[] reversal(ClaimSubmitted claim, String payerClaimNumber) {
        String today = "20260401";
        String dos = claim.getLines()
                .get(0)
                .getService()
                .getDateOfService()
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        try (io.claimflow.x12.X12Output out = new io.claimflow.x12.X12Output(true)) {
            out.startInterchange();
            out.segment(
                    "ISA",
                    "00",
                    "          ",
                    "00",
                    "          ",
                    "ZZ",
                    "SIMPAYER       ",
                    "ZZ",
                    "CLAIMFLOW      ",
                    "260401",
                    "1200",
                    "^",
                    "00501",
                    "000555001",
                    "0",
                    "T",
                    ":");
            out.segment("GS", "HP", "SIMPAYER", "CLAIMFLOW", today, "1200", "555001", "X", "005010X221A1");
            out.startTransaction();
            out.segment("ST", "835", "0001", "005010X221A1");
            out.segment(
                    "BPR", "I", "103.74", "D", "CHK", null, null, null, null, null, null, null, null, null, null, null,
                    today);
            out.segment("TRN", "1", "REV" + claim.getClaimId(), "1310000001");
            out.segment("DTM", "405", today);
            out.segment("N1", "PR", "BUCKEYE HEALTH PLAN");
            out.segment("N3", "100 PAYER WAY");
            out.segment("N4", "COLUMBUS", "OH", "43215");
            out.segment("REF", "2U", "BKHP1");
            out.segment("PER", "BL", "PROVIDER SERVICES", "TE", "8005550100");
            out.segment("N1", "PE", "RIVERSIDE FAMILY MEDICINE LLC", "XX", "1847362914");
            out.segment("LX", "1");
            out.segment(
                    "CLP",
                    claim.getPatientControlNumber(),
                    "22",
                    "-210",
                    "-103.74",
                    "-25",
                    "12",
                    payerClaimNumber,
                    "11",
                    "1");
            out.segment("NM1", "QC", "1", "WHITFIELD", "ELEANOR", null, null, null, "MI", "BHP884120337");
            out.segment("SVC", new String[] {"HC", "99214"}, "-165", "-103.74", null, "1");
            out.segment("DTM", "472", dos);
            out.segment("CAS", "CO", "45", "-36.26");
            out.segment("CAS", "PR", "3", "-25");
            out.segment("REF", "6R", claim.getLines().get(0).getLineItemControlNumber());
            out.segment("SVC", new String[] {"HC", "83036"}, "-45", "0", null, "1");
            out.segment("DTM", "472", dos);
            out.segment("CAS", "CO", "11", "-45");
            out.segment("REF", "6R", claim.getLines().get(1).getLineItemControlNumber());
            out.segment("SE", Integer.toString(out.segmentCountIncludingSe()), "0001");
            out.segment("GE", "1", "555001");
            out.segment("IEA", "1", "000555001");
            out.endInterchange();
            return out.toBytes();
        }
    }

    @Test
    void unknownMemberIsRejectedByThe277ca() throws Exception {
        ClaimSubmitted claim = claim("NOSUCHMEMBER");

        publish(claim);

        ClaimDenied denied = one(Topics.CLAIM_DENIED, claim.getEncounterId(), ClaimDenied.class);
        assertThat(denied.getStage()).isEqualTo(DenialStage.FRONT_END_REJECTION);
        assertThat(denied.getSource()).isEqualTo(ResponseTransaction.X12_277CA);
        assertThat(denied.getPaidInSameRemittance()).isFalse();
        assertThat(denied.getCategory()).isEqualTo(DenialCategory.ELIGIBILITY);
        assertThat(denied.getRejections()).extracting(r -> r.getCode()).containsExactly("A3:33:IL");
        assertThat(denied.getTotalCharge()).isEqualByComparingTo("210.00");
    }

    @Test
    void claimWithoutDiagnosesIsRejectedByThe999() throws Exception {
        ClaimSubmitted claim = claim("BHP884120337");
        claim.setDiagnoses(List.of());
        claim.getLines().forEach(l -> l.getService().setDiagnosisPointers(List.of()));

        publish(claim);

        ClaimDenied denied = one(Topics.CLAIM_DENIED, claim.getEncounterId(), ClaimDenied.class);
        assertThat(denied.getStage()).isEqualTo(DenialStage.FRONT_END_REJECTION);
        assertThat(denied.getSource()).isEqualTo(ResponseTransaction.X12_999);
        assertThat(denied.getCategory()).isEqualTo(DenialCategory.MISSING_INFORMATION);
        assertThat(denied.getRejections().get(0).getCode()).isEqualTo("3");
        assertThat(denied.getRejections().get(0).getLocation()).contains("HI").contains("2300");
    }

    @Test
    void unbalancedAndMalformed835AreQuarantinedAndPostNothing() throws Exception {
        // The simulator writes a claim's 835 when it adjudicates the 837, with the knobs as they are then; every
        // sample claim pays the same 103.74 and quarantine reasons of another claim's file read the same, so each
        // wait is for this claim's own file (its CLP01) before the knobs are turned again.
        SIMULATOR.faults(false, false, true);
        ClaimSubmitted unbalanced = claim("BHP884120337");
        publish(unbalanced);
        String unbalancedReason = awaitQuarantined(unbalanced, "its unbalanced 835");
        assertThat(unbalancedReason)
                .contains("does not balance")
                .contains("BPR02 payment 104.74 != claim payments 103.74");

        SIMULATOR.faults(false, true, false);
        ClaimSubmitted malformed = claim("BHP884120337");
        publish(malformed);
        String malformedReason = awaitQuarantined(malformed, "its malformed 835");
        assertThat(malformedReason).containsAnyOf("not readable", "not a complete X12 interchange", "invalid X12");
        SIMULATOR.faults(false, false, false);

        // every response the payer wrote has been received, committed and acknowledged: nothing more can come
        await(() -> SIMULATOR.pendingResponses() == 0, "the payer's mailbox is empty");
        assertThat(quarantinedFor(unbalanced)).hasSize(1);
        assertThat(quarantinedFor(malformed)).hasSize(1);

        // an ERA that does not balance is never posted, not even when someone retries it
        long quarantineId = quarantineIdFor(unbalanced);
        Map<String, Object> retried = admin.post()
                .uri("/api/adjudication/quarantine/{id}/retry", quarantineId)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(retried.get("status")).isEqualTo("QUARANTINED");
        assertThat(String.valueOf(retried.get("detail"))).contains("does not balance");
        assertThat(jdbc.sql("SELECT count(*) FROM remittance_claim WHERE claim_id IN (?, ?)")
                        .params(unbalanced.getClaimId(), malformed.getClaimId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM claim_x12_event WHERE claim_id IN (?, ?) "
                                + "AND transaction_type = '835'")
                        .params(unbalanced.getClaimId(), malformed.getClaimId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM claim_x12_event WHERE claim_id = ? AND outcome = 'SENT'")
                        .param(unbalanced.getClaimId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(all(Topics.PAYMENT_POSTED, unbalanced.getEncounterId())).isEmpty();
        assertThat(all(Topics.PAYMENT_POSTED, malformed.getEncounterId())).isEmpty();
        assertThat(status(unbalanced.getClaimId())).isEqualTo("ACCEPTED");
        assertThat(status(malformed.getClaimId())).isEqualTo("ACCEPTED");
    }

    @Test
    void claimsWaitWhileThePayerIsDownAndAreSentOnceWhenItReturns() throws Exception {
        SIMULATOR.stop();
        List<ClaimSubmitted> claims = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ClaimSubmitted claim = claim("BHP884120337");
                claims.add(claim);
                publish(claim);
                publish(claim); // redelivered: handled once
            }
            CircuitBreaker breaker = circuitBreakers.circuitBreaker("payer-BKHP1");
            await(() -> breaker.getState() == CircuitBreaker.State.OPEN, "the payer's circuit breaker opens");
            await(
                    () -> claims.stream().allMatch(c -> "BATCHED".equals(status(c.getClaimId()))),
                    "claims wait in their interchange");
            Map<String, Object> payers = admin.get()
                    .uri("/api/adjudication/payers/status")
                    .retrieve()
                    .body(new ParameterizedTypeReference<>() {});
            assertThat(payers.toString()).contains("payer-BKHP1");
            // this test's own interchanges, not any other still queued
            Long failedAttempts = jdbc.sql("SELECT max(i.attempts) FROM interchange i JOIN outbound_claim c "
                            + "ON c.interchange_id = i.id WHERE c.claim_id IN (?, ?, ?) AND i.status = 'QUEUED' "
                            + "AND i.last_error IS NOT NULL")
                    .params(
                            claims.get(0).getClaimId(),
                            claims.get(1).getClaimId(),
                            claims.get(2).getClaimId())
                    .query(Long.class)
                    .single();
            assertThat(failedAttempts).isGreaterThanOrEqualTo(1);
        } finally {
            SIMULATOR.start();
        }
        for (ClaimSubmitted claim : claims) {
            PaymentPosted paid = one(Topics.PAYMENT_POSTED, claim.getEncounterId(), PaymentPosted.class);
            assertThat(paid.getPaidAmount()).isEqualByComparingTo("103.74");
        }
        await(() -> SIMULATOR.pendingResponses() == 0, "the payer's mailbox is empty");
        for (ClaimSubmitted claim : claims) {
            assertThat(all(Topics.PAYMENT_POSTED, claim.getEncounterId())).hasSize(1);
            assertThat(jdbc.sql("SELECT count(*) FROM claim_x12_event WHERE claim_id = ? AND outcome = 'SENT'")
                            .param(claim.getClaimId())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void malformedClaimSubmittedGoesToTheDeadLetterTopic() throws Exception {
        ClaimSubmitted claim = claim("BHP884120337");
        claim.setTotalCharge(new BigDecimal("999.00"));

        publish(claim);

        List<ConsumerRecord<String, byte[]>> dead = Records.awaitRecords(
                Topics.dlt(Topics.CLAIM_SUBMITTED),
                1,
                WAIT,
                new ByteArrayDeserializer(),
                r -> claim.getEncounterId().equals(r.key()));
        String reason = new String(
                dead.get(0)
                        .headers()
                        .lastHeader(DeadLetterConventions.REASON_HEADER)
                        .value(),
                StandardCharsets.UTF_8);
        assertThat(reason).startsWith("not retryable: IllegalArgumentException").contains("not the sum of the line");
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_claim WHERE claim_id = ?")
                        .param(claim.getClaimId())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void filesDroppedInTheInboxAreReceivedAndMovedAside() throws Exception {
        Files.writeString(INBOX.resolve("garbage.835"), "ISA*this is not an interchange~");

        await(() -> Files.exists(INBOX.resolve("quarantined").resolve("garbage.835")), "the file is moved aside");
        Long quarantined = jdbc.sql("SELECT count(*) FROM quarantined_file q JOIN interchange i "
                        + "ON i.id = q.interchange_id WHERE i.source = 'INBOX:garbage.835'")
                .query(Long.class)
                .single();
        assertThat(quarantined).isEqualTo(1);
    }

    @Test
    void anEraForClaimsNeverSentIsPostedAsUnmatched() throws Exception {
        byte[] era;
        try (var in = getClass().getResourceAsStream("/x12/two-claims-plb-835.x12")) {
            era = in.readAllBytes();
        }

        Map<String, Object> result = upload(era);

        assertThat(result.get("status")).isEqualTo("PROCESSED");
        assertThat(result.get("detail")).isEqualTo("posted 0 claim(s), 2 unmatched, 0 ERA(s) posted before");
        List<Map<String, Object>> unmatched = admin.get()
                .uri("/api/adjudication/remittances/unmatched")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        assertThat(unmatched).extracting(u -> u.get("patientControlNumber")).contains("PCN-A", "PCN-B");
        assertThat(upload(era).get("status")).isEqualTo("DUPLICATE");
    }

    @Test
    void badRequestsGetProblemDetails() {
        var response = admin.get()
                .uri("/api/adjudication/interchanges?direction=SIDEWAYS")
                .retrieve()
                .toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("direction must be IN or OUT");
        var missing = admin.get()
                .uri("/api/adjudication/claims/{id}/x12-history", "no-such-claim")
                .retrieve()
                .toEntity(String.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        Map<String, Object> garbage = upload("this is not X12".getBytes(StandardCharsets.US_ASCII));
        assertThat(garbage.get("status")).isEqualTo("QUARANTINED");
    }

    private Map<String, Object> upload(byte[] file) {
        return admin.post()
                .uri("/api/adjudication/remittances/upload")
                .contentType(org.springframework.http.MediaType.parseMediaType("application/edi-x12"))
                .body(file)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    /**
     * The quarantine entries of the files that carry this claim's CLP (its patient control number in CLP01): its
     * own 835s, never another claim's, however alike their reasons read.
     */
    private List<Map<String, Object>> quarantineEntriesFor(ClaimSubmitted claim) {
        String clp = "CLP*" + claim.getPatientControlNumber() + "*";
        List<Map<String, Object>> files = admin.get()
                .uri("/api/adjudication/quarantine?limit=1000")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        if (files == null) {
            return List.of();
        }
        return files.stream()
                .filter(file -> {
                    byte[] raw = admin.get()
                            .uri("/api/adjudication/interchanges/{id}/raw", file.get("interchangeId"))
                            .retrieve()
                            .body(byte[].class);
                    return raw != null && new String(raw, StandardCharsets.US_ASCII).contains(clp);
                })
                .toList();
    }

    private List<String> quarantinedFor(ClaimSubmitted claim) {
        return quarantineEntriesFor(claim).stream()
                .map(f -> String.valueOf(f.get("reason")))
                .toList();
    }

    private long quarantineIdFor(ClaimSubmitted claim) {
        return quarantineEntriesFor(claim).stream()
                .map(f -> ((Number) f.get("id")).longValue())
                .min(Long::compare)
                .orElseThrow();
    }

    /** Waits until this claim's own 835 is quarantined; returns the reason. */
    private String awaitQuarantined(ClaimSubmitted claim, String what) throws InterruptedException {
        List<String> reasons = new ArrayList<>();
        await(
                () -> {
                    reasons.clear();
                    reasons.addAll(quarantinedFor(claim));
                    return !reasons.isEmpty();
                },
                what + " quarantined");
        return reasons.get(0);
    }

    private String status(String claimId) {
        return jdbc.sql("SELECT status FROM outbound_claim WHERE claim_id = ?")
                .param(claimId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** The sample claim with fresh ids and its own date of service (the simulator flags repeated lines). */
    private static ClaimSubmitted claim(String memberId) {
        ClaimSubmitted claim = Samples.load(ClaimSubmitted.class);
        String id = UUID.randomUUID().toString().substring(0, 8);
        claim.setEventId(UUID.randomUUID().toString());
        claim.setEncounterId("enc-" + id);
        claim.setClaimId("clm-" + id);
        claim.setPatientControlNumber("PCN" + id.toUpperCase());
        claim.getCoverage().getSubscriber().setMemberId(memberId);
        LocalDate dos = LocalDate.now().minusDays(10 + DAY.incrementAndGet());
        claim.getLines().forEach(l -> {
            l.getService().setDateOfService(dos);
            l.setLineItemControlNumber(claim.getClaimId() + "-" + l.getService().getLineNumber());
        });
        return claim;
    }

    private void publish(ClaimSubmitted claim) throws Exception {
        kafka.send(Topics.CLAIM_SUBMITTED, claim.getEncounterId(), claim).get(30, TimeUnit.SECONDS);
    }

    private static <T> T one(String topic, String key, Class<T> type) {
        List<ConsumerRecord<String, byte[]>> records =
                Records.awaitRecords(topic, 1, WAIT, new ByteArrayDeserializer(), r -> key.equals(r.key()));
        return type.cast(decode(topic, records.get(0).value()));
    }

    private static List<ConsumerRecord<String, byte[]>> all(String topic, String key) {
        try {
            return Records.awaitRecords(
                    topic,
                    Integer.MAX_VALUE,
                    Duration.ofSeconds(2),
                    new ByteArrayDeserializer(),
                    r -> key.equals(r.key()));
        } catch (AssertionError e) {
            String message = e.getMessage();
            int found = Integer.parseInt(
                    message.substring(message.lastIndexOf("found ") + 6).trim());
            return Records.awaitRecords(
                    topic, found, Duration.ofSeconds(10), new ByteArrayDeserializer(), r -> key.equals(r.key()));
        }
    }

    private static Object decode(String topic, byte[] value) {
        try (ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer()) {
            deserializer.configure(
                    Map.of("schema.registry.url", Infrastructure.get().schemaRegistryUrl()), false);
            return deserializer.deserialize(topic, value);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }
}
