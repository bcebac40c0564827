package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.demo.VisitInvariants;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VisitInvariants} over the services' real schemas (their Flyway migrations, in databases of this test's own,
 * {@code visit_claimflow_*}): each invariant catches the case the issue found and lets the corrected case pass.
 */
@ClaimFlowInfrastructure
class VisitInvariantsTest {

    private static final String TENANT = "riverside-fm";
    private static PipelineSnapshot.Databases databases;

    @BeforeAll
    static void schemas() {
        Infrastructure infrastructure = Infrastructure.get();
        Path project = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."));
        String[][] modules = {
            {"claimflow_claim", "claim-service"},
            {"claimflow_adjudication", "adjudication-gateway"},
            {"claimflow_patient_billing", "patient-billing-service"}
        };
        String url = null;
        for (String[] module : modules) {
            url = infrastructure.migratedJdbcUrl(
                    "visit_" + module[0],
                    "filesystem:" + project.resolve(module[1]).resolve("src/main/resources/db/migration"));
        }
        databases = new PipelineSnapshot.Databases(
                url.substring(0, url.lastIndexOf('/') + 1) + "visit_",
                infrastructure.username(),
                infrastructure.password());
    }

    @Test
    void aReplacedClaimStillOnThePatientLedgerChargesTheVisitTwiceUntilItIsVoided() throws Exception {
        String visit = "enc-visit-r";
        claim("clm-r1", visit, "REPLACED", false, null, "210.00", "103.74", "25.00", "36.26");
        payment("clm-r1", "210.00", "103.74", "25.00", "36.26", "45.00");
        claim("clm-r2", visit, "CLOSED", true, "clm-r1", "210.00", "103.74", "25.00", "81.26");
        payment("clm-r2", "210.00", "103.74", "25.00", "81.26", "0.00");
        long account = account("MRN-R");
        ledgerClaim(account, "clm-r1", visit);
        ledgerClaim(account, "clm-r2", visit);
        remittance(account, "clm-r1", "REMITTANCE", 1);
        remittance(account, "clm-r2", "REMITTANCE", 1);

        assertThat(VisitInvariants.check(databases, visit).patientCharge())
                .containsOnlyKeys(visit)
                .containsValue("charges and patient share of the current claim 210.00 25.00, patient ledger over the"
                        + " visit's claims 420.00 50.00");

        // the original's charges and copay voided once the replacement is billed: one charge for the visit
        remittance(account, "clm-r1", "REMITTANCE_REVERSAL", -1);
        assertThat(VisitInvariants.check(databases, visit).patientCharge()).isEmpty();
    }

    @Test
    void aSelfPayVisitBilledToThePatientTwiceChargesThePatientOnceOnlyOnceTheFirstChargeIsOff() throws Exception {
        String visit = "enc-visit-p";
        claim("clm-p1", visit, "REPLACED", false, null, "210.00", "0", "210.00", "0");
        claim("clm-p2", visit, "BILLED_TO_PATIENT", true, null, "210.00", "0", "210.00", "0");
        long account = account("MRN-P");
        ledgerClaim(account, "clm-p1", visit);
        ledgerClaim(account, "clm-p2", visit);
        selfPayCharge(account, "clm-p1", "SELF_PAY_CHARGE", 1);
        selfPayCharge(account, "clm-p2", "SELF_PAY_CHARGE", 1);

        assertThat(VisitInvariants.check(databases, visit).patientCharge())
                .containsOnlyKeys(visit)
                .containsValue("charges and patient share of the current claim 210.00 210.00, patient ledger over the"
                        + " visit's claims 420.00 420.00");

        // the first bill's charge taken off when the second arrived: the patient owes the visit's charge once
        selfPayCharge(account, "clm-p1", "CLAIM_VOID", -1);
        VisitInvariants.Violations once = VisitInvariants.check(databases, visit);
        assertThat(once.patientCharge()).isEmpty();
        assertThat(once.openWithoutWork()).as("nothing open with a payer").isEmpty();
        assertThat(once.payerPaid()).isEmpty();
    }

    @Test
    void aCorrectedClaimReleasedAgainMustReachThePayerAgain() throws Exception {
        String visit = "enc-visit-s";
        claim("clm-s1", visit, "SUBMITTED", true, null, "120.00", "0", "0", "0");
        history("clm-s1", "SUBMITTED");
        history("clm-s1", "REJECTED");
        history("clm-s1", "SUBMITTED");
        outbound("clm-s1", visit);
        answered("clm-s1");

        assertThat(VisitInvariants.check(databases, visit).notSent())
                .containsExactly(org.assertj.core.api.Assertions.entry(
                        "clm-s1", "released 2 times, answered by the payer's 999 or TA1 1"));

        // the payer rejected the interchange of the second release with a TA1: it reached the payer
        answered("clm-s1", "TA1", "REJECTED");
        assertThat(VisitInvariants.check(databases, visit).notSent()).isEmpty();
    }

