package io.claimflow.claim.payment.adapter;

import io.claimflow.claim.payment.Payments;
import io.claimflow.platform.jdbc.TransactionRows;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Posted remittances in table {@code claim_payment}; its unique key makes a repeated remittance post nothing. A
 * claim's first remittance is held and written with the transaction's others in one statement when it commits
 * (issue 22), unless a value of it is one the table would refuse: that one is written at once, so that it fails on
 * its own record.
 */
@Repository
class JdbcPayments implements Payments {

    private static final BigDecimal NUMERIC_12_2_LIMIT = new BigDecimal("10000000000");

    private final JdbcClient jdbc;
    private final TransactionRows<PostedPayment> held = new TransactionRows<>(this::writeHeld);
    // the claims whose remittance this transaction holds back (a resource of the transaction, gone with it)
    private final Object heldClaimsKey = new Object();

    JdbcPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recordFirst(PostedPayment p) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || !fits(p)) {
            record(p);
            return;
        }
        heldClaims(true).add(p.claimId());
        held.add(p);
    }

    @Override
    public boolean holdsFor(String claimId) {
        Set<String> claims = heldClaims(false);
        return claims != null && claims.contains(claimId);
    }

    // whether the table takes the row as it is (NOT NULL columns, numeric(12, 2), a date PostgreSQL has): a held row
    // must not fail on its own at the commit, where the failure could not be pinned on its record
    private static boolean fits(PostedPayment p) {
        return p.claimId() != null
                && p.eventId() != null
                && p.payerId() != null
                && p.traceNumber() != null
                && p.claimStatusCode() != null
                && p.payerClaimNumber() != null
                && p.paymentDate() != null
                && p.paymentDate().getYear() >= 1
                && p.paymentDate().getYear() <= 9999
                && p.postedAt() != null
                && Stream.of(
                                p.chargeAmount(),
                                p.paidAmount(),
                                p.patientResponsibility(),
                                p.adjustedAmount(),
                                p.deniedAmount(),
                                p.priorPayerAmount())
                        .allMatch(a -> a != null
                                && a.setScale(2, RoundingMode.HALF_UP).abs().compareTo(NUMERIC_12_2_LIMIT) < 0);
    }

    @SuppressWarnings("unchecked")
    private Set<String> heldClaims(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Set<String> claims = (Set<String>) TransactionSynchronizationManager.getResource(heldClaimsKey);
        if (claims == null && create) {
            Set<String> fresh = new HashSet<>();
            TransactionSynchronizationManager.bindResource(heldClaimsKey, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(heldClaimsKey);
                }
            });
            claims = fresh;
        }
        return claims;
    }

    private void writeHeld(List<PostedPayment> rows) {
        int n = rows.size();
        String[][] text = new String[6][n];
        String[] dates = new String[n];
        String[][] amounts = new String[6][n];
        String[] postedAt = new String[n];
        for (int i = 0; i < n; i++) {
            PostedPayment p = rows.get(i);
            text[0][i] = p.claimId();
            text[1][i] = p.eventId();
            text[2][i] = p.payerId();
            text[3][i] = p.traceNumber();
            text[4][i] = p.claimStatusCode();
            text[5][i] = p.payerClaimNumber();
            dates[i] = p.paymentDate().toString();
            amounts[0][i] = p.chargeAmount().toPlainString();
            amounts[1][i] = p.paidAmount().toPlainString();
            amounts[2][i] = p.patientResponsibility().toPlainString();
            amounts[3][i] = p.adjustedAmount().toPlainString();
            amounts[4][i] = p.deniedAmount().toPlainString();
            amounts[5][i] = p.priorPayerAmount().toPlainString();
            postedAt[i] = p.postedAt().toString();
        }
        // no ON CONFLICT: a held remittance cannot be posted already, and if it were, the commit must fail, not
        // drop it
        jdbc.sql("""
                INSERT INTO claim_payment (claim_id, event_id, payer_id, trace_number, claim_status_code,
                    payer_claim_number, payment_date, charge_amount, paid_amount, patient_responsibility,
                    adjusted_amount, denied_amount, posted_at, prior_payer_amount)
                SELECT claim_id, event_id, payer_id, trace_number, claim_status_code, payer_claim_number, payment_date,
                    charge_amount, paid_amount, patient_responsibility, adjusted_amount, denied_amount, posted_at,
                    prior_payer_amount
                FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS text[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS numeric[]),
                        CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS numeric[]),
                        CAST(? AS timestamptz[]), CAST(? AS numeric[]))
                    WITH ORDINALITY AS p (claim_id, event_id, payer_id, trace_number, claim_status_code,
                        payer_claim_number, payment_date, charge_amount, paid_amount, patient_responsibility,
                        adjusted_amount, denied_amount, posted_at, prior_payer_amount, n)
                ORDER BY n
                """)
                .params(
                        text[0],
                        text[1],
                        text[2],
                        text[3],
                        text[4],
                        text[5],
                        dates,
                        amounts[0],
                        amounts[1],
                        amounts[2],
                        amounts[3],
                        amounts[4],
                        postedAt,
                        amounts[5])
                .update();
        Set<String> claims = heldClaims(false);
        if (claims != null) {
            claims.clear();
        }
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
        held.flush(); // this transaction's held remittances, in their order
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
