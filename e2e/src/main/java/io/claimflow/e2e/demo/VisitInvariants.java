package io.claimflow.e2e.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The invariants per visit (encounter) as well as per claim, read from the services' own databases (read-only):
 * the demo's final summary, the end-to-end tests and both fault suites count them the same way. Each map names
 * what breaks the invariant (encounter or claim id, never patient data) with what was found.
 *
 * <ul>
 *   <li><b>patient charged once per visit</b>: over every claim of the encounter, replaced ones included, the
 *       patient ledger's charges (GROSS_CHARGES) and patient receivable, from the claim postings (not patient
 *       payments, write-offs or denial responsibility), equal what claim-service posted to the encounter's current
 *       claim: a replaced claim's charges and copay must be gone from the ledger once the replacement is billed; a
 *       self-pay visit billed to the patient (current claim BILLED_TO_PATIENT, no payer) is charged its whole charge,
 *       all of it the patient's, once, whatever earlier claims of the visit were billed to the patient;</li>
 *   <li><b>every released claim reaches the payer</b>: for each claim, as many interchanges answered by the payer's
 *       999 (accepting or rejecting the claim) or TA1 (rejecting the interchange it came in) in the gateway as
 *       times claim-service released it (SUBMITTED, each a
 *       ClaimSubmitted);</li>
 *   <li><b>every open balance has a work item</b>: a current claim rejected, denied, partly paid or held, or paid
 *       with a balance left (under- or overpaid), has an unresolved work item (a held claim: an unresolved scrubber
 *       finding).</li>
 * </ul>
 * Per claim, the money in claim-service, the gateway's 835s and the patient ledger is checked alongside (the
 * end-to-end tests' FaultInvariants).
 */
public final class VisitInvariants {

    private static final String CLAIM = PipelineSnapshot.CLAIM;
    private static final String GATEWAY = PipelineSnapshot.ADJUDICATION;
    private static final String PATIENT_BILLING = PipelineSnapshot.PATIENT_BILLING;

    /** What breaks each invariant, by encounter or claim id. */
    public record Violations(
            Map<String, String> patientCharge,
            Map<String, String> notSent,
            Map<String, String> openWithoutWork,
            Map<String, String> payerPaid) {

        public long total() {
            return patientCharge.size() + notSent.size() + openWithoutWork.size() + payerPaid.size();
        }

        /** One line per invariant, for people. */
        public String render() {
            return String.format(
                    "per visit: patient charged other than once %d | released claims the payer never"
                            + " answered %d | open balances without a work item %d | payers' payments that the"
                            + " services disagree on %d%n",
                    patientCharge.size(), notSent.size(), openWithoutWork.size(), payerPaid.size());
        }

        @Override
        public String toString() {
            return "patient charge per visit " + patientCharge + "; released but not answered by the payer " + notSent
                    + "; open balance without a work item " + openWithoutWork + "; payers' payments per visit "
                    + payerPaid;
        }
    }

    /**
     * SQL condition: the {@code claim_payment} row {@code p} is from the first payer that answered its claim (after a
     * crossover the later payer posts on the same claim, restating the charge and the patient's share).
     */
    public static final String FIRST_PAYER_ROW = "p.payer_id = (SELECT p0.payer_id FROM claim_payment p0"
            + " WHERE p0.claim_id = p.claim_id ORDER BY p0.id LIMIT 1)";

    private VisitInvariants() {}

    /** The invariants for the encounters whose id starts with {@code prefix}. */
    public static Violations check(PipelineSnapshot.Databases databases, String prefix) throws SQLException {
        String like = " LIKE '" + prefix.replace("'", "''") + "%'";
        return new Violations(
                patientCharge(databases, like),
                notSent(databases, like),
                openWithoutWork(databases, like),
                payerPaid(databases, like));
    }

    /** The invariants for the encounters {@code encounterIds} (ids an EHR chose, with no common prefix). */
    public static Violations check(PipelineSnapshot.Databases databases, java.util.Collection<String> encounterIds)
            throws SQLException {
        String in = in(encounterIds);
        return new Violations(
                patientCharge(databases, in),
                notSent(databases, in),
                openWithoutWork(databases, in),
                payerPaid(databases, in));
    }

