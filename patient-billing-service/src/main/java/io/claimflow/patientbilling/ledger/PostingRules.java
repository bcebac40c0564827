package io.claimflow.patientbilling.ledger;

import static io.claimflow.patientbilling.ledger.LedgerAccount.CONTRACTUAL_ADJUSTMENT;
import static io.claimflow.patientbilling.ledger.LedgerAccount.GROSS_CHARGES;
import static io.claimflow.patientbilling.ledger.LedgerAccount.INSURANCE_CASH;
import static io.claimflow.patientbilling.ledger.LedgerAccount.INSURANCE_RECEIVABLE;
import static io.claimflow.patientbilling.ledger.LedgerAccount.OTHER_ADJUSTMENT;
import static io.claimflow.patientbilling.ledger.LedgerAccount.PATIENT_CREDIT;
import static io.claimflow.patientbilling.ledger.LedgerAccount.PATIENT_RECEIVABLE;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How remittances and denials turn into journal entries. Pure functions of the event and what the claim's ledger
 * holds already; every result balances.
 *
 * <ul>
 *   <li>Primary (and denied-in-835) remittance: the charge moves into insurance receivable; the payer's payment, the
 *       contractual (CO) and other (OA/PI/CR) adjustments and the patient's share (PR-1 deductible, PR-2
 *       coinsurance, PR-3 copay, other PR) each settle part of it, so insurance receivable for the claim ends at
 *       zero. Denial entries still standing on the claim are superseded (their exact opposite is part of the entry):
 *       the remittance is the payer's final word.</li>
 *   <li>Secondary or tertiary remittance: no new charge. The patient's share is restated to the later payer's PR
 *       amounts; the later payer's payment and the rest (its write-off) reduce what the patient owes. If the patient
 *       had already paid more than is now owed, the excess moves to patient credit.</li>
 *   <li>Reversal (status 22): the exact opposite of the standing remittance it reverses, and of the denial from the
 *       same 835 that remittance superseded (its fully denied lines); a denial from an earlier 835 stands again.</li>
 *   <li>Denial with PR adjustments: the charge (if not posted yet) and the PR amounts move to the patient; the rest
 *       stays with insurance while the claim is worked. Nothing when a standing remittance covers the claim.</li>
 * </ul>
 */
public final class PostingRules {

    private PostingRules() {
    }

    /**
     * The entry for a remittance, or empty when it posts nothing (not a payment).
     *
     * @throws IllegalArgumentException when the remittance does not balance, is a reversal of nothing, or cannot be
     *     posted on this claim's ledger (a secondary before any primary, a second primary without a reversal)
     */
    public static Optional<Posting> remittance(Remittance r, ClaimLedger ledger) {
        return switch (r.status()) {
            case NO_PAYMENT -> Optional.empty();
            case UNKNOWN -> throw new IllegalArgumentException("claim " + r.claimId() + ": claim status code "
                    + r.statusCode() + " is not one this service posts");
            case REVERSAL -> Optional.of(reversal(r, ledger));
            case SECONDARY -> secondary(r, ledger);
            case PRIMARY, DENIED -> Optional.of(primary(r, ledger));
        };
    }

    private static Posting primary(Remittance r, ClaimLedger ledger) {
        r.requireBalanced();
        if (!ledger.standing(EntryKind.REMITTANCE).isEmpty()) {
            throw new IllegalArgumentException("claim " + r.claimId() + " already has a standing remittance; "
                    + "a payer corrects one with a reversal (claim status 22) first");
        }
        List<JournalLine> lines = new ArrayList<>();
        List<Long> superseded = new ArrayList<>();
        for (PostedEntry denial : ledger.standing(EntryKind.DENIAL_RESPONSIBILITY)) {
            denial.lines().forEach(l -> lines.add(l.opposite()));
            superseded.add(denial.id());
        }
        String claim = r.claimId();
        add(lines, INSURANCE_RECEIVABLE, claim, null, r.charge());
        add(lines, GROSS_CHARGES, claim, null, r.charge().negate());
        settle(lines, claim, INSURANCE_CASH, null, r.paid());
        settle(lines, claim, CONTRACTUAL_ADJUSTMENT, null, r.contractualAdjustment());
        settle(lines, claim, OTHER_ADJUSTMENT, null, r.otherAdjustments());
        for (ResponsibilityKind kind : ResponsibilityKind.values()) {
            settle(lines, claim, PATIENT_RECEIVABLE, kind, r.patientShare().get(kind));
        }
        return new Posting(EntryKind.REMITTANCE, claim, r.paymentDate(),
                "remittance " + r.traceNumber() + " status " + r.statusCode(), lines, superseded);
    }