    @Test
    void anOverpaidOrDeniedClaimWithoutAnOpenWorkItemIsAnOpenBalanceNobodyWorks() throws Exception {
        String visit = "enc-visit-o";
        claim("clm-o1", visit, "PAID", true, null, "100.00", "160.00", "0", "0");
        String denied = "enc-visit-d";
        claim("clm-d1", denied, "DENIED", true, null, "80.00", "0", "0", "0");
        work("clm-d1", true);
        String held = "enc-visit-h";
        claim("clm-h1", held, "HELD", true, null, "50.00", "0", "0", "0");
        scrubFinding("clm-h1");

        assertThat(VisitInvariants.check(databases, visit).openWithoutWork())
                .containsOnlyKeys("clm-o1")
                .containsValue("PAID balance -60.00");
        assertThat(VisitInvariants.check(databases, denied).openWithoutWork()).containsOnlyKeys("clm-d1");
        assertThat(VisitInvariants.check(databases, held).openWithoutWork())
                .as("held with its scrubber finding")
                .isEmpty();

        work("clm-o1", false);
        work("clm-d1", false);
        assertThat(VisitInvariants.check(databases, "enc-visit-").openWithoutWork())
                .isEmpty();
    }

    // ------------------------------------------------------------------ rows, as the services write them

    private static void claim(
            String id,
            String encounter,
            String status,
            boolean current,
            String replaced,
            String total,
            String paid,
            String patient,
            String adjusted)
            throws SQLException {
        update(
                "claimflow_claim",
                "INSERT INTO claim (claim_id, encounter_id, tenant_id,"
                        + " coding_version, frequency, status, is_current, patient_control_number, replaced_claim_id,"
                        + " date_of_service, place_of_service, patient_mrn, billing_has_address, total_charge, paid_amount,"
                        + " patient_responsibility, adjusted_amount, service_key, source_event_id, encounter_snapshot,"
                        + " created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, DATE '2026-03-10', '11', ?, true,"
                        + " ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?, ?, '{}', now(), now())",
                id,
                encounter,
                TENANT,
                replaced == null ? "ORIGINAL" : "REPLACEMENT",
                status,
                current,
                "PCN-" + id,
                replaced,
                "MRN-" + id,
                total,
                paid,
                patient,
                adjusted,
                "key-" + id,
                "event-" + id);
    }

    private static void payment(
            String claim, String charge, String paid, String patient, String adjusted, String denied)
            throws SQLException {
        update(
                "claimflow_claim",
                "INSERT INTO claim_payment (claim_id, event_id, payer_id, trace_number,"
                        + " claim_status_code, payer_claim_number, payment_date, charge_amount, paid_amount,"
                        + " patient_responsibility, adjusted_amount, denied_amount, posted_at) VALUES (?, ?, 'BKHP1', ?, '1',"
                        + " ?, DATE '2026-03-20', ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric, now())",
                claim,
                "pay-" + claim,
                "TRN-" + claim,
                "ICN-" + claim,
                charge,
                paid,
                patient,
                adjusted,
                denied);
    }

    private static void history(String claim, String to) throws SQLException {
        update(
                "claimflow_claim",
                "INSERT INTO claim_status_history (claim_id, to_status, changed_at, actor_kind,"
                        + " actor_id) VALUES (?, ?, now(), 'SYSTEM', 'test')",
                claim,
                to);
    }

    private static void work(String claim, boolean resolved) throws SQLException {
        update(
                "claimflow_claim",
                "INSERT INTO work_item (claim_id, queue, category, reasons, created_at,"
                        + " resolved_at) VALUES (?, 'DENIAL', 'OTHER', 'test', now(), " + (resolved ? "now()" : "NULL")
                        + ")",
                claim);
    }

    private static void scrubFinding(String claim) throws SQLException {
        update(
                "claimflow_claim",
                "INSERT INTO claim_scrub_finding (claim_id, rule_id, message, found_at)"
                        + " VALUES (?, 'self-pay', 'held', now())",
                claim);
    }

