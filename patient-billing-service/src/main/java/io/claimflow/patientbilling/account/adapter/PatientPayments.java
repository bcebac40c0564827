package io.claimflow.patientbilling.account.adapter;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.PaymentAllocation;
import io.claimflow.patientbilling.ledger.Journal;
import io.claimflow.patientbilling.ledger.JournalLine;
import io.claimflow.patientbilling.ledger.LedgerAccount;
import io.claimflow.patientbilling.ledger.Posting;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.web.ConflictException;
import io.claimflow.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records patient payments: once per idempotency key (a double click or a retried request posts once), applied to
 * the chosen claim or the oldest balances first, the rest as credit.
 */
@Service
public class PatientPayments {

    /** What the person entered; {@code receivedOn} null means today. */
    public record PaymentRequest(
            BigDecimal amount, String method, String reference, LocalDate receivedOn, String claimId) {}

    /** A recorded payment and where it went. */
    public record RecordedPayment(
            long paymentId,
            long accountId,
            long journalEntryId,
            BigDecimal amount,
            String method,
            LocalDate receivedOn,
            List<Applied> applied,
            BigDecimal toCredit,
            BigDecimal balanceAfter,
            boolean created) {}

    /** Part of a payment applied to a claim. */
    public record Applied(String claimId, BigDecimal amount) {}

    /** A payment's reversal: the entry that undid it, why and by whom. */
    public record Reversal(
            long paymentId,
            long accountId,
            long reversalEntryId,
            String reason,
            String reversedBy,
            Instant reversedAt,
            BigDecimal balanceAfter,
            boolean created) {}

    /** A payment as a receipt shows it (and the account's payment list): POSTED, or REVERSED with why. */
    public record Receipt(
            long paymentId,
            long accountId,
            String accountNumber,
            BigDecimal amount,
            String method,
            String reference,
            LocalDate receivedOn,
            Instant recordedAt,
            List<Applied> applied,
            BigDecimal toCredit,
            String status,
            String reversalReason,
            String reversedBy,
            Instant reversedAt) {}

    /** A refund of patient credit as entered. */
    public record RefundRequest(BigDecimal amount, String method, String reason) {}

    /** A recorded refund. */
    public record RecordedRefund(
            long refundId,
            long accountId,
            long journalEntryId,
            BigDecimal amount,
            String method,
            String reason,
            String refundedBy,
            BigDecimal balanceAfter,
            boolean created) {}

    private final JdbcClient jdbc;
    private final Journal journal;
    private final AccountQueries accounts;
    private final AuditTrail auditTrail;
    private final Clock clock;