    private static Map<String, String> patientCharge(PipelineSnapshot.Databases databases, String condition)
            throws SQLException {
        Map<String, String> billed = rows(
                databases,
                CLAIM,
                // the charges as the first payer of the visit's current claims was billed them (a crossover's later
                // payer restates them on the same claim: left out), and the patient's share from the last payer that
                // answered (a later payer's claim, or the crossover's restatement, carries what the patient owes after
                // every payer before it)
                "WITH cur AS (SELECT c.claim_id, c.encounter_id, c.payer_sequence, c.status, c.total_charge,"
                        + " c.patient_responsibility FROM claim c WHERE c.is_current"
                        + " AND c.encounter_id" + condition + "),"
                        // a self-pay visit billed to the patient: no payer answered, its whole charge is the patient's
                        + " self AS (SELECT encounter_id, sum(total_charge) AS charge, sum(patient_responsibility)"
                        + " AS patient FROM cur WHERE status = 'BILLED_TO_PATIENT' GROUP BY encounter_id),"
                        + " posted AS (SELECT cur.encounter_id, cur.payer_sequence, p.charge_amount,"
                        + " p.patient_responsibility, " + FIRST_PAYER_ROW + " AS first_payer"
                        + " FROM cur JOIN claim_payment p ON p.claim_id = cur.claim_id),"
                        + " last AS (SELECT encounter_id, max(payer_sequence) AS seq FROM posted GROUP BY encounter_id)"
                        + " SELECT v.encounter_id,"
                        + " (coalesce((SELECT sum(r.charge_amount) FROM posted r WHERE r.encounter_id = v.encounter_id"
                        + " AND r.payer_sequence = 1 AND r.first_payer), 0) + coalesce((SELECT s.charge FROM self s"
                        + " WHERE s.encounter_id = v.encounter_id), 0))::numeric(14, 2) || ' ' || (coalesce(("
                        + "SELECT sum(r.patient_responsibility) FROM posted r JOIN last l ON l.encounter_id ="
                        + " r.encounter_id AND r.payer_sequence = l.seq WHERE r.encounter_id = v.encounter_id), 0)"
                        + " + coalesce((SELECT s.patient FROM self s WHERE s.encounter_id = v.encounter_id), 0))"
                        + "::numeric(14, 2) FROM (SELECT DISTINCT encounter_id FROM cur) v");
        Map<String, String> ledger = rows(
                databases,
                PATIENT_BILLING,
                "SELECT k.encounter_id,"
                        + " coalesce(-sum(l.amount) FILTER (WHERE l.ledger_account = 'GROSS_CHARGES'), 0)::numeric(14, 2)"
                        + " || ' ' || coalesce(sum(l.amount) FILTER (WHERE l.ledger_account IN ('PATIENT_RECEIVABLE',"
                        + " 'OTHER_INSURANCE_RECEIVABLE')), 0)"
                        + "::numeric(14, 2) FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id"
                        + " JOIN claim k ON k.claim_id = e.claim_id AND k.tenant_id = e.tenant_id"
                        + " WHERE e.kind NOT IN ('PATIENT_PAYMENT', 'WRITE_OFF', 'DENIAL_RESPONSIBILITY')"
                        + " AND k.encounter_id" + condition + " GROUP BY k.encounter_id");
        Map<String, String> violations = new TreeMap<>();
        TreeSet<String> encounters = new TreeSet<>(billed.keySet());
        encounters.addAll(ledger.keySet());
        for (String encounter : encounters) {
            String expected = billed.getOrDefault(encounter, "0.00 0.00");
            String actual = ledger.getOrDefault(encounter, "0.00 0.00");
            if (!Objects.equals(expected, actual)) {
                violations.put(
                        encounter,
                        "charges and patient share of the current claim " + expected
                                + ", patient ledger over the visit's claims " + actual);
            }
        }
        return violations;
    }

    private static Map<String, String> notSent(PipelineSnapshot.Databases databases, String condition)
            throws SQLException {
        Map<String, String> released = rows(
                databases,
                CLAIM,
                "SELECT h.claim_id,"
                        + " count(*)::text FROM claim_status_history h JOIN claim k ON k.claim_id = h.claim_id"
                        + " WHERE h.to_status = 'SUBMITTED' AND k.encounter_id" + condition + " GROUP BY h.claim_id");
        Map<String, String> answered = rows(
                databases,
                GATEWAY,
                "SELECT e.claim_id,"
                        + " count(DISTINCT e.interchange_id)::text FROM claim_x12_event e JOIN outbound_claim o"
                        + " ON o.claim_id = e.claim_id WHERE e.transaction_type IN ('999', 'TA1')"
                        + " AND o.encounter_id" + condition
                        + " GROUP BY e.claim_id");
        Map<String, String> violations = new TreeMap<>();
        released.forEach((claim, times) -> {
            long reached = Long.parseLong(answered.getOrDefault(claim, "0"));
            if (reached < Long.parseLong(times)) {
                violations.put(claim, "released " + times + " times, answered by the payer's 999 or TA1 " + reached);
            }
        });
        return violations;
    }

