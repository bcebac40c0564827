package io.claimflow.claim.payment.adapter;

import io.claimflow.claim.payment.Payments;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Posted remittances in table {@code claim_payment}; its unique key makes a repeated remittance post nothing. */
@Repository
class JdbcPayments implements Payments {

    private final JdbcClient jdbc;

    JdbcPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean record(PostedPayment p) {
        return jdbc.sql("""
                INSERT INTO claim_payment (claim_id, event_id, payer_id, trace_number, claim_status_code,
                    payer_claim_number, payment_date, charge_amount, paid_amount, patient_responsibility,
                    adjusted_amount, denied_amount, posted_at, prior_payer_amount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (claim_id, payer_id, trace_number, claim_status_code) DO NOTHING
                """)
                        .params(
                                p.claimId(),
                                p.eventId(),
                                p.payerId(),
                                p.traceNumber(),
                                p.claimStatusCode(),
                                p.payerClaimNumber(),
                                p.paymentDate(),
                                p.chargeAmount(),
                                p.paidAmount(),
                                p.patientResponsibility(),
                                p.adjustedAmount(),
                                p.deniedAmount(),
                                p.postedAt().atOffset(ZoneOffset.UTC),
                                p.priorPayerAmount())
                        .update()
                == 1;
    }

    @Override
    public List<PostedPayment> forClaim(String claimId) {
        return jdbc.sql("SELECT * FROM claim_payment WHERE claim_id = ? ORDER BY id")
                .param(claimId)
                .query((rs, row) -> new PostedPayment(
                        rs.getString("claim_id"),
                        rs.getString("event_id"),
                        rs.getString("payer_id"),
                        rs.getString("trace_number"),
                        rs.getString("claim_status_code"),
                        rs.getString("payer_claim_number"),
                        rs.getObject("payment_date", LocalDate.class),
                        rs.getBigDecimal("charge_amount"),
                        rs.getBigDecimal("paid_amount"),
                        rs.getBigDecimal("patient_responsibility"),
                        rs.getBigDecimal("adjusted_amount"),
                        rs.getBigDecimal("denied_amount"),
                        rs.getObject("posted_at", OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal("prior_payer_amount")))
                .list();
    }
}