    PatientPayments(JdbcClient jdbc, Journal journal, AccountQueries accounts, AuditTrail auditTrail, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    @Transactional
    public RecordedPayment record(long accountId, String idempotencyKey, PaymentRequest request) {
        AccountQueries.Account account = accounts.require(accountId);
        journal.lockAccount(accountId); // the same key twice at once: the second waits and then finds the first
        String hash = hash(request); // of the request as sent, so a retry tomorrow of "received today" still matches
        Optional<RecordedPayment> earlier = find(accountId, idempotencyKey);
        if (earlier.isPresent()) {
            String earlierHash = jdbc.sql("SELECT request_hash FROM patient_payment WHERE id = ?")
                    .param(earlier.get().paymentId())
                    .query(String.class)
                    .single();
            if (!earlierHash.equals(hash)) {
                throw new ConflictException(
                        "the Idempotency-Key was already used for a different payment on account " + accountId);
            }
            return earlier.get();
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate receivedOn = request.receivedOn() == null ? today : request.receivedOn();
        if (receivedOn.isAfter(today)) {
            throw new InvalidInputException("receivedOn cannot be in the future");
        }
        List<io.claimflow.patientbilling.account.OpenClaim> open = accounts.openClaims(accountId);
        if (request.claimId() != null
                && open.stream()
                        .noneMatch(c -> c.claimId().equals(request.claimId())
                                && c.balance().signum() > 0)) {
            throw new InvalidInputException("claimId names no claim with an open patient balance on this account");
        }
        Posting posting = PaymentAllocation.allocate(
                request.amount(),
                open,
                request.claimId(),
                receivedOn,
                "patient payment " + request.method().toLowerCase()
                        + (request.reference() == null ? "" : " " + request.reference()));
        long entryId = journal.write(account.tenantId(), accountId, posting, Journal.Source.NONE);
        long paymentId = jdbc.sql("""
                INSERT INTO patient_payment (tenant_id, account_id, idempotency_key, request_hash, amount, method,
                    reference, received_on, journal_entry_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        account.tenantId(),
                        accountId,
                        idempotencyKey,
                        hash,
                        request.amount(),
                        request.method(),
                        request.reference(),
                        receivedOn,
                        entryId)
                .query(Long.class)
                .single();
        auditTrail.changed("patient-payment.recorded", "patient-account", Long.toString(accountId));
        return describe(paymentId, accountId, entryId, request.amount(), request.method(), receivedOn, true);
    }

    /**
     * Reverses a payment with a reason: the opposite of its journal entry, once (a second request answers with the
     * first reversal).
     */
    @Transactional
    public Reversal reverse(long accountId, long paymentId, String reason, String user) {
        AccountQueries.Account account = accounts.require(accountId);
        journal.lockAccount(accountId);
        long entryId = jdbc.sql("SELECT journal_entry_id FROM patient_payment WHERE id = ? AND account_id = ?")
                .params(paymentId, accountId)
                .query(Long.class)
                .optional()
                .orElseThrow(
                        () -> new NotFoundException("patient account " + accountId + " has no payment " + paymentId));
        Optional<Reversal> earlier = findReversal(accountId, paymentId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Posting posting = PaymentAllocation.reversal(
                entryId, lines(entryId), LocalDate.now(clock), "patient payment " + paymentId + " reversed: " + reason);
        long reversalEntry = journal.write(account.tenantId(), accountId, posting, Journal.Source.NONE);
        jdbc.sql("INSERT INTO patient_payment_reversal (payment_id, journal_entry_id, reason, reversed_by) "
                        + "VALUES (?, ?, ?, ?)")
                .params(paymentId, reversalEntry, reason, user)
                .update();
        auditTrail.changed("patient-payment.reversed", "patient-account", Long.toString(accountId));
        Reversal done = findReversal(accountId, paymentId).orElseThrow();
        return new Reversal(
                done.paymentId(),
                accountId,
                done.reversalEntryId(),
                done.reason(),
                done.reversedBy(),
                done.reversedAt(),
                done.balanceAfter(),
                true);
    }

    /** Pays patient credit back, once per idempotency key; never more than the account's credit. */
    @Transactional
    public RecordedRefund refund(long accountId, String idempotencyKey, RefundRequest request, String user) {
        AccountQueries.Account account = accounts.require(accountId);
        journal.lockAccount(accountId);
        String hash = digest(
                String.join("|", request.amount().setScale(2).toPlainString(), request.method(), request.reason()));
        Optional<RecordedRefund> earlier = findRefund(accountId, idempotencyKey);
        if (earlier.isPresent()) {
            String earlierHash = jdbc.sql("SELECT request_hash FROM patient_refund WHERE id = ?")
                    .param(earlier.get().refundId())
                    .query(String.class)
                    .single();
            if (!earlierHash.equals(hash)) {
                throw new ConflictException(
                        "the Idempotency-Key was already used for a different refund on account " + accountId);
            }
            return earlier.get();
        }
        Posting posting;
        try {
            posting = PaymentAllocation.refund(
                    request.amount(),
                    accounts.credit(accountId),
                    LocalDate.now(clock),
                    "refund " + request.method().toLowerCase() + ": " + request.reason());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        long entryId = journal.write(account.tenantId(), accountId, posting, Journal.Source.NONE);
        jdbc.sql("""
                INSERT INTO patient_refund (tenant_id, account_id, idempotency_key, request_hash, amount, method,
                    reason, journal_entry_id, refunded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        account.tenantId(),
                        accountId,
                        idempotencyKey,
                        hash,
                        request.amount(),
                        request.method(),
                        request.reason(),
                        entryId,
                        user)
                .update();
        auditTrail.changed("patient-refund.recorded", "patient-account", Long.toString(accountId));
        RecordedRefund done = findRefund(accountId, idempotencyKey).orElseThrow();
        return new RecordedRefund(
                done.refundId(),
                accountId,
                entryId,
                done.amount(),
                done.method(),
                done.reason(),
                done.refundedBy(),
                done.balanceAfter(),
                true);
    }

    /** The account's payments, newest first, each as its receipt. */
    @Transactional(readOnly = true)
    public List<Receipt> payments(long accountId, int limit) {
        AccountQueries.Account account = accounts.require(accountId);
        return jdbc.sql(RECEIPTS + " WHERE p.account_id = ? ORDER BY p.id DESC LIMIT ?")
                .params(accountId, limit)
                .query((rs, n) -> receipt(rs, account.accountNumber()))
                .list();
    }

    /** One payment's receipt. */
    @Transactional(readOnly = true)
    public Receipt receipt(long accountId, long paymentId) {
        AccountQueries.Account account = accounts.require(accountId);
        return jdbc.sql(RECEIPTS + " WHERE p.account_id = ? AND p.id = ?")
                .params(accountId, paymentId)
                .query((rs, n) -> receipt(rs, account.accountNumber()))
                .optional()
                .orElseThrow(
                        () -> new NotFoundException("patient account " + accountId + " has no payment " + paymentId));
    }

    private static final String RECEIPTS = """
            SELECT p.id, p.account_id, p.amount, p.method, p.reference, p.received_on, p.recorded_at,
                   p.journal_entry_id, r.reason, r.reversed_by, r.reversed_at
            FROM patient_payment p LEFT JOIN patient_payment_reversal r ON r.payment_id = p.id""";

    private Receipt receipt(java.sql.ResultSet rs, String accountNumber) throws java.sql.SQLException {
        List<JournalLine> lines = lines(rs.getLong(8));
        List<Applied> applied = lines.stream()
                .filter(l -> l.account() == LedgerAccount.PATIENT_RECEIVABLE)
                .map(l -> new Applied(l.claimId(), l.amount().negate()))
                .toList();
        BigDecimal toCredit = lines.stream()
                .filter(l -> l.account() == LedgerAccount.PATIENT_CREDIT)
                .map(l -> l.amount().negate())
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        java.sql.Timestamp reversedAt = rs.getTimestamp(11);
        return new Receipt(
                rs.getLong(1),
                rs.getLong(2),
                accountNumber,
                rs.getBigDecimal(3).setScale(2),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, LocalDate.class),
                rs.getTimestamp(7).toInstant(),
                applied,
                toCredit,
                reversedAt == null ? "POSTED" : "REVERSED",
                rs.getString(9),
                rs.getString(10),
                reversedAt == null ? null : reversedAt.toInstant());
    }

    private Optional<Reversal> findReversal(long accountId, long paymentId) {
        return jdbc.sql("SELECT journal_entry_id, reason, reversed_by, reversed_at FROM patient_payment_reversal "
                        + "WHERE payment_id = ?")
                .param(paymentId)
                .query((rs, n) -> new Reversal(
                        paymentId,
                        accountId,
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        accounts.balance(accountId),
                        false))
                .optional();
    }

    private Optional<RecordedRefund> findRefund(long accountId, String key) {
        return jdbc.sql("SELECT id, journal_entry_id, amount, method, reason, refunded_by FROM patient_refund "
                        + "WHERE account_id = ? AND idempotency_key = ?")
                .params(accountId, key)
                .query((rs, n) -> new RecordedRefund(
                        rs.getLong(1),
                        accountId,
                        rs.getLong(2),
                        rs.getBigDecimal(3).setScale(2),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        accounts.balance(accountId),
                        false))
                .optional();
    }

    private List<JournalLine> lines(long entryId) {
        return jdbc.sql("SELECT ledger_account, claim_id, component, amount FROM journal_line "
                        + "WHERE entry_id = ? ORDER BY line_no")
                .param(entryId)
                .query((rs, n) -> new JournalLine(
                        LedgerAccount.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getString(3) == null
                                ? null
                                : io.claimflow.patientbilling.ledger.ResponsibilityKind.valueOf(rs.getString(3)),
                        rs.getBigDecimal(4)))
                .list();
    }

    private Optional<RecordedPayment> find(long accountId, String key) {
        return jdbc.sql("SELECT id, journal_entry_id, amount, method, received_on FROM patient_payment "
                        + "WHERE account_id = ? AND idempotency_key = ?")
                .params(accountId, key)
                .query((rs, n) -> describe(
                        rs.getLong(1),
                        accountId,
                        rs.getLong(2),
                        rs.getBigDecimal(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        false))
                .optional();
    }

    private RecordedPayment describe(
            long paymentId,
            long accountId,
            long entryId,
            BigDecimal amount,
            String method,
            LocalDate receivedOn,
            boolean created) {
        List<JournalLine> lines = jdbc.sql("SELECT ledger_account, claim_id, amount FROM journal_line "
                        + "WHERE entry_id = ? ORDER BY line_no")
                .param(entryId)
                .query((rs, n) ->
                        JournalLine.of(LedgerAccount.valueOf(rs.getString(1)), rs.getString(2), rs.getBigDecimal(3)))
                .list();
        List<Applied> applied = lines.stream()
                .filter(l -> l.account() == LedgerAccount.PATIENT_RECEIVABLE)
                .map(l -> new Applied(l.claimId(), l.amount().negate()))
                .toList();
        BigDecimal toCredit = lines.stream()
                .filter(l -> l.account() == LedgerAccount.PATIENT_CREDIT)
                .map(l -> l.amount().negate())
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new RecordedPayment(
                paymentId,
                accountId,
                entryId,
                amount.setScale(2),
                method,
                receivedOn,
                applied,
                toCredit,
                accounts.balance(accountId),
                created);
    }

    private static String hash(PaymentRequest r) {
        return digest(String.join(
                "|",
                r.amount().setScale(2).toPlainString(),
                r.method(),
                String.valueOf(r.reference()),
                String.valueOf(r.receivedOn()),
                String.valueOf(r.claimId())));
    }

    private static String digest(String canonical) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
