package io.claimflow.claim.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The follow-up and timely-filing list against real PostgreSQL: a claim is on it however many others are (the list
 * read the oldest 5,000 claims waiting for the payer and the 5,000 earliest unsent ones, so any claim past them was
 * never shown).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpListTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PAYER = "FUL" + RUN;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    @BeforeAll
    void client() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("biller:demo-biller".getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @AfterAll
    void removeClaims() {
        jdbc.sql("DELETE FROM claim_follow_up WHERE claim_id LIKE ?")
                .param(PAYER + "%")
                .update();
        jdbc.sql("DELETE FROM claim WHERE payer_id = ?").param(PAYER).update();
    }

    @Test
    void aClaimWaitingForThePayerIsOnTheListHoweverManyWaitLonger() {
        // 5,001 claims waiting for the payer for three years, and 5,001 unsent ones past their filing deadline
        bulk("s", "SUBMITTED", 5001, TODAY.minusYears(3), TODAY.minusYears(3));
        bulk("h", "HELD", 5001, TODAY.minusYears(3), null);
        String waiting = PAYER + "-waiting";
        insertClaim(waiting, "SUBMITTED", TODAY.minusDays(70), TODAY.minusDays(60));
        String unsent = PAYER + "-unsent";
        insertClaim(unsent, "HELD", TODAY.minusDays(350), null);

        List<Map<String, Object>> items = http.get()
                .uri("/work-lists/follow-up")
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
        assertThat(items)
                .extracting(i -> String.valueOf(((Map<?, ?>) i.get("claim")).get("claimId")))
                .contains(waiting, unsent);
    }

    private void bulk(String prefix, String status, int count, LocalDate dateOfService, LocalDate submitted) {
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, coding_version, frequency, status, is_current,
                    patient_control_number, date_of_service, place_of_service, patient_mrn, payer_id, payer_name,
                    billing_has_address, total_charge, service_key, source_event_id, encounter_snapshot, created_at,
                    submitted_at, updated_at)
                SELECT :payer || '-' || :prefix || '-' || i, 'enc-' || :payer || :prefix || i, 't-ful', 1, 'ORIGINAL',
                    :status, true, :run || :prefix || i, :dos, '11', 'MRN-FUL', :payer, 'Follow-Up Payer', true, 100,
                    'key-' || :payer || :prefix || i, 'evt-' || :payer || :prefix || i, '{}', now(),
                    CAST(:submitted AS date) + time '10:00', now()
                FROM generate_series(1, :count) AS i
                """)
                .param("payer", PAYER)
                .param("run", RUN)
                .param("prefix", prefix)
                .param("status", status)
                .param("dos", dateOfService)
                .param("submitted", submitted)
                .param("count", count)
                .update();
    }

    private void insertClaim(String claim, String status, LocalDate dateOfService, LocalDate submitted) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, coding_version, frequency, status, is_current,
                    patient_control_number, date_of_service, place_of_service, patient_mrn, payer_id, payer_name,
                    billing_has_address, total_charge, service_key, source_event_id, encounter_snapshot, created_at,
                    submitted_at, updated_at)
                VALUES (?, ?, 't-ful', 1, 'ORIGINAL', ?, true, ?, ?, '11', 'MRN-FUL', ?, 'Follow-Up Payer', true, 100,
                    ?, ?, '{}', ?, ?, ?)
                """)
                .params(
                        claim,
                        "enc-" + claim,
                        status,
                        claim.substring(Math.max(0, claim.length() - 12)),
                        dateOfService,
                        PAYER,
                        "key-" + claim,
                        "evt-" + claim,
                        now,
                        submitted == null ? null : submitted.atTime(10, 0).atOffset(ZoneOffset.UTC),
                        now)
                .update();
    }
}
