package io.claimflow.e2e.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The invariants per visit (encounter) as well as per claim, read from the services' own databases (read-only):
 * the demo's final summary, the end-to-end tests and both fault suites count them the same way. Each map names
 * what breaks the invariant (encounter or claim id, never patient data) with what was found.
 *
 * <ul>
 *   <li><b>patient charged once per visit</b>: over every claim of the encounter, replaced ones included, the
 *       patient ledger's charges (GROSS_CHARGES) and patient receivable, from the claim postings (not patient
 *       payments, write-offs or denial responsibility), equal what claim-service posted to the encounter's current
 *       claim: a replaced claim's charges and copay must be gone from the ledger once the replacement is billed;</li>
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
            Map<String, String> patientCharge, Map<String, String> notSent, Map<String, String> openWithoutWork) {

        public long total() {
            return patientCharge.size() + notSent.size() + openWithoutWork.size();
        }

        /** One line per invariant, for people. */
        public String render() {
            return String.format(
                    "per visit: patient charged other than once %d | released claims the payer never"
                            + " answered %d | open balances without a work item %d%n",
                    patientCharge.size(), notSent.size(), openWithoutWork.size());
        }

        @Override
        public String toString() {
            return "patient charge per visit " + patientCharge + "; released but not answered by the payer " + notSent
                    + "; open balance without a work item " + openWithoutWork;
        }
    }

    private VisitInvariants() {}

    /** The invariants for the encounters whose id starts with {@code prefix}. */
    public static Violations check(PipelineSnapshot.Databases databases, String prefix) throws SQLException {
        String like = " LIKE '" + prefix.replace("'", "''") + "%'";
        return new Violations(
                patientCharge(databases, like), notSent(databases, like), openWithoutWork(databases, like));
    }

    /** The invariants for the encounters {@code encounterIds} (ids an EHR chose, with no common prefix). */
    public static Violations check(PipelineSnapshot.Databases databases, java.util.Collection<String> encounterIds)
            throws SQLException {
        String in = encounterIds.isEmpty()
                ? " IN (NULL)"
                : encounterIds.stream()
                        .map(id -> "'" + id.replace("'", "''") + "'")
                        .collect(java.util.stream.Collectors.joining(", ", " IN (", ")"));
        return new Violations(patientCharge(databases, in), notSent(databases, in), openWithoutWork(databases, in));
    }

    private static Map<String, String> patientCharge(PipelineSnapshot.Databases databases, String condition)
            throws SQLException {
        Map<String, String> billed = rows(
                databases,
                CLAIM,
                "SELECT c.encounter_id,"
                        + " coalesce(sum(p.charge_amount), 0)::numeric(14, 2) || ' '"
                        + " || coalesce(sum(p.patient_responsibility), 0)::numeric(14, 2)"
                        + " FROM claim c LEFT JOIN claim_payment p ON p.claim_id = c.claim_id"
                        + " WHERE c.is_current AND c.encounter_id" + condition + " GROUP BY c.encounter_id");
        Map<String, String> ledger = rows(
                databases,
                PATIENT_BILLING,
                "SELECT k.encounter_id,"
                        + " coalesce(-sum(l.amount) FILTER (WHERE l.ledger_account = 'GROSS_CHARGES'), 0)::numeric(14, 2)"
                        + " || ' ' || coalesce(sum(l.amount) FILTER (WHERE l.ledger_account = 'PATIENT_RECEIVABLE'), 0)"
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
