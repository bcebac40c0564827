package io.claimflow.adjudication.response.adapter;

import io.claimflow.adjudication.response.Remittances;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link Remittances} in tables {@code remittance} and {@code remittance_claim}. */
@Repository
class JdbcRemittances implements Remittances {

    private final JdbcClient jdbc;

    JdbcRemittances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean exists(String payerKey, String traceNumber) {
        return jdbc.sql("SELECT count(*) FROM remittance WHERE payer_key = ? AND trace_number = ?")
                .params(payerKey, traceNumber).query(Long.class).single() > 0;
    }

    @Override
    public long record(String payerKey, String traceNumber, long interchangeId, BigDecimal paymentAmount,
            String paymentMethod, LocalDate paymentDate, int claimCount) {
        // the unique key makes a concurrent second posting of the same ERA fail instead of posting twice
        return jdbc.sql("""
                INSERT INTO remittance (payer_key, trace_number, interchange_id, payment_amount, payment_method,
                    payment_date, claim_count) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(payerKey, traceNumber, interchangeId, paymentAmount, paymentMethod, paymentDate, claimCount)
                .query(Long.class).single();
    }

    @Override
    public void recordClaim(long remittanceId, String claimId, String patientControlNumber, String payerClaimNumber,
            String statusCode, BigDecimal charge, BigDecimal paid, BigDecimal patientResponsibility, String outcome) {
        jdbc.sql("""
                INSERT INTO remittance_claim (remittance_id, claim_id, patient_control_number, payer_claim_number,
                    status_code, charge_amount, paid_amount, patient_responsibility, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(remittanceId, claimId, patientControlNumber, payerClaimNumber, statusCode, charge, paid,
                        patientResponsibility, outcome)
                .update();
    }

    @Override
    public List<UnmatchedClaim> unmatched(int limit) {
        return jdbc.sql("""
                SELECT r.id, r.payer_key, r.trace_number, c.patient_control_number, c.payer_claim_number,
                       c.status_code, c.charge_amount, c.paid_amount, r.interchange_id
                FROM remittance_claim c JOIN remittance r ON r.id = c.remittance_id
                WHERE c.claim_id IS NULL ORDER BY c.id DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new UnmatchedClaim(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getLong(9)))
                .list();
    }
}
