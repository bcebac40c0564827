package io.claimflow.patientbilling.account.adapter;

import io.claimflow.patientbilling.account.PaymentRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Patient payments, their reversals and refunds in PostgreSQL. */
@Repository
class JdbcPaymentRecords implements PaymentRecords {

    private static final String PAYMENTS = """
            SELECT p.id, p.account_id, p.journal_entry_id, p.amount, p.method, p.reference, p.received_on,
                   p.recorded_at, p.request_hash, r.journal_entry_id, r.reason, r.reversed_by, r.reversed_at
            FROM patient_payment p LEFT JOIN patient_payment_reversal r ON r.payment_id = p.id""";

    private final JdbcClient jdbc;

    JdbcPaymentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredPayment> paymentByKey(long accountId, String idempotencyKey) {
        return jdbc.sql(PAYMENTS + " WHERE p.account_id = ? AND p.idempotency_key = ?")
                .params(accountId, idempotencyKey)
                .query((rs, n) -> payment(rs))
                .optional();
    }

    @Override
    public Optional<StoredPayment> payment(long accountId, long paymentId) {
        return jdbc.sql(PAYMENTS + " WHERE p.account_id = ? AND p.id = ?")
                .params(accountId, paymentId)
                .query((rs, n) -> payment(rs))
                .optional();
    }

    @Override
    public List<StoredPayment> payments(long accountId, int limit) {
        return jdbc.sql(PAYMENTS + " WHERE p.account_id = ? ORDER BY p.id DESC LIMIT ?")
                .params(accountId, limit)
                .query((rs, n) -> payment(rs))
                .list();
    }

    private static StoredPayment payment(ResultSet rs) throws SQLException {
        Timestamp reversedAt = rs.getTimestamp(13);
        return new StoredPayment(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getBigDecimal(4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, LocalDate.class),
                rs.getTimestamp(8).toInstant(),
                rs.getString(9),
                reversedAt == null
                        ? null
                        : new StoredReversal(
                                rs.getLong(10), rs.getString(11), rs.getString(12), reversedAt.toInstant()));
    }

    @Override
    public long save(NewPayment p) {
        return jdbc.sql("""
                INSERT INTO patient_payment (tenant_id, account_id, idempotency_key, request_hash, amount, method,
                    reference, received_on, journal_entry_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        p.tenantId(),
                        p.accountId(),
                        p.idempotencyKey(),
                        p.requestHash(),
                        p.amount(),
                        p.method(),
                        p.reference(),
                        p.receivedOn(),
                        p.journalEntryId())
                .query(Long.class)
                .single();
    }

    @Override
    public void saveReversal(long paymentId, long journalEntryId, String reason, String reversedBy) {
        jdbc.sql("INSERT INTO patient_payment_reversal (payment_id, journal_entry_id, reason, reversed_by) "
                        + "VALUES (?, ?, ?, ?)")
                .params(paymentId, journalEntryId, reason, reversedBy)
                .update();
    }

    @Override
    public Optional<StoredRefund> refundByKey(long accountId, String idempotencyKey) {
        return jdbc.sql("SELECT id, journal_entry_id, amount, method, reason, refunded_by, request_hash "
                        + "FROM patient_refund WHERE account_id = ? AND idempotency_key = ?")
                .params(accountId, idempotencyKey)
                .query((rs, n) -> new StoredRefund(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getBigDecimal(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
    }

    @Override
    public void save(NewRefund r) {
        jdbc.sql("""
                INSERT INTO patient_refund (tenant_id, account_id, idempotency_key, request_hash, amount, method,
                    reason, journal_entry_id, refunded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        r.tenantId(),
                        r.accountId(),
                        r.idempotencyKey(),
                        r.requestHash(),
                        r.amount(),
                        r.method(),
                        r.reason(),
                        r.journalEntryId(),
                        r.refundedBy())
                .update();
    }
}
