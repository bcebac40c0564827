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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
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
    public record PaymentRequest(BigDecimal amount, String method, String reference, LocalDate receivedOn,
            String claimId) {
    }

    /** A recorded payment and where it went. */
    public record RecordedPayment(long paymentId, long accountId, long journalEntryId, BigDecimal amount, String method,
            LocalDate receivedOn, List<Applied> applied, BigDecimal toCredit, BigDecimal balanceAfter,
            boolean created) {
    }

    /** Part of a payment applied to a claim. */
    public record Applied(String claimId, BigDecimal amount) {
    }

    private final JdbcClient jdbc;
    private final Journal journal;
    private final AccountQueries accounts;
    private final AuditTrail auditTrail;
    private final Clock clock;

    PatientPayments(JdbcClient jdbc, Journal journal, AccountQueries accounts, AuditTrail auditTrail,
            Clock clock) {
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
                    .param(earlier.get().paymentId()).query(String.class).single();
            if (!earlierHash.equals(hash)) {
                throw new ConflictException("the Idempotency-Key was already used for a different payment on account "
                        + accountId);
            }
            return earlier.get();
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate receivedOn = request.receivedOn() == null ? today : request.receivedOn();
        if (receivedOn.isAfter(today)) {
            throw new InvalidInputException("receivedOn cannot be in the future");
        }
        List<io.claimflow.patientbilling.account.OpenClaim> open = accounts.openClaims(accountId);
        if (request.claimId() != null && open.stream()
                .noneMatch(c -> c.claimId().equals(request.claimId()) && c.balance().signum() > 0)) {
            throw new InvalidInputException("claimId names no claim with an open patient balance on this account");
        }
        Posting posting = PaymentAllocation.allocate(request.amount(), open,
                request.claimId(), receivedOn, "patient payment " + request.method().toLowerCase()
                        + (request.reference() == null ? "" : " " + request.reference()));
        long entryId = journal.write(account.tenantId(), accountId, posting, Journal.Source.NONE);
        long paymentId = jdbc.sql("""
                INSERT INTO patient_payment (tenant_id, account_id, idempotency_key, request_hash, amount, method,
                    reference, received_on, journal_entry_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(account.tenantId(), accountId, idempotencyKey, hash, request.amount(), request.method(),
                        request.reference(), receivedOn, entryId)
                .query(Long.class).single();
        auditTrail.changed("patient-payment.recorded", "patient-account", Long.toString(accountId));
        return describe(paymentId, accountId, entryId, request.amount(), request.method(), receivedOn, true);
    }

    private Optional<RecordedPayment> find(long accountId, String key) {
        return jdbc.sql("SELECT id, journal_entry_id, amount, method, received_on FROM patient_payment "
                + "WHERE account_id = ? AND idempotency_key = ?")
                .params(accountId, key)
                .query((rs, n) -> describe(rs.getLong(1), accountId, rs.getLong(2), rs.getBigDecimal(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), false))
                .optional();
    }

    private RecordedPayment describe(long paymentId, long accountId, long entryId, BigDecimal amount, String method,
            LocalDate receivedOn, boolean created) {
        List<JournalLine> lines = jdbc.sql("SELECT ledger_account, claim_id, amount FROM journal_line "
                + "WHERE entry_id = ? ORDER BY line_no")
                .param(entryId)
                .query((rs, n) -> JournalLine.of(LedgerAccount.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getBigDecimal(3)))
                .list();
        List<Applied> applied = lines.stream().filter(l -> l.account() == LedgerAccount.PATIENT_RECEIVABLE)
                .map(l -> new Applied(l.claimId(), l.amount().negate())).toList();
        BigDecimal toCredit = lines.stream().filter(l -> l.account() == LedgerAccount.PATIENT_CREDIT)
                .map(l -> l.amount().negate()).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new RecordedPayment(paymentId, accountId, entryId, amount.setScale(2), method, receivedOn, applied,
                toCredit, accounts.balance(accountId), created);
    }

    private static String hash(PaymentRequest r) {
        String canonical = String.join("|", r.amount().setScale(2).toPlainString(), r.method(),
                String.valueOf(r.reference()), String.valueOf(r.receivedOn()), String.valueOf(r.claimId()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
