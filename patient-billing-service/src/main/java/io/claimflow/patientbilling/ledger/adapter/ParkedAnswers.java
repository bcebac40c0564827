package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.PaymentPosted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Payers' answers waiting for their claim's ClaimSubmitted (table {@code awaiting_claim}), kept as the Avro event
 * itself (single-object encoding), so that posting a parked answer is posting the event.
 */
@Repository
class ParkedAnswers {

    /** A parked answer for a claim: a PaymentPosted or a ClaimDenied. */
    record Parked(long id, String claimId, SpecificRecord event) {}

    private final JdbcClient jdbc;

    ParkedAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Parks the answer; true when it was not parked before (same kind and eventId). */
    boolean park(String tenantId, String claimId, String eventId, SpecificRecord event) {
        String kind;
        ByteBuffer payload;
        try {
            if (event instanceof PaymentPosted p) {
                kind = "PAYMENT_POSTED";
                payload = p.toByteBuffer();
            } else if (event instanceof ClaimDenied d) {
                kind = "CLAIM_DENIED";
                payload = d.toByteBuffer();
            } else {
                throw new IllegalArgumentException("only PaymentPosted and ClaimDenied wait for their claim");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return jdbc.sql("""
                INSERT INTO awaiting_claim (tenant_id, claim_id, event_id, kind, payload)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, event_id) DO NOTHING""").params(tenantId, claimId, eventId, kind, bytes).update() == 1;
    }

    /** The answers waiting for the claim, in the order they arrived, locked for the transaction. */
    List<Parked> waitingFor(String tenantId, String claimId) {
        return jdbc.sql("""
                SELECT id, kind, payload FROM awaiting_claim
                WHERE tenant_id = ? AND claim_id = ? AND refused_reason IS NULL ORDER BY id FOR UPDATE""")
                .params(tenantId, claimId)
                .query((rs, n) -> new Parked(rs.getLong(1), claimId, decode(rs.getString(2), rs.getBytes(3))))
                .list();
    }

    /**
     * The answers of later payers' claims posting on {@code ledgerClaimId}'s ledger that wait for an earlier payer's
     * remittance there, in the order they arrived, locked for the transaction.
     */
    List<Parked> waitingOnLedger(String tenantId, String ledgerClaimId) {
        return jdbc.sql("""
                SELECT a.id, a.claim_id, a.kind, a.payload FROM awaiting_claim a
                JOIN claim c ON c.tenant_id = a.tenant_id AND c.claim_id = a.claim_id
                WHERE a.tenant_id = ? AND c.ledger_claim_id = ? AND a.refused_reason IS NULL
                ORDER BY a.id FOR UPDATE OF a""")
                .params(tenantId, ledgerClaimId)
                .query((rs, n) -> new Parked(rs.getLong(1), rs.getString(2), decode(rs.getString(3), rs.getBytes(4))))
                .list();
    }

    /** The answer has been posted (or found to post nothing). */
    void remove(long id) {
        jdbc.sql("DELETE FROM awaiting_claim WHERE id = ?").param(id).update();
    }

    /** The posting rules refused the answer once its claim was known: kept with the reason. */
    void refuse(long id, String reason) {
        jdbc.sql("UPDATE awaiting_claim SET refused_reason = ? WHERE id = ?")
                .params(reason, id)
                .update();
    }

    /** How many answers wait for a claim, for the metric. */
    long waiting() {
        return jdbc.sql("SELECT count(*) FROM awaiting_claim WHERE refused_reason IS NULL")
                .query(Long.class)
                .single();
    }

    private static SpecificRecord decode(String kind, byte[] payload) {
        try {
            return switch (kind) {
                case "PAYMENT_POSTED" -> PaymentPosted.fromByteBuffer(ByteBuffer.wrap(payload));
                case "CLAIM_DENIED" -> ClaimDenied.fromByteBuffer(ByteBuffer.wrap(payload));
                default -> throw new IllegalStateException("unknown parked kind " + kind);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
