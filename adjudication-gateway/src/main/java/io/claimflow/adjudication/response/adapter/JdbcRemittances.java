package io.claimflow.adjudication.response.adapter;

import io.claimflow.adjudication.config.UnmatchedClpSql;
import io.claimflow.adjudication.response.Remittances;
import io.claimflow.adjudication.x12.Remittance;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Remittances} in tables {@code remittance}, {@code remittance_claim} and
 * {@code remittance_provider_adjustment}; every CLP kept as read (JSON): an unmatched one to post it when its claim
 * is found, every one for its claim and line adjustments on the deposit.
 */
@Repository
class JdbcRemittances implements Remittances {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEPOSIT_COLUMNS = "id, payer_key, trace_number, interchange_id, payer_id, payer_name, "
            + "CASE WHEN credit_debit = 'D' THEN -payment_amount ELSE payment_amount END, payment_method, "
            + "payment_date, posted_at";

    private final JdbcClient jdbc;

    JdbcRemittances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Deposit> find(String payerKey, String traceNumber) {
        return jdbc.sql("SELECT id FROM remittance WHERE payer_key = ? AND trace_number = ?")
                .params(payerKey, traceNumber)
                .query(Long.class)
                .optional()
                .flatMap(this::find);
    }

    @Override
    public Optional<Deposit> find(long id) {
        return jdbc.sql("SELECT " + DEPOSIT_COLUMNS + " FROM remittance WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Deposit(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBigDecimal(7),
                        rs.getString(8),
                        localDate(rs, 9),
                        rs.getTimestamp(10).toInstant(),
                        claims(id),
                        adjustments(id)))
                .optional();
    }

    private List<DepositClaim> claims(long remittanceId) {
        return jdbc.sql("""
                SELECT claim_id, patient_control_number, payer_claim_number, status_code, charge_amount, paid_amount,
                    patient_responsibility, outcome, overpaid_amount, matched_by, matched_by_user, payment_json::text
                FROM remittance_claim WHERE remittance_id = ? ORDER BY id""")
                .param(remittanceId)
                .query((rs, n) -> new DepositClaim(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7),
                        rs.getString(8),
                        rs.getBigDecimal(9),
                        rs.getString(10),
                        rs.getString(11),
                        clp(rs.getString(12))))
                .list();
    }

    private List<DepositAdjustment> adjustments(long remittanceId) {
        return jdbc.sql("""
                SELECT provider_id, fiscal_period_date, reason_code, kind, reference, amount
                FROM remittance_provider_adjustment WHERE remittance_id = ? ORDER BY id""")
                .param(remittanceId)
                .query((rs, n) -> new DepositAdjustment(
                        rs.getString(1),
                        localDate(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBigDecimal(6)))
                .list();
    }

    @Override
    public List<DepositSummary> byTraceNumber(String traceNumber, int limit) {
        return jdbc.sql("""
                SELECT id, payer_key, trace_number,
                    CASE WHEN credit_debit = 'D' THEN -payment_amount ELSE payment_amount END, credit_debit,
                    payment_date, claim_count, posted_at
                FROM remittance WHERE trace_number = ? ORDER BY id DESC LIMIT ?""")
                .params(traceNumber, limit)
                .query((rs, n) -> new DepositSummary(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        rs.getString(5),
                        localDate(rs, 6),
                        rs.getInt(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    @Override
    public long record(Remittance remittance, long interchangeId, String paymentMethod) {
        // the unique key makes a concurrent second posting of the same ERA fail instead of posting twice
        return jdbc.sql("""
                INSERT INTO remittance (payer_key, trace_number, interchange_id, payment_amount, payment_method,
                    payment_date, claim_count, credit_debit, payment_method_code, payer_id, payer_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        remittance.payerKey(),
                        remittance.traceNumber(),
                        interchangeId,
                        remittance.paymentAmount(),
                        paymentMethod,
                        remittance.paymentDate(),
                        remittance.claims().size(),
                        "D".equals(remittance.creditDebit()) ? "D" : "C",
                        remittance.paymentMethod(),
                        remittance.payerId(),
                        remittance.payerName())
                .query(Long.class)
                .single();
    }

    @Override
    public void recordProviderAdjustment(long remittanceId, Remittance.ProviderAdjustment adjustment, String kind) {
        jdbc.sql("""
                INSERT INTO remittance_provider_adjustment (remittance_id, provider_id, fiscal_period_date,
                    reason_code, kind, reference, amount) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        remittanceId,
                        adjustment.providerId(),
                        adjustment.fiscalPeriodDate(),
                        adjustment.reason(),
                        kind,
                        adjustment.reference(),
                        adjustment.amount())
                .update();
    }

    @Override
    public void recordClaim(
            long remittanceId,
            String claimId,
            Remittance.ClaimPayment payment,
            String outcome,
            BigDecimal overpaidAmount,
            String matchedBy) {
        jdbc.sql("""
                INSERT INTO remittance_claim (remittance_id, claim_id, patient_control_number, payer_claim_number,
                    status_code, charge_amount, paid_amount, patient_responsibility, outcome, overpaid_amount,
                    matched_by, member_id, payment_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(
                        remittanceId,
                        claimId,
                        payment.patientControlNumber(),
                        payment.payerClaimNumber(),
                        payment.statusCode(),
                        payment.chargeAmount(),
                        payment.paidAmount(),
                        payment.patientResponsibility(),
                        outcome,
                        overpaidAmount,
                        matchedBy,
                        payment.memberId(),
                        JSON.writeValueAsString(payment))
                .update();
    }

    @Override
    public void recordClaims(List<NewClaim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        int n = claims.size();
        String[][] columns = new String[13][n];
        for (int i = 0; i < n; i++) {
            NewClaim claim = claims.get(i);
            Remittance.ClaimPayment payment = claim.payment();
            columns[0][i] = Long.toString(claim.remittanceId());
            columns[1][i] = claim.claimId();
            columns[2][i] = payment.patientControlNumber();
            columns[3][i] = payment.payerClaimNumber();
            columns[4][i] = payment.statusCode();
            columns[5][i] = plain(payment.chargeAmount());
            columns[6][i] = plain(payment.paidAmount());
            columns[7][i] = plain(payment.patientResponsibility());
            columns[8][i] = claim.outcome();
            columns[9][i] = plain(claim.overpaidAmount());
            columns[10][i] = claim.matchedBy();
            columns[11][i] = payment.memberId();
            columns[12][i] = JSON.writeValueAsString(payment);
        }
        // in the given order, as recordClaim one after another
        jdbc.sql("""
                INSERT INTO remittance_claim (remittance_id, claim_id, patient_control_number, payer_claim_number,
                    status_code, charge_amount, paid_amount, patient_responsibility, outcome, overpaid_amount,
                    matched_by, member_id, payment_json)
                SELECT remittance_id, claim_id, patient_control_number, payer_claim_number, status_code,
                    charge_amount, paid_amount, patient_responsibility, outcome, overpaid_amount, matched_by,
                    member_id, CAST(payment_json AS jsonb)
                FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[]), CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS numeric[]),
                    CAST(? AS text[]), CAST(? AS numeric[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[])) WITH ORDINALITY AS t (remittance_id, claim_id, patient_control_number,
                    payer_claim_number, status_code, charge_amount, paid_amount, patient_responsibility, outcome,
                    overpaid_amount, matched_by, member_id, payment_json, n)
                ORDER BY n""").params((Object[]) columns).update();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    @Override
    public Map<String, Map<String, BigDecimal>> paidChargesCovered(Collection<String> claimIds) {
        Map<String, Map<String, BigDecimal>> covered = new HashMap<>();
        if (claimIds.isEmpty()) {
            return covered;
        }
        claimIds.forEach(id -> covered.put(id, new HashMap<>()));
        jdbc.sql("SELECT c.claim_id, coalesce(r.payer_id, o.payer_id), sum(c.charge_amount) FROM remittance_claim c "
                        + "JOIN remittance r ON r.id = c.remittance_id "
                        + "JOIN outbound_claim o ON o.claim_id = c.claim_id WHERE c.claim_id = ANY (CAST(? AS text[])) "
                        + "AND c.outcome IN ('PAID', 'PARTIALLY_DENIED', 'OVERPAYMENT', 'REVERSED') "
                        + "GROUP BY 1, 2")
                .param(claimIds.toArray(String[]::new))
                .query((rs, n) -> covered.get(rs.getString(1)).put(rs.getString(2), rs.getBigDecimal(3)))
                .list();
        return covered;
    }

    @Override
    public boolean anyUnmatchedFor(Collection<String> claimIds) {
        if (claimIds.isEmpty()) {
            return false;
        }
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM outbound_claim o JOIN remittance_claim c ON "
                        + UnmatchedClpSql.mayBeClaims(
                                "o.patient_control_number",
                                "o.payer_claim_number",
                                "o.claim_json -> 'coverage' ->> 'memberId'")
                        + " WHERE o.claim_id = ANY (CAST(? AS text[])))")
                .param(claimIds.toArray(String[]::new))
                .query(Boolean.class)
                .single();
    }

    @Override
    public BigDecimal paidChargeCovered(String claimId, String payerId) {
        return jdbc.sql("SELECT coalesce(sum(c.charge_amount), 0) FROM remittance_claim c "
                        + "JOIN remittance r ON r.id = c.remittance_id "
                        + "JOIN outbound_claim o ON o.claim_id = c.claim_id WHERE c.claim_id = ? "
                        + "AND c.outcome IN ('PAID', 'PARTIALLY_DENIED', 'OVERPAYMENT', 'REVERSED') "
                        + "AND coalesce(r.payer_id, o.payer_id) = ?")
                .params(claimId, payerId)
                .query(BigDecimal.class)
                .single();
    }

    /** The columns {@link #unmatchedPayment} reads, from {@code remittance_claim c JOIN remittance r}. */
    private static final String PAYMENT_COLUMNS = "c.id, r.interchange_id, c.payment_json::text, r.payer_key, "
            + "r.trace_number, r.payment_amount, r.credit_debit, r.payment_method_code, r.payment_date, r.payer_id, "
            + "r.payer_name";

    @Override
    public List<UnmatchedPayment> unmatchedCandidates(
            String patientControlNumber, String payerClaimNumber, String memberId) {
        // SKIP LOCKED: a CLP being matched by hand right now is that match's, not posted here as well
        return jdbc.sql("SELECT " + PAYMENT_COLUMNS
                        + " FROM remittance_claim c JOIN remittance r ON r.id = c.remittance_id"
                        + " WHERE " + UnmatchedClpSql.mayBeClaims("?", "?", "?")
                        + " ORDER BY c.id FOR UPDATE OF c SKIP LOCKED")
                .params(patientControlNumber, payerClaimNumber, memberId)
                .query((rs, n) -> unmatchedPayment(rs))
                .list();
    }

    /** The CLP as read with its deposit (BPR, TRN, payer), from {@link #PAYMENT_COLUMNS}. */
    private static UnmatchedPayment unmatchedPayment(ResultSet rs) throws SQLException {
        return new UnmatchedPayment(
                rs.getLong(1),
                rs.getLong(2),
                new Remittance(
                        null,
                        null,
                        rs.getBigDecimal(6),
                        rs.getString(7),
                        rs.getString(8),
                        localDate(rs, 9),
                        rs.getString(5),
                        rs.getString(4),
                        rs.getString(10),
                        rs.getString(11),
                        List.of(),
                        List.of()),
                clp(rs.getString(3)));
    }

    private static Remittance.ClaimPayment clp(String json) {
        return json == null ? null : JSON.readValue(json, Remittance.ClaimPayment.class);
    }

    @Override
    public Optional<HeldClaim> lock(long remittanceClaimId) {
        return jdbc.sql("SELECT " + PAYMENT_COLUMNS + """
                , c.remittance_id, c.claim_id, c.outcome, c.matched_by, c.matched_by_user
                FROM remittance_claim c JOIN remittance r ON r.id = c.remittance_id
                WHERE c.id = ? FOR UPDATE OF c""")
                .param(remittanceClaimId)
                .query((rs, n) -> new HeldClaim(
                        rs.getLong(1),
                        rs.getLong(12),
                        rs.getString(13),
                        rs.getString(14),
                        rs.getString(15),
                        rs.getString(16),
                        rs.getString(3) == null ? null : unmatchedPayment(rs)))
                .optional();
    }

    @Override
    public void matchByHand(
            long remittanceClaimId, String claimId, String outcome, BigDecimal overpaidAmount, String user) {
        int updated = jdbc.sql("UPDATE remittance_claim SET claim_id = ?, outcome = ?, overpaid_amount = ?, "
                        + "matched_by = 'MANUAL', matched_by_user = ?, matched_at = now() "
                        + "WHERE id = ? AND claim_id IS NULL")
                .params(claimId, outcome, overpaidAmount, user, remittanceClaimId)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("remittance claim " + remittanceClaimId + " was matched meanwhile");
        }
    }

    @Override
    public void matchLater(
            long remittanceClaimId, String claimId, String outcome, BigDecimal overpaidAmount, String matchedBy) {
        jdbc.sql("UPDATE remittance_claim SET claim_id = ?, outcome = ?, overpaid_amount = ?, matched_by = ?, "
                        + "matched_at = now() WHERE id = ? AND claim_id IS NULL")
                .params(claimId, outcome, overpaidAmount, matchedBy, remittanceClaimId)
                .update();
    }

    @Override
    public List<UnmatchedClaim> unmatched(int limit) {
        return jdbc.sql("""
                SELECT r.id, r.payer_key, r.trace_number, c.patient_control_number, c.payer_claim_number,
                       c.status_code, c.charge_amount, c.paid_amount, r.interchange_id, c.id
                FROM remittance_claim c JOIN remittance r ON r.id = c.remittance_id
                WHERE c.claim_id IS NULL ORDER BY c.id DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new UnmatchedClaim(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBigDecimal(7),
                        rs.getBigDecimal(8),
                        rs.getLong(9),
                        rs.getLong(10)))
                .list();
    }

    private static java.time.LocalDate localDate(ResultSet rs, int column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
