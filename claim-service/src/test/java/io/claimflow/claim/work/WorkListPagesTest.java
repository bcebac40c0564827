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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The held and denial work lists as pages the database filters, sorts and counts (the console read the oldest 500
 * and filtered them itself): filters by rule, payer, age, queue, category and CARC, a sort, the total of the whole
 * match, and the count of held claims per rule. Claims of a payer of its own, so other tests' claims do not count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkListPagesTest {

    private static final ParameterizedTypeReference<Map<String, Object>> PAGE = new ParameterizedTypeReference<>() {};
    private static final String PAYER = "WLP" + UUID.randomUUID().toString().substring(0, 8);
    private static final String RULE = "WLP_RULE_" + PAYER;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    @BeforeAll
    void claims() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("biller:demo-biller".getBytes(StandardCharsets.UTF_8)))
                .build();
        // 30 held claims: every third held by RULE (and all by SELF_PAY); dates of service 0..29 days back
        for (int i = 0; i < 30; i++) {
            String claim = PAYER + "-h" + i;
            insertClaim(claim, "HELD", TODAY.minusDays(i), 100 + i);
            finding(claim, "SELF_PAY");
            if (i % 3 == 0) {
                finding(claim, RULE);
            }
        }
        // 12 denied claims with work: CO-16 M119 on even ones, CO-27 on odd ones; two on the APPEAL queue
        for (int i = 0; i < 12; i++) {
            String claim = PAYER + "-d" + i;
            insertClaim(claim, "DENIED", TODAY.minusDays(40 + i), 200 + i);
            jdbc.sql("INSERT INTO work_item (claim_id, queue, category, reasons, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(
                            claim,
                            i < 2 ? "APPEAL" : "DENIAL",
                            i % 2 == 0 ? "MISSING_INFORMATION" : "ELIGIBILITY",
                            i % 2 == 0 ? "CO-16 M119: NDC missing" : "CO-27: coverage ended",
                            OffsetDateTime.now(ZoneOffset.UTC).minusHours(i))
                    .update();
        }
    }

    @Test
    void heldClaimsAreFilteredSortedPagedAndCountedByTheDatabase() {
        Map<String, Object> page = get("/work-lists/held/search?payerId=" + PAYER + "&size=4&page=1&sort=-charge");
        assertThat(page.get("total")).isEqualTo(30);
        List<Map<String, Object>> items = items(page);
        assertThat(items)
                .extracting(i -> String.valueOf(((Map<?, ?>) i.get("claim")).get("claimId")))
                .containsExactly(PAYER + "-h25", PAYER + "-h24", PAYER + "-h23", PAYER + "-h22");
        assertThat(items.get(0).get("reasons")).asList().hasSize(1);

        Map<String, Object> byRule = get("/work-lists/held/search?payerId=" + PAYER + "&rule=" + RULE + "&serviceTo="
                + TODAY.minusDays(10) + "&sort=dateOfService&size=50");
        // held by RULE: days 0, 3, ..., 27; 10 days old or older: 12, 15, ..., 27
        assertThat(byRule.get("total")).isEqualTo(6);
        assertThat(items(byRule))
                .extracting(i -> String.valueOf(((Map<?, ?>) i.get("claim")).get("claimId")))
                .first()
                .isEqualTo(PAYER + "-h27");
        assertThat(items(byRule).get(0).get("reasons")).asList().hasSize(2);

        List<Map<String, Object>> rules =
                http.get().uri("/work-lists/held/rules").retrieve().body(new ParameterizedTypeReference<>() {});
        assertThat(rules).contains(Map.of("ruleId", RULE, "claims", 10));
    }

    @Test
    void denialWorkIsFilteredByQueueCategoryCarcAndPayerAndCounted() {
        assertThat(get("/work-lists/denials/search?payerId=" + PAYER).get("total"))
                .isEqualTo(12);
        assertThat(get("/work-lists/denials/search?payerId=" + PAYER + "&queue=DENIAL")
                        .get("total"))
                .isEqualTo(10);
        assertThat(get("/work-lists/denials/search?payerId=" + PAYER + "&carc=16")
                        .get("total"))
                .isEqualTo(6);
        assertThat(get("/work-lists/denials/search?payerId=" + PAYER + "&carc=CO-27&queue=DENIAL")
                        .get("total"))
                .isEqualTo(5);
        assertThat(get("/work-lists/denials/search?payerId=" + PAYER + "&carc=1")
                        .get("total"))
                .isEqualTo(0);
        Map<String, Object> page =
                get("/work-lists/denials/search?payerId=" + PAYER + "&category=ELIGIBILITY&sort=dateOfService&size=2");
        assertThat(page.get("total")).isEqualTo(6);
        assertThat(items(page))
                .extracting(i -> String.valueOf(i.get("claimId")))
                .containsExactly(PAYER + "-d11", PAYER + "-d9");
    }

    @Test
    void claimsAreFoundByTheStartOfTheirNumberAndSorted() {
        Map<String, Object> page = get("/claims?claimIdPrefix=" + PAYER + "-h1&sort=-charge&size=3");
        // h1 and h10..h19
        assertThat(page.get("total")).isEqualTo(11);
        assertThat(items(page))
                .extracting(i -> String.valueOf(i.get("claimId")))
                .containsExactly(PAYER + "-h19", PAYER + "-h18", PAYER + "-h17");
        assertThat(get("/claims?claimIdPrefix=" + PAYER + "-h1_&size=3").get("total"))
                .isEqualTo(0);
        // the next page after its last claim, as the console's next link asks; the previous before its first
        Map<String, Object> next =
                get("/claims?claimIdPrefix=" + PAYER + "-h1&sort=-charge&size=3&page=1&after=" + PAYER + "-h17");
        assertThat(items(next))
                .extracting(i -> String.valueOf(i.get("claimId")))
                .containsExactly(PAYER + "-h16", PAYER + "-h15", PAYER + "-h14");
        assertThat(next.get("total")).isEqualTo(11);
        Map<String, Object> back =
                get("/claims?claimIdPrefix=" + PAYER + "-h1&sort=-charge&size=3&page=0&before=" + PAYER + "-h16");
        assertThat(items(back)).isEqualTo(items(page));
    }

    @Test
    void badCriteriaAre400s() {
        for (String query : List.of(
                "/work-lists/denials/search?queue=NOPE",
                "/work-lists/denials/search?carc=x'--",
                "/work-lists/held/search?sort=claim_id;drop",
                "/work-lists/held/search?size=501",
                "/claims?sort=status",
                "/claims?after=" + PAYER + "-no-such-claim",
                "/claims?after=x'--",
                "/claims?after=" + PAYER + "-h1&before=" + PAYER + "-h2")) {
            HttpStatusCode status = http.get().uri(query).exchange((request, response) -> response.getStatusCode());
            assertThat(status.value()).as(query).isEqualTo(400);
        }
    }

    private Map<String, Object> get(String path) {
        return http.get().uri(path).retrieve().body(PAGE);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private void insertClaim(String claim, String status, LocalDate dateOfService, int charge) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, coding_version, frequency, status, is_current,
                    patient_control_number, date_of_service, place_of_service, patient_mrn, payer_id, payer_name,
                    billing_has_address, total_charge, service_key, source_event_id, encounter_snapshot, created_at,
                    updated_at)
                VALUES (?, ?, 't-wlp', 1, 'ORIGINAL', ?, true, ?, ?, '11', 'MRN-WLP', ?, 'Work List Payer', true, ?,
                    ?, ?, '{}', ?, ?)
                """)
                .params(
                        claim,
                        "enc-" + claim,
                        status,
                        claim.substring(claim.length() - 12),
                        dateOfService,
                        PAYER,
                        charge,
                        "key-" + claim,
                        "evt-" + claim,
                        now,
                        now)
                .update();
    }

    private void finding(String claim, String rule) {
        jdbc.sql("INSERT INTO claim_scrub_finding (claim_id, rule_id, message, found_at) VALUES (?, ?, ?, now())")
                .params(claim, rule, rule + " holds it")
                .update();
    }
}
