package io.claimflow.patientbilling.account;

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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records patient payments: once per idempotency key (a double click or a retried request posts once), applied to
 * the chosen claim or the oldest balances first, the rest as credit; reverses them once, with a reason; refunds
 * patient credit. Reaches the database through {@link PaymentRecords} and the ledger's {@link Journal}.
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

    private final PaymentRecords records;
    private final Journal journal;
    private final AccountQueries accounts;
    private final AuditTrail auditTrail;
    private final Clock clock;

    PatientPayments(
            PaymentRecords records, Journal journal, AccountQueries accounts, AuditTrail auditTrail, Clock clock) {
        this.records = records;
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
        Optional<PaymentRecords.StoredPayment> earlier = records.paymentByKey(accountId, idempotencyKey);
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(hash)) {
                throw new ConflictException(
                        "the Idempotency-Key was already used for a different payment on account " + accountId);
            }
            PaymentRecords.StoredPayment p = earlier.get();
            return recorded(p.id(), accountId, p.journalEntryId(), p.amount(), p.method(), p.receivedOn(), false);
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate receivedOn = request.receivedOn() == null ? today : request.receivedOn();
        if (receivedOn.isAfter(today)) {
            throw new InvalidInputException("receivedOn cannot be in the future");
        }
        List<OpenClaim> open = accounts.openClaims(accountId);
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
        long paymentId = records.save(new PaymentRecords.NewPayment(
                account.tenantId(),
                accountId,
                idempotencyKey,
                hash,
                request.amount(),
                request.method(),
                request.reference(),
                receivedOn,
                entryId));
        auditTrail.changed("patient-payment.recorded", "patient-account", Long.toString(accountId));
        return recorded(paymentId, accountId, entryId, request.amount(), request.method(), receivedOn, true);
    }

    /**
     * Reverses a payment with a reason: the opposite of its journal entry, once (a second request answers with the
     * first reversal).
     */
    @Transactional
    public Reversal reverse(long accountId, long paymentId, String reason, String user) {
        AccountQueries.Account account = accounts.require(accountId);
        journal.lockAccount(accountId);
        PaymentRecords.StoredPayment payment = records.payment(accountId, paymentId)
                .orElseThrow(
                        () -> new NotFoundException("patient account " + accountId + " has no payment " + paymentId));
        if (payment.reversal() != null) {
            return reversal(payment, false);
        }
        long entryId = payment.journalEntryId();
        Posting posting = PaymentAllocation.reversal(
                entryId,
                journal.entryLines(entryId),
                LocalDate.now(clock),
                "patient payment " + paymentId + " reversed: " + reason);
        long reversalEntry = journal.write(account.tenantId(), accountId, posting, Journal.Source.NONE);
        records.saveReversal(paymentId, reversalEntry, reason, user);
        auditTrail.changed("patient-payment.reversed", "patient-account", Long.toString(accountId));
        return reversal(records.payment(accountId, paymentId).orElseThrow(), true);
    }

    /** Pays patient credit back, once per idempotency key; never more than the account's credit. */
    @Transactional
    public RecordedRefund refund(long accountId, String idempotencyKey, RefundRequest request, String user) {
        AccountQueries.Account account = accounts.require(accountId);
        journal.lockAccount(accountId);
        String hash = digest(
                String.join("|", request.amount().setScale(2).toPlainString(), request.method(), request.reason()));
        Optional<PaymentRecords.StoredRefund> earlier = records.refundByKey(accountId, idempotencyKey);
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(hash)) {
                throw new ConflictException(
                        "the Idempotency-Key was already used for a different refund on account " + accountId);
            }
            return refunded(earlier.get(), accountId, false);
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
        records.save(new PaymentRecords.NewRefund(
                account.tenantId(),
                accountId,
                idempotencyKey,
                hash,
                request.amount(),
                request.method(),
                request.reason(),
                entryId,
                user));
        auditTrail.changed("patient-refund.recorded", "patient-account", Long.toString(accountId));
        return refunded(records.refundByKey(accountId, idempotencyKey).orElseThrow(), accountId, true);
    }

    /** The account's payments, newest first, each as its receipt. */
    @Transactional(readOnly = true)
    public List<Receipt> payments(long accountId, int limit) {
        AccountQueries.Account account = accounts.require(accountId);
        return records.payments(accountId, limit).stream()
                .map(p -> receipt(p, account.accountNumber()))
                .toList();
    }

    /** One payment's receipt. */
    @Transactional(readOnly = true)
    public Receipt receipt(long accountId, long paymentId) {
        AccountQueries.Account account = accounts.require(accountId);
        return records.payment(accountId, paymentId)
                .map(p -> receipt(p, account.accountNumber()))
                .orElseThrow(
                        () -> new NotFoundException("patient account " + accountId + " has no payment " + paymentId));
    }

    private Receipt receipt(PaymentRecords.StoredPayment p, String accountNumber) {
        Split split = split(p.journalEntryId());
        PaymentRecords.StoredReversal reversal = p.reversal();
        return new Receipt(
                p.id(),
                p.accountId(),
                accountNumber,
                p.amount().setScale(2),
                p.method(),
                p.reference(),
                p.receivedOn(),
                p.recordedAt(),
                split.applied(),
                split.toCredit(),
                reversal == null ? "POSTED" : "REVERSED",
                reversal == null ? null : reversal.reason(),
                reversal == null ? null : reversal.reversedBy(),
                reversal == null ? null : reversal.reversedAt());
    }

    private Reversal reversal(PaymentRecords.StoredPayment payment, boolean created) {
        PaymentRecords.StoredReversal r = payment.reversal();
        return new Reversal(
                payment.id(),
                payment.accountId(),
                r.journalEntryId(),
                r.reason(),
                r.reversedBy(),
                r.reversedAt(),
                accounts.balance(payment.accountId()),
                created);
    }

    private RecordedRefund refunded(PaymentRecords.StoredRefund r, long accountId, boolean created) {
        return new RecordedRefund(
                r.id(),
                accountId,
                r.journalEntryId(),
                r.amount().setScale(2),
                r.method(),
                r.reason(),
                r.refundedBy(),
                accounts.balance(accountId),
                created);
    }

    private RecordedPayment recorded(
            long paymentId,
            long accountId,
            long entryId,
            BigDecimal amount,
            String method,
            LocalDate receivedOn,
            boolean created) {
        Split split = split(entryId);
        return new RecordedPayment(
                paymentId,
                accountId,
                entryId,
                amount.setScale(2),
                method,
                receivedOn,
                split.applied(),
                split.toCredit(),
                accounts.balance(accountId),
                created);
    }

    /** Where a payment's journal entry put the money: per claim, and as credit. */
    private record Split(List<Applied> applied, BigDecimal toCredit) {}

    private Split split(long entryId) {
        List<JournalLine> lines = journal.entryLines(entryId);
        List<Applied> applied = lines.stream()
                .filter(l -> l.account() == LedgerAccount.PATIENT_RECEIVABLE)
                .map(l -> new Applied(l.claimId(), l.amount().negate()))
                .toList();
        BigDecimal toCredit = lines.stream()
                .filter(l -> l.account() == LedgerAccount.PATIENT_CREDIT)
                .map(l -> l.amount().negate())
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new Split(applied, toCredit);
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
