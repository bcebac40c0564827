package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Events published to the real topics build the read model: the timeline of every event per encounter, each claim's
 * state and money, and KPIs whose figures the test computes on its own from the same events. The scenario lives in
 * January 1999 so that no other test's claims fall into its period.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadModelFlowTest {

    static final LocalDate D = LocalDate.of(1999, 1, 1);
    static final LocalDate TO = D.plusDays(29);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    final String e1 = "enc-" + UUID.randomUUID();
    final String e2 = "enc-" + UUID.randomUUID();
    final String e3 = "enc-" + UUID.randomUUID();
    final String e4 = "enc-" + UUID.randomUUID();
    final String c1 = "c1-" + UUID.randomUUID();
    final String c2 = "c2-" + UUID.randomUUID();
    final String c3 = "c3-" + UUID.randomUUID();
    final String c4 = "c4-" + UUID.randomUUID();
    final String c5 = "c5-" + UUID.randomUUID();

    final Map<String, EncounterDocumented> documented = new LinkedHashMap<>();
    final Map<String, ClaimSubmitted> submitted = new LinkedHashMap<>();
    final Map<String, ClaimDenied> denied = new LinkedHashMap<>();
    final Map<String, PaymentPosted> paid = new LinkedHashMap<>();
    int published;

    @BeforeAll
    void publishScenario() throws Exception {
        // E1: paid first time. P1.
        doc(e1, at(0, 0), D);
        send(Topics.ENCOUNTER_CODED, ConsoleEvents.coded(tenant, e1, at(0, 1), D, 1));
        sub(ConsoleEvents.submitted(tenant, e1, c1, at(1, 0), D, "210.00", null, "P1"));
        pay(ConsoleEvents.paid(tenant, e1, c1, at(11, 0), "210.00", "103.74", "25.00", "81.26", "P1"));
        // E2: denied for coding, recoded, corrected claim paid. P2.
        doc(e2, at(2, 0), D.plusDays(2));
        send(Topics.ENCOUNTER_CODED, ConsoleEvents.coded(tenant, e2, at(2, 1), D.plusDays(2), 1));
        sub(ConsoleEvents.submitted(tenant, e2, c2, at(3, 0), D.plusDays(2), "150.00", null, "P2"));
        deny(ConsoleEvents.denied(
                tenant, e2, c2, at(8, 0), "150.00", DenialStage.ADJUDICATED, DenialCategory.CODING, "11", "P2"));
        send(Topics.RECODE_REQUESTED, ConsoleEvents.recode(tenant, e2, c2, at(8, 1)));
        send(Topics.ENCOUNTER_CODED, ConsoleEvents.coded(tenant, e2, at(9, 0), D.plusDays(2), 2));
        sub(ConsoleEvents.submitted(tenant, e2, c3, at(9, 1), D.plusDays(2), "150.00", c2, "P2"));
        pay(ConsoleEvents.paid(tenant, e2, c3, at(22, 0), "150.00", "100.00", "20.00", "30.00", "P2"));
        // E3: rejected at the front end, still open. P1.
        doc(e3, at(4, 0), D.plusDays(4));
        sub(ConsoleEvents.submitted(tenant, e3, c4, at(4, 1), D.plusDays(4), "80.00", null, "P1"));
        deny(ConsoleEvents.denied(
                tenant,
                e3,
                c4,
                at(5, 0),
                "80.00",
                DenialStage.FRONT_END_REJECTION,
                DenialCategory.MISSING_INFORMATION,
                "16",
                "P1"));
        // E4: a late claim for a visit 120 days before the period, unanswered. P2.
        doc(e4, at(5, 0).minus(Duration.ofDays(120)), D.minusDays(120));
        sub(ConsoleEvents.submitted(tenant, e4, c5, at(5, 2), D.minusDays(120), "300.00", null, "P2"));
        // a redelivery changes nothing
        send(Topics.PAYMENT_POSTED, paid.get(c1));
        published--;
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.sql("SELECT count(*) FROM timeline_event WHERE tenant_id = :t")
                                .param("t", tenant)
                                .query(Integer.class)
                                .single()
                        == published);
        // the redelivery is behind the original in its partition: wait until the console has read it too
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> consumedToTheEnd(admin, Topics.PAYMENT_POSTED));
        }
    }

    private static boolean consumedToTheEnd(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("ops-console")
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        return ends.entrySet().stream()
                .allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset()
                                        >= e.getValue().offset()));
    }

    @Test
    void timelineHasEveryEventInOrderAndClaimsTheirStateAndMoney() throws Exception {
        List<String> kinds = jdbc.sql("SELECT kind FROM timeline_event WHERE encounter_id = :e ORDER BY occurred_at")
                .param("e", e2)
                .query(String.class)
                .list();
        assertThat(kinds)
                .containsExactly(
                        "DOCUMENTED",
                        "CODED",
                        "SUBMITTED",
                        "DENIED",
                        "RECODE_REQUESTED",
                        "CODED",
                        "SUBMITTED",
                        "PAYMENT_POSTED");
        Map<String, Object> original = claim(c2);
        assertThat(original)
                .containsEntry("state", "REPLACED")
                .containsEntry("denial_count", 1)
                .containsEntry("last_denial_category", "CODING")
                .containsEntry("last_denial_carcs", "CO-11");
        Map<String, Object> corrected = claim(c3);
        assertThat(corrected)
                .containsEntry("state", "PAID")
                .containsEntry("frequency", "REPLACEMENT")
                .containsEntry("replaced_claim_id", c2)
                .containsEntry("coding_version", 2);
        assertThat((BigDecimal) corrected.get("paid_amount")).isEqualByComparingTo("100.00");
        Map<String, Object> first = claim(c1);
        assertThat((BigDecimal) first.get("paid_amount"))
                .as("redelivered payment posted once")
                .isEqualByComparingTo("103.74");
        assertThat((BigDecimal) first.get("patient_responsibility")).isEqualByComparingTo("25.00");
        assertThat(claim(c4)).containsEntry("state", "REJECTED").containsEntry("front_end_rejected", true);
        assertThat(claim(c5)).containsEntry("state", "SUBMITTED");

        HttpResponse<String> page = get("/encounters/" + e2, "biller");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "Denied (ADJUDICATED, CODING)",
                        "CARC CO-11",
                        "Recode requested (attempt",
                        "Submitted REPLACEMENT claim " + c3,
                        "paid 100.00",
                        "copay 20.00");
        // each claim's X12 files are asked of the gateway when the page is shown, not kept in the read model
        assertThat(page.body()).contains("hx-get=\"/claims/" + c2 + "/x12\"", "hx-get=\"/claims/" + c3 + "/x12\"");
        HttpResponse<String> search = get("/encounters?q=" + c3.substring(0, 12), "coder");
        assertThat(search.body()).contains(e2);
        assertThat(get("/claims/" + c3, "auditor").statusCode()).isEqualTo(302);
        assertThat(get("/encounters/enc-unknown", "biller").statusCode()).isEqualTo(404);
    }

    @Test
    void kpisMatchFiguresComputedFromTheEvents() throws Exception {
        // Independently, from the events as published: which claims are originals, answered, denied, paid.
        List<String> originals = submitted.values().stream()
                .filter(s -> s.getReplacedClaimId() == null)
                .map(ClaimSubmitted::getClaimId)
                .toList();
        List<String> rejected = denied.values().stream()
                .filter(d -> d.getStage() == DenialStage.FRONT_END_REJECTION)
                .map(ClaimDenied::getClaimId)
                .toList();
        List<String> answeredOriginals = originals.stream()
                .filter(c -> denied.containsKey(c) || paid.containsKey(c))
                .toList();
        long deniedOriginals =
                answeredOriginals.stream().filter(denied::containsKey).count();
        long paidFirstTime = answeredOriginals.stream()
                .filter(c -> !denied.containsKey(c) && paid.containsKey(c))
                .count();
        List<String> replaced = submitted.values().stream()
                .map(ClaimSubmitted::getReplacedClaimId)
                .filter(java.util.Objects::nonNull)
                .toList();
        BigDecimal charges = submitted.values().stream()
                .map(ClaimSubmitted::getTotalCharge)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal openAr = BigDecimal.ZERO;
        BigDecimal over90 = BigDecimal.ZERO;
        BigDecimal collected = BigDecimal.ZERO;
        BigDecimal collectible = BigDecimal.ZERO;
        for (ClaimSubmitted s : submitted.values()) {
            if (replaced.contains(s.getClaimId())) {
                continue;
            }
            PaymentPosted p = paid.get(s.getClaimId());
            BigDecimal open = p == null
                    ? s.getTotalCharge()
                    : s.getTotalCharge()
                            .subtract(p.getPaidAmount())
                            .subtract(p.getContractualAdjustment())
                            .subtract(p.getPatientResponsibility().getTotal());
            openAr = openAr.add(open);
            if (s.getLines()
                    .get(0)
                    .getService()
                    .getDateOfService()
                    .isBefore(TO.plusDays(1).minusDays(90))) {
                over90 = over90.add(open);
            }
            if (p != null) {
                collected = collected.add(p.getPaidAmount());
                collectible = collectible.add(s.getTotalCharge()
                        .subtract(p.getContractualAdjustment())
                        .subtract(p.getPatientResponsibility().getTotal()));
            } else if (denied.containsKey(s.getClaimId())) {
                collectible = collectible.add(s.getTotalCharge());
            }
        }
        double meanDocumentedToPaidDays = paid.values().stream()
                .mapToDouble(p ->
                        Duration.between(documented.get(p.getEncounterId()).getOccurredAt(), p.getOccurredAt())
                                        .toHours()
                                / 24.0)
                .average()
                .orElseThrow();

        Map<String, String> csv =
                csv(get("/kpis.csv?from=" + D + "&to=" + TO, "biller").body());
        assertThat(csv.get("claims|")).isEqualTo(Integer.toString(submitted.size()));
        assertThat(csv.get("clean_claim_rate_pct|"))
                .isEqualTo(pct(originals.size() - rejected.size(), originals.size()));
        assertThat(csv.get("denial_rate_pct|")).isEqualTo(pct(deniedOriginals, answeredOriginals.size()));
        assertThat(csv.get("first_pass_resolution_pct|")).isEqualTo(pct(paidFirstTime, answeredOriginals.size()));
        assertThat(csv.get("denial_rate_pct|category=CODING")).isEqualTo(pct(1, answeredOriginals.size()));
        assertThat(csv.get("denial_rate_pct|category=MISSING_INFORMATION")).isEqualTo(pct(1, answeredOriginals.size()));
        assertThat(csv.get("denial_rate_pct|payer=P1")).isEqualTo(pct(1, 2));
        assertThat(csv.get("denial_rate_pct|payer=P2")).isEqualTo(pct(1, 1));
        assertThat(csv.get("denials|category|carc|payer=CODING|CO-11|P2")).isEqualTo("1");
        assertThat(csv.get("open_ar|")).isEqualTo(openAr.setScale(2).toPlainString());
        assertThat(csv.get("days_in_ar|"))
                .isEqualTo(openAr.multiply(BigDecimal.valueOf(30))
                        .divide(charges, 1, RoundingMode.HALF_UP)
                        .toPlainString());
        assertThat(csv.get("ar_over_90_days_pct|"))
                .isEqualTo(over90.multiply(BigDecimal.valueOf(100))
                        .divide(openAr, 1, RoundingMode.HALF_UP)
                        .toPlainString());
        assertThat(csv.get("net_collection_rate_pct|"))
                .isEqualTo(collected
                        .multiply(BigDecimal.valueOf(100))
                        .divide(collectible, 1, RoundingMode.HALF_UP)
                        .toPlainString());
        assertThat(csv.get("documented_to_paid_days|"))
                .isEqualTo(BigDecimal.valueOf(meanDocumentedToPaidDays)
                        .setScale(1, RoundingMode.HALF_UP)
                        .toPlainString());
        // and the figures as this scenario was designed, so a shared mistake in both computations shows too
        assertThat(csv.get("clean_claim_rate_pct|")).isEqualTo("75.0");
        assertThat(csv.get("open_ar|")).isEqualTo("380.00");
        assertThat(csv.get("net_collection_rate_pct|")).isEqualTo("71.8");

        HttpResponse<String> page = get("/kpis?from=" + D + "&to=" + TO, "auditor");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("75.0 %", "380.00", "daily-chart", "CODING|CO-11|P2");
    }

    @Test
    void aShorterRangeCountsItsOwnClaimsAndTheArAsItStoodAtItsEnd() throws Exception {
        LocalDate to = D.plusDays(3);
        Instant start = D.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        // Independently: the claims submitted in the range, and the A/R from the events that happened before its end.
        List<ClaimSubmitted> inRange = submitted.values().stream()
                .filter(s ->
                        !s.getOccurredAt().isBefore(start) && s.getOccurredAt().isBefore(end))
                .toList();
        List<String> originals = inRange.stream()
                .filter(s -> s.getReplacedClaimId() == null)
                .map(ClaimSubmitted::getClaimId)
                .toList();
        List<String> answered = originals.stream()
                .filter(c -> denied.containsKey(c) || paid.containsKey(c))
                .toList();
        BigDecimal openAr = BigDecimal.ZERO.setScale(2);
        BigDecimal over90 = BigDecimal.ZERO.setScale(2);
        for (ClaimSubmitted s : submitted.values()) {
            boolean replacedBeforeEnd = submitted.values().stream()
                    .anyMatch(r -> s.getClaimId().equals(r.getReplacedClaimId())
                            && r.getOccurredAt().isBefore(end));
            if (!s.getOccurredAt().isBefore(end) || replacedBeforeEnd) {
                continue;
            }
            PaymentPosted p = paid.get(s.getClaimId());
            BigDecimal open = p == null || !p.getOccurredAt().isBefore(end)
                    ? s.getTotalCharge()
                    : s.getTotalCharge()
                            .subtract(p.getPaidAmount())
                            .subtract(p.getContractualAdjustment())
                            .subtract(p.getPatientResponsibility().getTotal())
                            .max(BigDecimal.ZERO);
            openAr = openAr.add(open);
            if (s.getLines()
                    .get(0)
                    .getService()
                    .getDateOfService()
                    .isBefore(to.plusDays(1).minusDays(90))) {
                over90 = over90.add(open);
            }
        }
        BigDecimal charges =
                inRange.stream().map(ClaimSubmitted::getTotalCharge).reduce(BigDecimal.ZERO, BigDecimal::add);

        Map<String, String> csv =
                csv(get("/kpis.csv?from=" + D + "&to=" + to, "biller").body());
        assertThat(csv.get("claims|")).isEqualTo(Integer.toString(inRange.size()));
        assertThat(csv.get("clean_claim_rate_pct|"))
                .isEqualTo(pct(
                        originals.stream()
                                .filter(c -> denied.get(c) == null
                                        || denied.get(c).getStage() != DenialStage.FRONT_END_REJECTION)
                                .count(),
                        originals.size()));
        assertThat(csv.get("denial_rate_pct|"))
                .isEqualTo(pct(answered.stream().filter(denied::containsKey).count(), answered.size()));
        assertThat(csv.get("open_ar|")).isEqualTo(openAr.toPlainString());
        assertThat(csv.get("days_in_ar|"))
                .isEqualTo(openAr.multiply(BigDecimal.valueOf(4))
                        .divide(charges, 1, RoundingMode.HALF_UP)
                        .toPlainString());
        assertThat(csv.get("ar_over_90_days_pct|"))
                .isEqualTo(over90.multiply(BigDecimal.valueOf(100))
                        .divide(openAr, 1, RoundingMode.HALF_UP)
                        .toPlainString());
        assertThat(csv.get("documented_to_paid_days|"))
                .as("nothing of the range was paid before its end")
                .isEmpty();
        // as designed: c1 and c2 only, neither paid nor replaced by the end of day 3
        assertThat(csv.get("claims|")).isEqualTo("2");
        assertThat(csv.get("clean_claim_rate_pct|")).isEqualTo("100.0");
        assertThat(csv.get("denial_rate_pct|")).isEqualTo("50.0");
        assertThat(csv.get("open_ar|")).isEqualTo("360.00");
        assertThat(csv.get("days_in_ar|")).isEqualTo("4.0");
        // every line of the CSV names the range
        assertThat(get("/kpis.csv?from=" + D + "&to=" + to, "biller")
                        .body()
                        .lines()
                        .skip(1))
                .allMatch(line -> line.endsWith("," + D + "," + to));
        HttpResponse<String> page = get("/kpis?from=" + D + "&to=" + to, "biller");
        assertThat(page.body())
                .contains(
                        "value=\"" + D + "\"",
                        "value=\"" + to + "\"",
                        "360.00",
                        "/kpis.csv?from=" + D + "&amp;to=" + to);
        assertThat(get("/kpis.csv?from=" + to + "&to=" + D, "biller").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aClaimBeforeThePeriodIsNotOneOfItsClaimsButItsOpenBalanceIsInTheArAtTheEnd() throws Exception {
        // D+2 to D+5: c2, c4 and c5 were submitted in it; c1 (day 1) before it, still unpaid at its end (paid day 11);
        // c2 was replaced on day 9, after it
        LocalDate from = D.plusDays(2);
        LocalDate to = D.plusDays(5);
        Map<String, String> csv =
                csv(get("/kpis.csv?from=" + from + "&to=" + to, "biller").body());
        assertThat(csv.get("claims|")).as("c2, c4, c5").isEqualTo("3");
        assertThat(csv.get("clean_claim_rate_pct|")).as("c4 rejected").isEqualTo(pct(2, 3));
        // open at the end: c1 210 + c2 150 + c4 80 + c5 300; charges of the period 150 + 80 + 300 over 4 days
        assertThat(csv.get("open_ar|")).isEqualTo("740.00");
        assertThat(csv.get("days_in_ar|")).isEqualTo("5.6");
        assertThat(csv.get("ar_over_90_days_pct|"))
                .as("c5, a visit 120 days before")
                .isEqualTo("40.5");
        // the day after c1's payment, c1 is no longer in the A/R and still not a claim of the period
        Map<String, String> later = csv(get("/kpis.csv?from=" + D.plusDays(12) + "&to=" + D.plusDays(12), "biller")
                .body());
        assertThat(later.get("claims|")).isEqualTo("0");
        // c1 paid (103.74 + 25.00 + 81.26 = 210), c2 replaced by c3 (open until day 22), c4 80, c5 300
        assertThat(later.get("open_ar|")).isEqualTo("530.00");
    }

    private Map<String, Object> claim(String claimId) {
        return jdbc.sql("SELECT * FROM claim WHERE claim_id = :c")
                .param("c", claimId)
                .query()
                .singleRow();
    }

    private Instant at(int day, int hour) {
        return D.plusDays(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private void doc(String encounter, Instant at, LocalDate dos) throws Exception {
        EncounterDocumented e = ConsoleEvents.documented(tenant, encounter, at, dos);
        documented.put(encounter, e);
        send(Topics.ENCOUNTER_DOCUMENTED, e);
    }

    private void sub(ClaimSubmitted e) throws Exception {
        submitted.put(e.getClaimId(), e);
        send(Topics.CLAIM_SUBMITTED, e);
    }

    private void deny(ClaimDenied e) throws Exception {
        denied.put(e.getClaimId(), e);
        send(Topics.CLAIM_DENIED, e);
    }

    private void pay(PaymentPosted e) throws Exception {
        paid.put(e.getClaimId(), e);
        send(Topics.PAYMENT_POSTED, e);
    }

    private void send(String topic, SpecificRecordBase event) throws Exception {
        kafka.send(topic, (String) event.get("encounterId").toString(), event).get();
        published++;
    }

    private static String pct(long part, long whole) {
        return BigDecimal.valueOf(part * 100)
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /** kpi|segment to value. */
    private static Map<String, String> csv(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : body.split("\r\n")) {
            if (line.startsWith("kpi,")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            values.put(cells[0] + "|" + cells[1], cells[2]);
        }
        return values;
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
