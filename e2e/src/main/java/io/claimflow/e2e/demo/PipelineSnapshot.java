package io.claimflow.e2e.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every encounter of a run is, read from the services' own databases (read-only): documented and coded in
 * coding-service, claims and money in claim-service, remittances in adjudication-gateway, the patient ledger and
 * statements in patient-billing-service. A service whose database or tables are not there is reported as missing,
 * not as zero.
 *
 * <p>Only encounters whose id starts with {@code encounterPrefix} count, so a demo on a stack with earlier data
 * shows this run.
 */
public record PipelineSnapshot(
        Map<String, Boolean> available,
        long documented,
        long codedAutomatically,
        long heldForCoder,
        long recoded,
        long claimsSubmitted,
        long rejected,
        long denied,
        Map<String, Long> deniedByCategory,
        long sentBackToCoding,
        long correctedClaims,
        long paid,
        Map<String, Long> currentClaimsByStatus,
        long remittancesPosted,
        long statements,
        Money claimMoney,
        Money gatewayMoney,
        Money ledgerMoney,
        long outboxBacklog) {

    /** Charges on adjudicated claims and where they went. */
    public record Money(
            BigDecimal charges, BigDecimal payerPaid, BigDecimal adjustments, BigDecimal patientResponsibility) {

        static final Money NONE = new Money(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        /** charges = payer paid + adjustments + patient responsibility, to the cent. */
        public boolean reconciles() {
            return charges.compareTo(payerPaid.add(adjustments).add(patientResponsibility)) == 0;
        }
    }

    /** JDBC coordinates of the services' databases (one PostgreSQL server, one database each). */
    public record Databases(String jdbcBase, String username, String password) {

        /** {@code jdbcBase} like {@code jdbc:postgresql://localhost:5432/}. */
        public String url(String database) {
            return jdbcBase + database;
        }
    }

    static final String CODING = "claimflow_coding";
    static final String CLAIM = "claimflow_claim";
    static final String ADJUDICATION = "claimflow_adjudication";
    static final String PATIENT_BILLING = "claimflow_patient_billing";

    /** Reads the snapshot now. */
    public static PipelineSnapshot read(Databases databases, String encounterPrefix) {
        String like = encounterPrefix.replace("_", "\\_").replace("%", "\\%") + "%";
        Map<String, Boolean> available = new LinkedHashMap<>();
        long[] coding = new long[4];
        available.put("coding-service", tryRead(databases, CODING, c -> {
            coding[0] = count(c, "SELECT count(*) FROM encounter WHERE encounter_id LIKE ?", like);
            coding[1] = count(
                    c,
                    "SELECT count(*) FROM coding_version WHERE version = 1 AND method = 'AUTOMATIC'"
                            + " AND encounter_id LIKE ?",
                    like);
            coding[2] = count(
                    c, "SELECT count(*) FROM coder_queue_item WHERE kind = 'INITIAL' AND encounter_id LIKE ?", like);
            coding[3] = count(c, "SELECT count(*) FROM coding_version WHERE version > 1 AND encounter_id LIKE ?", like);
        }));
        long[] claims = new long[6];
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        Money[] claimMoney = {Money.NONE};
        // visits billed to two or three payers are reconciled per visit (VisitInvariants): a later payer's
        // remittance restates the charge and the patient's share, so summing them with the others would count twice
        List<String> laterPayerVisits = new ArrayList<>();
        tryRead(databases, CLAIM, c -> laterPayerVisits.addAll(VisitInvariants.laterPayerVisits(c, like)));
        String notLaterPayer = VisitInvariants.notIn(laterPayerVisits);
        available.put("claim-service", tryRead(databases, CLAIM, c -> {
            String history = "SELECT count(DISTINCT h.claim_id) FROM claim_status_history h JOIN claim k"
                    + " ON k.claim_id = h.claim_id WHERE h.to_status = ? AND k.encounter_id LIKE ?";
            claims[0] = count(c, history, "SUBMITTED", like);
            claims[1] = count(c, history, "REJECTED", like);
            claims[2] = count(c, history, "DENIED", like);
            claims[3] = count(c, history, "RECODE_REQUESTED", like);
            claims[4] = count(
                    c, "SELECT count(*) FROM claim WHERE frequency = 'REPLACEMENT' AND encounter_id LIKE ?", like);
            claims[5] = count(c, history, "PAID", like);
            byCategory.putAll(groups(
                    c,
                    "SELECT w.queue || ' ' || w.category, count(*) FROM work_item w JOIN claim k"
                            + " ON k.claim_id = w.claim_id WHERE k.encounter_id LIKE ? GROUP BY 1",
                    like));
            byStatus.putAll(groups(
                    c,
                    "SELECT status, count(*) FROM claim WHERE is_current AND encounter_id LIKE ?" + " GROUP BY status",
                    like));
            claimMoney[0] = money(
                    c,
                    "SELECT coalesce(sum(p.charge_amount), 0), coalesce(sum(p.paid_amount), 0),"
                            + " coalesce(sum(p.adjusted_amount + p.denied_amount), 0), coalesce(sum(p.patient_responsibility), 0)"
                            + " FROM claim_payment p JOIN claim k ON k.claim_id = p.claim_id WHERE k.encounter_id LIKE ?"
                            + " AND k.encounter_id" + notLaterPayer,
                    like);
        }));
        // a claim the payer denied whole (CLP02 4) travels as ClaimDenied, not as money: left out of the totals
        long[] remittances = new long[1];
        Money[] gatewayMoney = {Money.NONE};
        available.put("adjudication-gateway", tryRead(databases, ADJUDICATION, c -> {
            remittances[0] = count(
                    c,
                    "SELECT count(*) FROM remittance_claim r JOIN outbound_claim o"
                            + " ON o.claim_id = r.claim_id WHERE o.encounter_id LIKE ?",
                    like);
            // a CLP paying charges paid before (OVERPAYMENT) adds only its cash, owed back (a negative adjustment);
            // a reversal the gateway did not post (REVERSAL_NOT_POSTED) adds nothing
            String overpaid = "r.outcome = 'OVERPAYMENT'";
            gatewayMoney[0] = money(
                    c,
                    "SELECT coalesce(sum(CASE WHEN " + overpaid + " THEN 0 ELSE r.charge_amount"
                            + " END), 0), coalesce(sum(r.paid_amount), 0), coalesce(sum(CASE WHEN " + overpaid
                            + " THEN -r.paid_amount ELSE r.charge_amount - r.paid_amount - r.patient_responsibility END), 0),"
                            + " coalesce(sum(CASE WHEN " + overpaid + " THEN 0 ELSE r.patient_responsibility END), 0)"
                            + " FROM remittance_claim r JOIN outbound_claim o ON o.claim_id = r.claim_id"
                            + " WHERE o.encounter_id LIKE ? AND r.status_code <> '4' AND r.outcome <> 'REVERSAL_NOT_POSTED'"
                            + " AND o.encounter_id" + notLaterPayer,
                    like);
        }));
        long[] statements = new long[1];
        Money[] ledgerMoney = {Money.NONE};
        available.put("patient-billing-service", tryRead(databases, PATIENT_BILLING, c -> {
            statements[0] = count(
                    c,
                    "SELECT count(DISTINCT s.id) FROM statement s JOIN statement_line l"
                            + " ON l.statement_id = s.id WHERE l.encounter_id LIKE ?",
                    like);
            Map<String, BigDecimal> sums = new LinkedHashMap<>();
            try (PreparedStatement statement = c.prepareStatement("SELECT l.ledger_account, sum(l.amount)"
                    + " FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id JOIN claim k"
                    + " ON k.claim_id = e.claim_id AND k.tenant_id = e.tenant_id"
                    + " WHERE e.kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL', 'CLAIM_VOID') AND k.encounter_id LIKE ?"
                    + " AND k.encounter_id" + notLaterPayer
                    // payers' money only: a self-pay claim billed to the patient (and the void of its charge when a
                    // later claim of the visit took over) is the patient's, checked per visit (VisitInvariants)
                    + " AND NOT k.billed_to_patient"
                    + " GROUP BY l.ledger_account")) {
                statement.setString(1, like);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        sums.put(rs.getString(1), rs.getBigDecimal(2));
                    }
                }
            }
            BigDecimal zero = BigDecimal.ZERO.setScale(2);
            // debits positive: a remittance credits gross charges and debits cash, adjustments and patient receivable;
            // payer cash held for the payer (a second payment, a payment of a replaced claim) is credited to
            // INSURANCE_CREDIT, a negative adjustment; a replaced claim's void takes its charges off
            ledgerMoney[0] = new Money(
                    sums.getOrDefault("GROSS_CHARGES", zero).negate(),
                    sums.getOrDefault("INSURANCE_CASH", zero),
                    sums.getOrDefault("CONTRACTUAL_ADJUSTMENT", zero)
                            .add(sums.getOrDefault("OTHER_ADJUSTMENT", zero))
                            .add(sums.getOrDefault("INSURANCE_CREDIT", zero)),
                    // the patient's share as the payer stated it: billed to the patient, or pending with the next payer
                    sums.getOrDefault("PATIENT_RECEIVABLE", zero)
                            .add(sums.getOrDefault("OTHER_INSURANCE_RECEIVABLE", zero)));
        }));
        long[] outbox = new long[1];
        for (String database : List.of(CODING, CLAIM, ADJUDICATION, PATIENT_BILLING)) {
            tryRead(
                    databases,
                    database,
                    c -> outbox[0] +=
                            count(c, "SELECT count(*) FROM claimflow_platform.outbox WHERE published_at IS NULL"));
        }
        return new PipelineSnapshot(
                available,
                coding[0],
                coding[1],
                coding[2],
                coding[3],
                claims[0],
                claims[1],
                claims[2],
                byCategory,
                claims[3],
                claims[4],
                claims[5],
                byStatus,
                remittances[0],
                statements[0],
                claimMoney[0],
                gatewayMoney[0],
                ledgerMoney[0],
                outbox[0]);
    }

    /**
     * Whether the money reconciles: in claim-service and in the patient ledger charges = payer paid + adjustments +
     * patient responsibility, and the payer paid the same in claim-service, the gateway's 835s and the ledger.
     */
    public boolean moneyReconciles() {
        return claimMoney.reconciles()
                && ledgerMoney.reconciles()
                && claimMoney.payerPaid().compareTo(ledgerMoney.payerPaid()) == 0
                && claimMoney.payerPaid().compareTo(gatewayMoney.payerPaid()) == 0;
    }

    /** Everything that changes while the pipeline works, to tell when it has gone quiet. */
    public List<Object> progress() {
        List<Object> progress = new ArrayList<>(List.of(
                documented,
                codedAutomatically,
                heldForCoder,
                recoded,
                claimsSubmitted,
                rejected,
                denied,
                sentBackToCoding,
                correctedClaims,
                paid,
                remittancesPosted,
                statements,
                outboxBacklog));
        progress.add(currentClaimsByStatus);
        progress.add(claimMoney);
        progress.add(ledgerMoney);
        return progress;
    }

    /** A multi-line summary for people. */
    public String render() {
        StringBuilder out = new StringBuilder();
        List<String> missing = available.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        out.append(String.format(
                "documented %d | coded automatically %d, held for a coder %d | recoded %d%n",
                documented, codedAutomatically, heldForCoder, recoded));
        out.append(String.format(
                "claims submitted %d | rejected %d | denied %d | sent back to coding %d"
                        + " | corrected claims %d | paid %d%n",
                claimsSubmitted, rejected, denied, sentBackToCoding, correctedClaims, paid));
        out.append("denial work by queue and category: ")
                .append(deniedByCategory.isEmpty() ? "none" : deniedByCategory.toString())
                .append('\n');
        out.append("current claims by status: ").append(currentClaimsByStatus).append('\n');
        out.append(String.format(
                "remittances posted %d | statements %d | outbox backlog %d%n",
                remittancesPosted, statements, outboxBacklog));
        out.append(moneyLine("claim-service  ", claimMoney));
        out.append(moneyLine("gateway (835)  ", gatewayMoney));
        out.append(moneyLine("patient ledger ", ledgerMoney));
        if (!missing.isEmpty()) {
            out.append("not running or no database: ").append(missing).append('\n');
        }
        return out.toString();
    }

    private static String moneyLine(String label, Money money) {
        return String.format(
                "%s charges %12s = paid %12s + adjustments %12s + patient %12s  %s%n",
                label,
                money.charges(),
                money.payerPaid(),
                money.adjustments(),
                money.patientResponsibility(),
                money.reconciles() ? "reconciles" : "DOES NOT RECONCILE");
    }

    @FunctionalInterface
    private interface Reader {
        void read(Connection connection) throws SQLException;
    }

    private static boolean tryRead(Databases databases, String database, Reader reader) {
        try (Connection connection =
                DriverManager.getConnection(databases.url(database), databases.username(), databases.password())) {
            connection.setReadOnly(true);
            reader.read(connection);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> groups(Connection c, String sql, Object... params) throws SQLException {
        Map<String, Long> groups = new TreeMap<>();
        try (PreparedStatement statement = prepare(c, sql, params);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                groups.put(rs.getString(1), rs.getLong(2));
            }
        }
        return groups;
    }

    private static Money money(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return new Money(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4));
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