    private static Optional<Posting> secondary(Remittance r, ClaimLedger ledger) {
        if (ledger.standing(EntryKind.REMITTANCE).isEmpty()) {
            throw new IllegalArgumentException("claim " + r.claimId() + ": secondary remittance " + r.traceNumber()
                    + " before any primary remittance was posted");
        }
        String claim = r.claimId();
        PatientShare before = ledger.patientShare();
        PatientShare after = r.patientShare();
        if (after.total().compareTo(r.reportedPatientTotal()) != 0) {
            throw new IllegalArgumentException("remittance for claim " + claim + ": patient responsibility parts sum to "
                    + after.total().toPlainString() + ", total says " + r.reportedPatientTotal().toPlainString());
        }
        BigDecimal writeOff = before.total().subtract(after.total()).subtract(r.paid());
        if (writeOff.signum() < 0) {
            throw new IllegalArgumentException("claim " + claim + ": secondary remittance " + r.traceNumber()
                    + " leaves the patient " + after.total().toPlainString() + " and pays " + r.paid().toPlainString()
                    + ", more than the " + before.total().toPlainString() + " the patient owed");
        }
        List<JournalLine> lines = new ArrayList<>();
        for (ResponsibilityKind kind : ResponsibilityKind.values()) {
            add(lines, PATIENT_RECEIVABLE, claim, kind, after.get(kind).subtract(before.get(kind)));
        }
        add(lines, INSURANCE_CASH, claim, null, r.paid());
        add(lines, CONTRACTUAL_ADJUSTMENT, claim, null, writeOff);
        // a patient who paid more than now remains owed gets the excess as credit, not as a negative claim balance
        BigDecimal owedAfter = ledger.patientBalance().add(after.total()).subtract(before.total());
        if (owedAfter.signum() < 0) {
            add(lines, PATIENT_RECEIVABLE, claim, null, owedAfter.negate());
            add(lines, PATIENT_CREDIT, null, null, owedAfter);
        }
        if (lines.isEmpty()) {
            return Optional.empty(); // the later payer paid nothing and left the patient's share as it was
        }
        return Optional.of(new Posting(EntryKind.REMITTANCE, claim, r.paymentDate(),
                "remittance " + r.traceNumber() + " status " + r.statusCode(), lines, List.of()));
    }

    private static Posting reversal(Remittance r, ClaimLedger ledger) {
        List<PostedEntry> standing = ledger.standing(EntryKind.REMITTANCE);
        if (standing.isEmpty()) {
            throw new IllegalArgumentException("claim " + r.claimId() + ": reversal " + r.traceNumber()
                    + " matches no posted remittance");
        }
        PostedEntry original = standing.get(standing.size() - 1);
        BigDecimal originalPaid = original.total(INSURANCE_CASH);
        if (originalPaid.compareTo(r.paid().negate()) != 0) {
            throw new IllegalArgumentException("claim " + r.claimId() + ": reversal " + r.traceNumber() + " takes back "
                    + r.paid().negate().toPlainString() + " but the remittance it reverses paid "
                    + originalPaid.toPlainString());
        }
        List<JournalLine> lines = new ArrayList<>(original.lines().stream().map(JournalLine::opposite).toList());
        List<Long> reversed = new ArrayList<>(List.of(original.id()));
        // A denial from the same 835 as the reversed remittance (its fully denied lines) goes with it; one from an
        // earlier 835 stands again, as it stood before that remittance superseded it.
        for (PostedEntry denial : ledger.entries()) {
            if (denial.kind() == EntryKind.DENIAL_RESPONSIBILITY && denial.reversedBy().contains(original.id())
                    && original.traceNumber().equals(denial.traceNumber())) {
                denial.lines().forEach(l -> lines.add(l.opposite()));
                reversed.add(denial.id());
            }
        }
        return new Posting(EntryKind.REMITTANCE_REVERSAL, r.claimId(), r.paymentDate(),
                "reversal " + r.traceNumber() + " of remittance " + original.traceNumber(), lines, reversed);
    }

    /**
     * The entry for a denial, or empty when it leaves the patient nothing to pay, is a front-end rejection, or a
     * standing remittance or denial already covers it.
     */
    public static Optional<Posting> denial(Denial d, ClaimLedger ledger) {
        if (!d.adjudicated() || !Money.isPositive(d.patientShare().total())) {
            return Optional.empty();
        }
        if (!ledger.standing(EntryKind.REMITTANCE).isEmpty()) {
            return Optional.empty();
        }
        // the same 835 (trace number) posts once, whether as a denial or as a remittance, even one reversed since
        if (d.traceNumber() != null && ledger.entries().stream().anyMatch(e -> d.traceNumber().equals(e.traceNumber())
                && (e.kind() == EntryKind.DENIAL_RESPONSIBILITY || e.kind() == EntryKind.REMITTANCE))) {
            return Optional.empty();
        }
        List<PostedEntry> denials = ledger.standing(EntryKind.DENIAL_RESPONSIBILITY);
        List<JournalLine> lines = new ArrayList<>();
        List<Long> superseded = new ArrayList<>();
        for (PostedEntry earlier : denials) {
            earlier.lines().forEach(l -> lines.add(l.opposite()));
            superseded.add(earlier.id());
        }
        String claim = d.claimId();
        add(lines, INSURANCE_RECEIVABLE, claim, null, d.totalCharge());
        add(lines, GROSS_CHARGES, claim, null, d.totalCharge().negate());
        for (ResponsibilityKind kind : ResponsibilityKind.values()) {
            settle(lines, claim, PATIENT_RECEIVABLE, kind, d.patientShare().get(kind));
        }
        return Optional.of(new Posting(EntryKind.DENIAL_RESPONSIBILITY, claim, d.deniedOn(),
                "denial " + (d.traceNumber() == null ? "" : d.traceNumber() + " ") + "patient responsibility",
                lines, superseded));
    }

    /** Moves {@code amount} of the claim's insurance receivable to {@code account}. */
    private static void settle(List<JournalLine> lines, String claim, LedgerAccount account, ResponsibilityKind kind,
            BigDecimal amount) {
        add(lines, account, claim, kind, amount);
        add(lines, INSURANCE_RECEIVABLE, claim, null, amount.negate());
    }

    private static void add(List<JournalLine> lines, LedgerAccount account, String claim, ResponsibilityKind kind,
            BigDecimal amount) {
        if (!Money.isZero(amount)) {
            lines.add(new JournalLine(account, claim, kind, amount));
        }
    }
}