    private static Map<String, String> openWithoutWork(PipelineSnapshot.Databases databases, String condition)
            throws SQLException {
        String balance = "(c.total_charge - c.paid_amount - c.patient_responsibility - c.adjusted_amount)";
        return rows(
                databases,
                CLAIM,
                "SELECT c.claim_id, c.status || ' balance '"
                        + " || " + balance + " FROM claim c WHERE c.is_current AND c.encounter_id" + condition
                        + " AND (c.status IN ('REJECTED', 'DENIED', 'PARTIALLY_PAID', 'HELD')"
                        + "   OR (c.status = 'PAID' AND " + balance + " <> 0))"
                        + " AND NOT EXISTS (SELECT 1 FROM work_item w WHERE w.claim_id = c.claim_id AND w.resolved_at IS NULL)"
                        + " AND NOT (c.status = 'HELD' AND EXISTS (SELECT 1 FROM claim_scrub_finding f"
                        + "   WHERE f.claim_id = c.claim_id AND f.resolved_at IS NULL))");
    }

    /**
     * Payers' payments per visit: what claim-service posted over every claim of the visit (each payer's claim, a
     * crossover's later payer on the same claim, replaced claims), the gateway's matched 835 claims (a claim denied
     * whole travels as ClaimDenied and pays nothing) and the patient ledger's insurance cash agree to the cent.
     */
    private static Map<String, String> payerPaid(PipelineSnapshot.Databases databases, String condition)
            throws SQLException {
        Map<String, String> claims = rows(
                databases,
                CLAIM,
                "SELECT c.encounter_id, sum(p.paid_amount)::numeric(14, 2)::text FROM claim c JOIN claim_payment p"
                        + " ON p.claim_id = c.claim_id WHERE c.encounter_id" + condition + " GROUP BY c.encounter_id");
        Map<String, String> gateway = rows(
                databases,
                GATEWAY,
                "SELECT o.encounter_id, sum(r.paid_amount)::numeric(14, 2)::text FROM remittance_claim r JOIN"
                        + " outbound_claim o ON o.claim_id = r.claim_id WHERE r.status_code <> '4' AND o.encounter_id"
                        + condition + " GROUP BY o.encounter_id");
        Map<String, String> ledger = rows(
                databases,
                PATIENT_BILLING,
                "SELECT k.encounter_id, coalesce(sum(l.amount) FILTER (WHERE l.ledger_account = 'INSURANCE_CASH'),"
                        + " 0)::numeric(14, 2)::text FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id"
                        + " JOIN claim k ON k.claim_id = e.claim_id AND k.tenant_id = e.tenant_id"
                        + " WHERE e.kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL') AND k.encounter_id" + condition
                        + " GROUP BY k.encounter_id");
        Map<String, String> violations = new TreeMap<>();
        TreeSet<String> encounters = new TreeSet<>(claims.keySet());
        encounters.addAll(gateway.keySet());
        for (String encounter : encounters) {
            String posted = claims.getOrDefault(encounter, "0.00");
            String remitted = gateway.getOrDefault(encounter, "0.00");
            String cash = ledger.getOrDefault(encounter, "0.00");
            if (!posted.equals(remitted) || !posted.equals(cash)) {
                violations.put(
                        encounter,
                        "paid by the payers: gateway " + remitted + ", claim-service " + posted + ", patient ledger "
                                + cash);
            }
        }
        return violations;
    }

    /**
     * The visits (encounter ids matching {@code like}) billed to more than one payer: a claim of a later payer
     * (secondary, tertiary) or a claim a later payer answered after a crossover.
     */
    public static List<String> laterPayerVisits(Connection claimDatabase, String like) throws SQLException {
        List<String> visits = new ArrayList<>();
        try (PreparedStatement statement = claimDatabase.prepareStatement(
                "SELECT DISTINCT c.encounter_id FROM claim c WHERE c.encounter_id LIKE ? AND (c.payer_sequence > 1"
                        + " OR EXISTS (SELECT 1 FROM claim_payment p WHERE p.claim_id = c.claim_id AND NOT "
                        + FIRST_PAYER_ROW + ")) ORDER BY 1")) {
            statement.setString(1, like);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    visits.add(rs.getString(1));
                }
            }
        }
        return visits;
    }

    /** {@code " IN ('a', 'b')"} for the ids, or a condition true for no id when there are none. */
    public static String in(Collection<String> ids) {
        return ids.isEmpty() ? " IN (NULL)" : " IN (" + quoted(ids) + ")";
    }

    /** {@code " NOT IN ('a', 'b')"} for the ids, or a condition true for every id when there are none. */
    public static String notIn(Collection<String> ids) {
        return ids.isEmpty() ? " IS NOT NULL" : " NOT IN (" + quoted(ids) + ")";
    }

    private static String quoted(Collection<String> ids) {
        return ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }

    private static Map<String, String> rows(PipelineSnapshot.Databases databases, String database, String sql)
            throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c =
                DriverManager.getConnection(databases.url(database), databases.username(), databases.password())) {
            c.setReadOnly(true);
            try (Statement statement = c.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return rows;
    }
}
