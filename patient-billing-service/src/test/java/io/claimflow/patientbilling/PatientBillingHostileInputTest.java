package io.claimflow.patientbilling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.JsonFuzz;
import io.claimflow.testsupport.RestCalls;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wrong types, out-of-range dates and hostile strings to patient-billing's REST API (issue 19, items 8 and 9): a 400
 * problem detail in the platform's style that never quotes the value, and nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
class PatientBillingHostileInputTest {

    static final String MARKER = "Zq7Marker";

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    String tenant;

    @BeforeEach
    void tenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    RestCalls patientAccounts() {
        return RestCalls.on(port, "patient-accounts", "demo-patient-accounts")
                .header("Idempotency-Key", () -> "k-" + UUID.randomUUID());
    }

    ResponseEntity<String> callRaw(HttpMethod method, String path, String body) {
        return patientAccounts().raw(method, path, body);
    }

    ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, String body) {
        return patientAccounts().json(method, path, body);
    }

    static void assertRefusedWithoutEcho(ResponseEntity<Map<String, Object>> response) {
        RestCalls.assertProblemWithoutEcho(response, 400, MARKER, "0001", "1900", "Exception");
    }

    long accountWithBalance() throws Exception {
        String encounter = "enc-" + UUID.randomUUID();
        String claimId = "clm-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.CLAIM_SUBMITTED, encounter, BillingEvents.claimSubmitted(tenant, claimId, encounter, "MRN-H"))
                .get(30, TimeUnit.SECONDS);
        long account = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.sql("SELECT account_id FROM claim " + "WHERE tenant_id = ? AND claim_id = ?")
                                .params(tenant, claimId)
                                .query(Long.class)
                                .optional()
                                .orElse(null),
                        id -> id != null);
        kafka.send(Topics.PAYMENT_POSTED, encounter, BillingEvents.primary(tenant, claimId, encounter, "EFT-H"))
                .get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> jdbc.sql("SELECT count(*) FROM journal_entry " + "WHERE account_id = ?")
                                .param(account)
                                .query(Long.class)
                                .single(),
                        n -> n >= 1);
        return account;
    }

    @Test
    void fractionsWhereWholeNumbersBelongAreRefusedNotCut() throws Exception {
        long account = accountWithBalance();
        LocalDate nextMonth = LocalDate.now().plusMonths(1);

        assertRefusedWithoutEcho(call(
                HttpMethod.POST,
                "/patient-accounts/" + account + "/payment-plans",
                "{\"installments\":2.5,\"firstDueDate\":\"" + nextMonth + "\"}"));
        assertRefusedWithoutEcho(call(
                HttpMethod.POST,
                "/patient-accounts/" + account + "/payment-plans",
                "{\"installments\":3,\"firstDueDate\":\"+99999-01-01\"}"));
        assertThat(jdbc.sql("SELECT count(*) FROM payment_plan WHERE account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void datesOutOfBoundsAndHostileStringsAreRefused() throws Exception {
        long account = accountWithBalance();

        assertRefusedWithoutEcho(call(
                HttpMethod.POST,
                "/patient-accounts/" + account + "/payments",
                "{\"amount\":10.00,\"method\":\"CASH\",\"receivedOn\":\"1900-01-01\"}"));
        assertRefusedWithoutEcho(call(
                HttpMethod.POST,
                "/patient-accounts/" + account + "/payments",
                "{\"amount\":10.00,\"method\":\"CASH\",\"claimId\":\"" + MARKER + "-not-here\"}"));
        assertRefusedWithoutEcho(call(
                HttpMethod.POST,
                "/patient-accounts/" + account + "/payments",
                "{\"amount\":10.00,\"method\":\"" + MARKER + "\"}"));
        assertRefusedWithoutEcho(
                call(HttpMethod.POST, "/statement-runs", "{\"tenantId\":\"" + tenant + "\",\"asOf\":\"0001-01-01\"}"));
        assertRefusedWithoutEcho(
                call(HttpMethod.POST, "/statement-runs", "{\"tenantId\":\"" + MARKER + "x".repeat(10_004) + "\"}"));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/patient-accounts?tenantId=" + MARKER + "%3Cscript%3E", null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/patient-accounts/" + MARKER, null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/statements?accountId=" + MARKER, null));
        assertRefusedWithoutEcho(call(HttpMethod.GET, "/reports/aging?tenantId=" + tenant + "&asOf=" + MARKER, null));
        assertThat(jdbc.sql("SELECT count(*) FROM patient_payment WHERE account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * REST fuzzing (issue 19): hostile JSON bodies ({@link JsonFuzz}) to every POST, PUT and PATCH endpoint never get
     * a 5xx, and a refusal never quotes what was sent. Bounded here; longer: {@code -Dclaimflow.fuzz.iterations=5000}.
     */
    @Test
    void fuzzedBodiesNeverGet5xxNorAnEcho() {
        Map<String, List<String>> endpoints = Map.of(
                "POST /patient-accounts/1/payments", List.of("amount", "method", "reference", "receivedOn", "claimId"),
                "POST /patient-accounts/1/payment-plans", List.of("installments", "firstDueDate"),
                "POST /statement-runs", List.of("tenantId", "asOf"));
        endpoints.forEach((endpoint, fields) -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            List<String> bodies = JsonFuzz.bodies(JsonFuzz.seed() + endpoint.hashCode(), JsonFuzz.iterations(), fields);
            for (String body : bodies) {
                ResponseEntity<String> response = callRaw(HttpMethod.valueOf(method), path, body);
                assertThat(response.getStatusCode().value())
                        .as(endpoint + " " + body)
                        .isLessThan(500);
                if (response.getStatusCode().is4xxClientError()) {
                    assertThat(String.valueOf(response.getBody()).replaceAll("\"instance\":\"[^\"]*\"", ""))
                            .as(endpoint + " " + body)
                            .doesNotContain(JsonFuzz.MARKER);
                }
            }
        });
    }
}