    private static void outbound(String claim, String encounter) throws SQLException {
        update(
                "claimflow_adjudication",
                "INSERT INTO outbound_claim (claim_id, encounter_id, tenant_id,"
                        + " submitted_event_id, patient_control_number, payer_id, payer_name, total_charge, claim_json, status)"
                        + " VALUES (?, ?, ?, ?, ?, 'BKHP1', 'BUCKEYE', 120.00, '{}'::jsonb, 'ACCEPTED')",
                claim,
                encounter,
                TENANT,
                "sub-" + claim,
                "PCN-" + claim);
    }

    /** A 999 (its own inbound interchange) answering the claim. */
    private static void answered(String claim) throws SQLException {
        answered(claim, "999", "ACCEPTED");
    }

    /** A 999 or TA1 (its own inbound interchange) answering the claim. */
    private static void answered(String claim, String type, String outcome) throws SQLException {
        try (Connection c = connect("claimflow_adjudication");
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO interchange (direction, transaction_type, status, source, sha256, raw) VALUES ('IN',"
                                + " ?, 'PROCESSED', 'test', md5(random()::text), '\\x00') RETURNING id")) {
            s.setString(1, type);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                try (PreparedStatement e = c.prepareStatement("INSERT INTO claim_x12_event (claim_id, interchange_id,"
                        + " transaction_type, outcome) VALUES (?, ?, ?, ?)")) {
                    e.setString(1, claim);
                    e.setLong(2, id);
                    e.setString(3, type);
                    e.setString(4, outcome);
                    e.executeUpdate();
                }
            }
        }
    }

    private static long account(String mrn) throws SQLException {
        try (Connection c = connect("claimflow_patient_billing");
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO patient_account (tenant_id, patient_ref) VALUES (?, ?) RETURNING id")) {
            s.setString(1, TENANT);
            s.setString(2, mrn);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void ledgerClaim(long account, String claim, String encounter) throws SQLException {
        update(
                "claimflow_patient_billing",
                "INSERT INTO claim (tenant_id, claim_id, encounter_id, account_id,"
                        + " patient_control_number, service_from, service_to, billing_provider, payer_name, total_charge,"
                        + " submitted_at) VALUES (?, ?, ?, ?, ?, DATE '2026-03-10', DATE '2026-03-10', 'RIVERSIDE', 'BUCKEYE',"
                        + " 210.00, now())",
                TENANT,
                claim,
                encounter,
                account,
                "PCN-" + claim);
    }

    /** A remittance of 210.00: 103.74 paid, 25.00 copay, 81.26 contractual ({@code sign} -1 reverses it). */
    private static void remittance(long account, String claim, String kind, int sign) throws SQLException {
        post(account, claim, kind, sign, new String[][] {
            {"GROSS_CHARGES", "-210.00"},
            {"INSURANCE_CASH", "103.74"},
            {"PATIENT_RECEIVABLE", "25.00"},
            {"CONTRACTUAL_ADJUSTMENT", "81.26"}
        });
    }

    /** A self-pay charge of 210.00, all the patient's ({@code sign} -1 takes it off). */
    private static void selfPayCharge(long account, String claim, String kind, int sign) throws SQLException {
        post(account, claim, kind, sign, new String[][] {{"GROSS_CHARGES", "-210.00"}, {"PATIENT_RECEIVABLE", "210.00"}
        });
    }

    private static void post(long account, String claim, String kind, int sign, String[][] lines) throws SQLException {
        try (Connection c = connect("claimflow_patient_billing")) {
            c.setAutoCommit(false);
            long entry;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO journal_entry (tenant_id, account_id, kind,"
                    + " claim_id, effective_date, description) VALUES (?, ?, ?, ?, DATE '2026-03-20', 'test')"
                    + " RETURNING id")) {
                s.setString(1, TENANT);
                s.setLong(2, account);
                s.setString(3, kind);
                s.setString(4, claim);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    entry = rs.getLong(1);
                }
            }
            int n = 0;
            for (String[] line : lines) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO journal_line (entry_id, line_no,"
                        + " ledger_account, claim_id, amount) VALUES (?, ?, ?, ?, ?::numeric * ?)")) {
                    s.setLong(1, entry);
                    s.setInt(2, ++n);
                    s.setString(3, line[0]);
                    s.setString(4, claim);
                    s.setString(5, line[1]);
                    s.setInt(6, sign);
                    s.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private static void update(String database, String sql, Object... params) throws SQLException {
        try (Connection c = connect(database);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(databases.url(database), databases.username(), databases.password());
    }
}
