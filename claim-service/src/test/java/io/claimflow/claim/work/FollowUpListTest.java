package io.claimflow.claim.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.PageRequest;
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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The follow-up and timely-filing list computed by real PostgreSQL: a claim is on it however many others are (the
 * list read the oldest 5,000 claims waiting for the payer and the 5,000 earliest unsent ones, so any claim past them
 * was never shown); each payer's follow-up and filing days decide what is on it; follow-up notes put claims off; past
 * deadlines first, then the nearest, then the longest waiting; paged with an exact total; filtered by reason and
 * payer; which of some claims are on it now. Claims of payers of their own, removed afterwards.
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

    @Autowired
    ClaimQueries queries;

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
        jdbc.sql("DELETE FROM claim WHERE payer_id LIKE ?").param(PAYER + "%").update();
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

        Map<String, Object> first = get("/work-lists/follow-up?payerId=" + PAYER + "&size=500");
        assertThat(first.get("total")).isEqualTo(10_004);
        assertThat(first.get("totalAtLeast")).isEqualTo(false);
        // the last page (items 10,000 to 10,003): the two nearest deadlines come last, the unsent claim's first
        Map<String, Object> last = get("/work-lists/follow-up?payerId=" + PAYER + "&size=500&page=20");
        assertThat(ids(items(last))).hasSize(4).endsWith(unsent, waiting);
        assertThat(items(last).get(2))
                .containsEntry("reason", "TIMELY_FILING_DEADLINE_NEAR")
                .containsEntry("daysLeft", 15)
                .containsEntry("timelyFilingDeadline", TODAY.plusDays(15).toString());
        assertThat(items(last).get(3))
                .containsEntry("reason", "NO_PAYER_RESPONSE")
                .containsEntry("daysWaiting", 60);
        assertThat(ids(ofClaims(List.of(waiting, unsent, PAYER + "-s-1", "clm-nowhere"))))
                .containsExactly(PAYER + "-s-1", unsent, waiting);
        assertThat(items(get("/work-lists/follow-up?payerId=" + PAYER + "&size=500&page=21")))
                .isEmpty();
        assertThat(get("/work-lists/follow-up?payerId=" + PAYER + "&size=500&page=21")
                        .get("total"))
                .isEqualTo(10_004);
    }

    @Test
    void eachPayersDaysDecideWhatIsOnTheListInTheOrderOfItsDeadlines() {
        String payer = PAYER + "P";
        String other = PAYER + "Q";
        // payer: follow up after 10 days, file within 90; other payers: the defaults (30 and 365)
        ClaimPolicy policy = new ClaimPolicy(
                null, 365, Map.of(payer, 90, "ELSEWHERE", 20), 30, Map.of(payer, 10, "ELSEWHERE", 5), 30);
        String sentTwelveDaysAgo = payer + "-a";
        insertClaim(sentTwelveDaysAgo, "SUBMITTED", TODAY.minusDays(20), TODAY.minusDays(12), payer);
        String sentEightDaysAgo = payer + "-b";
        insertClaim(sentEightDaysAgo, "SUBMITTED", TODAY.minusDays(20), TODAY.minusDays(8), payer);
        String otherTwelveDays = other + "-a";
        insertClaim(otherTwelveDays, "SUBMITTED", TODAY.minusDays(20), TODAY.minusDays(12), other);
        String otherForty = other + "-b";
        insertClaim(otherForty, "ACKNOWLEDGED", TODAY.minusDays(45), TODAY.minusDays(40), other);
        String putOff = other + "-c";
        insertClaim(putOff, "APPEALED", TODAY.minusDays(45), TODAY.minusDays(40), other);
        note(putOff, TODAY.minusDays(1)); // the last note puts it off to a later day
        note(putOff, TODAY.plusDays(5));
        String noLongerPutOff = other + "-d";
        insertClaim(noLongerPutOff, "SUBMITTED", TODAY.minusDays(45), TODAY.minusDays(40), other);
        note(noLongerPutOff, TODAY.plusDays(30));
        note(noLongerPutOff, TODAY);
        // not sent: the payer's 90 days passed 10 days ago; 70 of them gone (20 left, within the warning); 40 gone
        String passed = payer + "-h1";
        insertClaim(passed, "HELD", TODAY.minusDays(100), null, payer);
        String near = payer + "-r1";
        insertClaim(near, "REJECTED", TODAY.minusDays(70), null, payer);
        String early = payer + "-c1";
        insertClaim(early, "CREATED", TODAY.minusDays(40), null, payer);
        String otherNotNear = other + "-h1";
        insertClaim(otherNotNear, "HELD", TODAY.minusDays(100), null, other);
        String paid = payer + "-paid";
        insertClaim(paid, "PAID", TODAY.minusDays(400), TODAY.minusDays(390), payer);
        String replaced = payer + "-old";
        insertClaim(replaced, "SUBMITTED", TODAY.minusDays(400), TODAY.minusDays(390), payer);
        jdbc.sql("UPDATE claim SET is_current = false WHERE claim_id = ?")
                .param(replaced)
                .update();

        Page<FollowUpItem> payers = queries.followUp(search(null, null, payer, 0, 50), policy);
        assertThat(payers.items())
                .extracting(i -> i.claim().claimId())
                .containsExactly(passed, near, sentTwelveDaysAgo);
        assertThat(payers.total()).isEqualTo(3);
        assertThat(payers.items())
                .extracting(FollowUpItem::reason)
                .containsExactly(
                        FollowUpItem.Reason.TIMELY_FILING_DEADLINE_PASSED,
                        FollowUpItem.Reason.TIMELY_FILING_DEADLINE_NEAR,
                        FollowUpItem.Reason.NO_PAYER_RESPONSE);
        assertThat(payers.items())
                .extracting(FollowUpItem::timelyFilingDeadline, FollowUpItem::daysLeft, FollowUpItem::daysWaiting)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TODAY.minusDays(10), -10L, 100L),
                        org.assertj.core.groups.Tuple.tuple(TODAY.plusDays(20), 20L, 70L),
                        org.assertj.core.groups.Tuple.tuple(TODAY.plusDays(70), 70L, 12L));

        // the other payer's defaults: 30 days without an answer; the deadline 365 days after the date of service.
        // Same deadline: the longest waiting first, then the claim id
        Page<FollowUpItem> others = queries.followUp(search(null, null, other, 0, 50), policy);
        assertThat(others.items()).extracting(i -> i.claim().claimId()).containsExactly(otherForty, noLongerPutOff);
        // everyone's follow-up days set to 0: every claim waiting for the payer that is not put off
        assertThat(queries.followUp(search(0, FollowUpItem.Reason.NO_PAYER_RESPONSE, other, 0, 50), policy)
                        .items())
                .extracting(i -> i.claim().claimId())
                .containsExactly(otherForty, noLongerPutOff, otherTwelveDays);
        // paged: one item a page, the total on every page
        Page<FollowUpItem> second = queries.followUp(search(null, null, payer, 1, 1), policy);
        assertThat(second.items()).extracting(i -> i.claim().claimId()).containsExactly(near);
        assertThat(second.total()).isEqualTo(3);
        assertThat(queries.followUp(
                                search(null, FollowUpItem.Reason.TIMELY_FILING_DEADLINE_PASSED, payer, 0, 50), policy)
                        .items())
                .extracting(i -> i.claim().claimId())
                .containsExactly(passed);
        // which of some claims are on the list now
        assertThat(queries.followUp(
                                new FollowUpSearch(
                                        TODAY,
                                        null,
                                        null,
                                        null,
                                        List.of(putOff, noLongerPutOff, sentEightDaysAgo, near, paid, replaced),
                                        new PageRequest(null, 0, 6)),
                                policy)
                        .items())
                .extracting(i -> i.claim().claimId())
                .containsExactly(near, noLongerPutOff);
        // a policy without payers of its own: everyone's the defaults (30 and 365 days)
        assertThat(queries.followUp(search(null, null, payer, 0, 50), ClaimPolicy.defaults())
                        .items())
                .isEmpty();
        assertThat(queries.followUp(search(10, null, payer, 0, 50), ClaimPolicy.defaults())
                        .items())
                .extracting(i -> i.claim().claimId())
                .containsExactly(sentTwelveDaysAgo);
    }

    @Test
    void badCriteriaAre400s() {
        for (String query : List.of(
                "/work-lists/follow-up?reason=LATE",
                "/work-lists/follow-up?size=501",
                "/work-lists/follow-up?page=-1",
                "/work-lists/follow-up?olderThanDays=-1",
                "/work-lists/follow-up?payerId=x'--")) {
            HttpStatusCode status = http.get().uri(query).exchange((request, response) -> response.getStatusCode());
            assertThat(status.value()).as(query).isEqualTo(400);
        }
        List<String> tooMany = java.util.stream.IntStream.range(0, 501)
                .mapToObj(i -> "clm-" + i)
                .toList();
        for (Object body : List.of(Map.of("claimIds", tooMany), Map.of("claimIds", List.of("clm 'x")), Map.of())) {
            HttpStatusCode status = http.post()
                    .uri("/work-lists/follow-up/of-claims")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode());
            assertThat(status.value()).isEqualTo(400);
        }
    }

    private static FollowUpSearch search(
            Integer olderThanDays, FollowUpItem.Reason reason, String payer, int page, int size) {
        return new FollowUpSearch(TODAY, olderThanDays, reason, payer, null, new PageRequest(null, page, size));
    }

    private Map<String, Object> get(String path) {
        return http.get().uri(path).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private List<Map<String, Object>> ofClaims(List<String> claimIds) {
        return http.post()
                .uri("/work-lists/follow-up/of-claims")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("claimIds", claimIds))
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream()
                .map(i -> String.valueOf(((Map<?, ?>) i.get("claim")).get("claimId")))
                .toList();
    }

    private void note(String claimId, LocalDate nextFollowUp) {
        jdbc.sql("INSERT INTO claim_follow_up (claim_id, note, next_follow_up, created_by, created_at)"
                        + " VALUES (?, 'called the payer', ?, 'biller', now())")
                .params(claimId, nextFollowUp)
                .update();
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
        insertClaim(claim, status, dateOfService, submitted, PAYER);
    }

    private void insertClaim(String claim, String status, LocalDate dateOfService, LocalDate submitted, String payer) {
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
                        payer,
                        "key-" + claim,
                        "evt-" + claim,
                        now,
                        submitted == null ? null : submitted.atTime(10, 0).atOffset(ZoneOffset.UTC),
                        now)
                .update();
    }
}
