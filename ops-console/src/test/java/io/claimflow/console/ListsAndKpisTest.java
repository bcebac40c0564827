package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.console.readmodel.ArAsOf;
import io.claimflow.console.readmodel.EncounterQuery;
import io.claimflow.console.readmodel.EncounterRow;
import io.claimflow.console.readmodel.ListPage;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.readmodel.WorkBacklog;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read model's lists and sums (issue 21 item 1, issue 17 item 5): encounters in every state (documented and not
 * coded, coded without a claim, claimed, paid) found by state, id prefix, practice and date of service, paged with a
 * total; the work stuck before a claim of a period's encounters; the A/R as it stood at a moment, summed by the
 * database (replaced and voided claims out, payments after the moment not counted) against figures worked out here.
 * Rows of a practice of its own in 1989, so other tests' rows do not count.
 */
@SpringBootTest
@ClaimFlowInfrastructure(database = "claimflow_console")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListsAndKpisTest {

    private static final String TENANT = "lk-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ReadModel readModel;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void rows() {
        encounter("e1", "1989-05-01", null, null); // documented, not coded
        encounter("e2", "1989-05-02", 1, null); // coded, no claim (held claim)
        encounter("e3", "1989-05-03", 1, null); // claimed
        encounter("e4", "1989-05-04", 1, "1989-07-01T10:00:00Z"); // paid
        encounter("e6", "1989-05-05", 1, null); // claimed, then replaced
        claim("c3", "e3", "ORIGINAL", null, "1989-05-10T10:00:00Z", "1989-12-20", "200.00");
        claim("c4", "e4", "ORIGINAL", null, "1989-05-10T11:00:00Z", "1989-06-01", "100.00");
        claim("c6", "e6", "ORIGINAL", null, "1989-05-10T12:00:00Z", "1989-06-01", "500.00");
        claim("c8", "e6", "REPLACEMENT", "c6", "1989-11-01T10:00:00Z", "1989-12-01", "80.00");
        claim("c9", "e9", "VOID", "c10", "1989-11-02T10:00:00Z", "1989-06-01", "999.00");
        payment("c4", "e4", "1989-07-01T10:00:00Z", "30.00", "0.00", "10.00");
        payment("c4", "e4", "1990-02-01T10:00:00Z", "50.00", "0.00", "0.00");
    }

    @Test
    void encountersAreListedInEveryStateAndFilteredPagedAndCounted() {
        ListPage<EncounterRow> all = readModel.encounters(query(null, null, 0, 10));
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.items())
                .extracting(EncounterRow::encounterId, EncounterRow::state)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(id("e1"), "DOCUMENTED"),
                        org.assertj.core.groups.Tuple.tuple(id("e2"), "CODED"),
                        org.assertj.core.groups.Tuple.tuple(id("e3"), "CLAIMED"),
                        org.assertj.core.groups.Tuple.tuple(id("e4"), "PAID"));
        assertThat(readModel.encounters(query(null, "DOCUMENTED", 0, 10)).items())
                .extracting(EncounterRow::encounterId)
                .containsExactly(id("e1"));
        assertThat(readModel.encounters(query(null, "CODED", 0, 10)).items())
                .extracting(EncounterRow::encounterId)
                .containsExactly(id("e2"));
        // by the start of a claim id, and the encounter's current claim is the replacement
        assertThat(readModel.encounters(query(id("c8"), null, 0, 10)).items())
                .singleElement()
                .satisfies(e -> assertThat(e.claimId()).isEqualTo(id("c8")));
        ListPage<EncounterRow> second =
                readModel.encounters(new EncounterQuery(null, null, TENANT, null, null, "documentedAt", 1, 2));
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.items()).extracting(EncounterRow::encounterId).containsExactly(id("e3"), id("e4"));
        assertThat(readModel
                        .encounters(new EncounterQuery(
                                null,
                                null,
                                TENANT,
                                LocalDate.parse("1989-05-02"),
                                LocalDate.parse("1989-05-03"),
                                null,
                                0,
                                10))
                        .total())
                .isEqualTo(2);
        assertThat(readModel.tenants()).contains(TENANT);
        assertThat(readModel.payers()).containsEntry("LK1", "Lake Payer");
    }

    @Test
    void workStuckBeforeAClaimIsCountedForThePeriodsEncounters() {
        WorkBacklog backlog =
                readModel.backlog(Instant.parse("1989-05-01T00:00:00Z"), Instant.parse("1989-05-04T00:00:00Z"));
        // e1, e2, e3 documented in the period (e4 on its last day's end is out); e1 not coded, e2 without a claim
        assertThat(backlog).isEqualTo(new WorkBacklog(3, 1, 1));
    }

    @Test
    void theArAsItStoodIsSummedByTheDatabase() {
        // at 1990-01-01: c3 200 open; c4 100 - 30 paid - 10 contractual = 60 (the later 50 not yet posted);
        // c6 replaced by c8 before then: out, c8 80 open; c9 a void: out. Over 90 days (service before 1989-10-03): c4
        ArAsOf ar = readModel.arAsOf(Instant.parse("1990-01-01T00:00:00Z"), LocalDate.parse("1989-10-03"));
        assertThat(ar).isEqualTo(new ArAsOf(new BigDecimal("340.00"), new BigDecimal("60.00")));
        // before c8 replaced c6: c6 counts, c8 does not exist yet
        ArAsOf earlier = readModel.arAsOf(Instant.parse("1989-10-01T00:00:00Z"), LocalDate.parse("1989-07-03"));
        assertThat(earlier).isEqualTo(new ArAsOf(new BigDecimal("760.00"), new BigDecimal("560.00")));
    }

    private static EncounterQuery query(String term, String state, int page, int size) {
        return new EncounterQuery(term, state, TENANT, null, null, null, page, size);
    }

    private static String id(String local) {
        return TENANT + "-" + local;
    }

    private void encounter(String id, String documented, Integer codingVersion, String firstPaid) {
        jdbc.sql("""
                INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_at, coding_version,
                    first_paid_at) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        id(id),
                        TENANT,
                        LocalDate.parse(documented),
                        ts(documented + "T09:00:00Z"),
                        codingVersion,
                        firstPaid == null ? null : ts(firstPaid))
                .update();
    }

    private void claim(
            String id,
            String encounter,
            String frequency,
            String replaced,
            String submitted,
            String dos,
            String charge) {
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                    frequency, replaced_claim_id, coding_version, state, submitted_at, date_of_service, total_charge)
                VALUES (?, ?, ?, ?, 'LK1', 'Lake Payer', ?, ?, 1, 'SUBMITTED', ?, ?, ?)""")
                .params(
                        id(id),
                        id(encounter),
                        TENANT,
                        "PCN" + id(id),
                        frequency,
                        replaced == null ? null : id(replaced),
                        ts(submitted),
                        LocalDate.parse(dos),
                        new BigDecimal(charge))
                .update();
        if (replaced != null && !"VOID".equals(frequency)) {
            jdbc.sql("UPDATE claim SET state = 'REPLACED' WHERE claim_id = ?")
                    .param(id(replaced))
                    .update();
        }
    }

    private void payment(String claim, String encounter, String at, String paid, String patient, String contractual) {
        jdbc.sql("""
                INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,
                    summary, paid_amount, patient_responsibility, contractual_adjustment)
                VALUES (?, 'payment-posted', 'PAYMENT_POSTED', ?, ?, ?, ?, 'paid', ?, ?, ?)""")
                .params(
                        UUID.randomUUID().toString(),
                        id(encounter),
                        id(claim),
                        TENANT,
                        ts(at),
                        new BigDecimal(paid),
                        new BigDecimal(patient),
                        new BigDecimal(contractual))
                .update();
    }

    private static Timestamp ts(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }
}
