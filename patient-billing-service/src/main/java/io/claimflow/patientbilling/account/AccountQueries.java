package io.claimflow.patientbilling.account;

import io.claimflow.patientbilling.ledger.PatientShare;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads patient accounts, their balances and ledger lines (the journal in the database, behind an adapter). */
public interface AccountQueries {

    /** A patient account and its mailing address. */
    public record Account(
            long id, String tenantId, String patientRef, String guarantorName, List<String> addressLines) {

        /** The number printed on statements: tenant and account id, no patient data. */
        public String accountNumber() {
            return tenantId + "-" + id;
        }
    }

    /** One journal line as the account view shows it. */
    public record LedgerLine(
            long entryId,
            int lineNo,
            String kind,
            LocalDate effectiveDate,
            String description,
            String ledgerAccount,
            String claimId,
            String component,
            BigDecimal amount,
            Instant postedAt) {}

    /** An account with its balance, for lists. */
    public record AccountBalance(long id, String tenantId, String patientRef, BigDecimal balance) {}

    /** What was posted on one claim of an account, for statements. */
    public record ClaimFigures(
            String claimId,
            String encounterId,
            LocalDate serviceFrom,
            LocalDate serviceTo,
            String provider,
            String billingProvider,
            BigDecimal charge,
            BigDecimal insurancePaid,
            BigDecimal adjustments,
            PatientShare share,
            BigDecimal balance,
            List<PayerPart> payers) {}

    /**
     * One payer's part of a visit (coordination of benefits): what it paid and what it adjusted (contractual and
     * other adjustments; a later payer's write-off of the patient share it did not pay), in the order the payers
     * answered. With what the patient owes, the parts add up to the visit's charge.
     */
    public record PayerPart(String payerName, BigDecimal paid, BigDecimal adjustments) {}

    /**
     * A visit whose patient share an earlier payer left is pending with the next payer: billed to it, so on no
     * statement's amount due and not in the patient's balance until the last payer answered.
     */
    public record PendingWithInsurance(
            String claimId, String encounterId, LocalDate serviceFrom, String billedTo, BigDecimal amount) {}

    Optional<Account> account(long id);

    /** The account's visits whose patient share is pending with a later payer. */
    List<PendingWithInsurance> pendingWithInsurance(long accountId);

    Account require(long id);

    /** What the patient owes: responsibility minus payments and adjustments, net of credit. */
    BigDecimal balance(long accountId);

    /** Unapplied patient money on the account (zero or negative). */
    BigDecimal credit(long accountId);

    /** Claims with a patient balance other than zero, with the date the patient became responsible. */
    List<OpenClaim> openClaims(long accountId);

    /** Open claims and credit of every account of a tenant with a balance, for the aging report and statement runs. */
    Map<Long, List<OpenClaim>> openClaimsByAccount(String tenantId);

    List<LedgerLine> ledger(long accountId, int limit);

    /** Accounts of a tenant whose balance lies within [min, max] (either may be null), by account id. */
    List<AccountBalance> accounts(String tenantId, BigDecimal min, BigDecimal max, int page, int size);

    long countAccounts(String tenantId, BigDecimal min, BigDecimal max);

    /** Per-claim figures of the account's claims with an open patient balance. */
    List<ClaimFigures> claimFigures(long accountId, List<String> claimIds);

    /** Patient payments received on the account after {@code after} (all when null). */
    BigDecimal paymentsAfter(long accountId, LocalDate after);

    /** Statements issued to the account since the patient last paid (all statements when never). */
    int statementsSinceLastPayment(long accountId);

    /** Patient payments recorded on the account since {@code since}. */
    BigDecimal paymentsRecordedSince(long accountId, Instant since);
}
