package io.claimflow.patientbilling.ledger;

import static io.claimflow.patientbilling.ledger.LedgerAccount.CONTRACTUAL_ADJUSTMENT;
import static io.claimflow.patientbilling.ledger.LedgerAccount.GROSS_CHARGES;
import static io.claimflow.patientbilling.ledger.LedgerAccount.INSURANCE_CASH;
import static io.claimflow.patientbilling.ledger.LedgerAccount.INSURANCE_CREDIT;
import static io.claimflow.patientbilling.ledger.LedgerAccount.INSURANCE_RECEIVABLE;
import static io.claimflow.patientbilling.ledger.LedgerAccount.OTHER_ADJUSTMENT;
import static io.claimflow.patientbilling.ledger.LedgerAccount.OTHER_INSURANCE_RECEIVABLE;
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
 *   <li>Coordination of benefits: a remittance naming a next payer leaves the patient's share pending with that
 *       payer ({@link LedgerAccount#OTHER_INSURANCE_RECEIVABLE}), not owed by the patient; the next payer's remittance
 *       (its own claim's, posted on the visit's ledger, or the same claim's after a crossover) closes it into its
 *       payment, its write-off and the patient's share it reports, the patient's only when no payer follows.</li>
 *   <li>Reversal (status 22): the exact opposite of the standing remittance it reverses, and of the denial from the
 *       same 835 that remittance superseded (its fully denied lines); a denial from an earlier 835 stands again.</li>
 *   <li>Denial with PR adjustments: the charge (if not posted yet) and the PR amounts move to the patient; the rest
 *       stays with insurance while the claim is worked. Nothing when a standing remittance covers the claim, or the
 *       claim was replaced or voided.</li>
 *   <li>Replacement (frequency 7) or void (frequency 8) submitted: the replaced claim's standing remittances and
 *       denials are taken off ({@link #voidClaim}); the payer's cash on it becomes insurance credit. A later payment
 *       of the replaced claim is held as insurance credit too, and the payer's reversal, whenever it comes, returns
 *       that credit once: so one visit charges the patient once.</li>
 *   <li>A second payment of a claim already paid (same claim, another trace, charges the standing remittances
 *       cover already): insurance credit, a credit balance to refund or for the payer to recoup; its reversal takes
 *       it back. A claim paid in parts (the payer splits its lines over two 835s) is no second payment: each part
 *       charges its own lines, as long as the parts stay within the claim's total charge.</li>
 * </ul>
 */
public final class PostingRules {

    private PostingRules() {}

    /**
     * The entry for a remittance, or empty when it posts nothing (not a payment).
     *
     * @throws IllegalArgumentException when the remittance does not balance, is a reversal of nothing, or cannot be
     *     posted on this claim's ledger (a secondary before any primary, a second primary without a reversal)
     */
    public static Optional<Posting> remittance(Remittance r, ClaimLedger ledger) {
        return remittance(r, ledger, null);
    }

    /**
     * The entry for a remittance of a claim whose total charge is known: a primary remittance whose charges fit
     * within what the standing remittances left of the total (a payment in parts) posts as a remittance; one that
     * covers charges paid already is a second payment (insurance credit).
     *
     * @param totalCharge the claim's total charge; null when unknown (any standing remittance makes it a second
     *     payment)
     */
    public static Optional<Posting> remittance(Remittance r, ClaimLedger ledger, BigDecimal totalCharge) {
        return switch (r.status()) {
            case NO_PAYMENT -> Optional.empty();
            case UNKNOWN ->
                throw new IllegalArgumentException("claim " + r.claimId() + ": claim status code " + r.statusCode()
                        + " is not one this service posts");
            case REVERSAL -> reversal(r, ledger);
            case SECONDARY -> ledger.superseded() ? heldForThePayer(r, "of superseded claim") : secondary(r, ledger);
            case PRIMARY -> primary(r, ledger, totalCharge);
            // a later payer's denial leaves the patient's share pending with it while the denial is worked
            case DENIED ->
                Money.isPositive(ledger.pendingWithOtherInsurance())
                        ? Optional.empty()
                        : primary(r, ledger, totalCharge);
        };
    }

    private static Optional<Posting> primary(Remittance r, ClaimLedger ledger, BigDecimal totalCharge) {
        r.requireBalanced();
        if (ledger.superseded()) {
            // the replacement (or nobody, after a void) bills the visit: the payer's money waits for its reversal
            return heldForThePayer(r, "of claim replaced or voided by " + ledger.supersededBy());
        }
        if (!ledger.standing(EntryKind.REMITTANCE).isEmpty()
                && (totalCharge == null || ledger.charged().add(r.charge()).compareTo(Money.of(totalCharge)) > 0)
                && reopenedByReversal(ledger)) {
            // the payer reversed its payment after a later payer had answered on it: its new answer settles what is
            // open with it again, the charge stands
            return readjudication(r, ledger);
        }
        if (!ledger.standing(EntryKind.REMITTANCE).isEmpty()
                && (totalCharge == null || ledger.charged().add(r.charge()).compareTo(Money.of(totalCharge)) > 0)) {
            // the same claim paid again under another trace: the payer's money is a credit balance to refund or
            // to be recouped, never a second charge to the patient
            return heldForThePayer(r, "paying an already paid claim: overpayment");
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
        if (r.hasNextPayer()) {
            // coordination of benefits: the next payer may pay the patient's share; it waits with that payer
            settle(
                    lines,
                    claim,
                    OTHER_INSURANCE_RECEIVABLE,
                    null,
                    r.patientShare().total());
        } else {
            for (ResponsibilityKind kind : ResponsibilityKind.values()) {
                settle(lines, claim, PATIENT_RECEIVABLE, kind, r.patientShare().get(kind));
            }
        }
        return Optional.of(new Posting(
                EntryKind.REMITTANCE,
                claim,
                r.paymentDate(),
                "remittance " + r.traceNumber() + " status " + r.statusCode() + billedTo(r),
                lines,
                superseded));
    }

    private static String billedTo(Remittance r) {
        return r.hasNextPayer() && Money.isPositive(r.patientShare().total())
                ? "; patient share " + r.patientShare().total().toPlainString() + " billed to " + r.nextPayerName()
                : "";
    }

    /**
     * A payment the payer is not owed a claim for (a second payment, a payment of a replaced claim): the cash is
     * held as insurance credit, nothing is charged to anyone; empty when it paid nothing.
     */
    private static Optional<Posting> heldForThePayer(Remittance r, String why) {
        if (!Money.isPositive(r.paid())) {
            return Optional.empty();
        }
        List<JournalLine> lines = new ArrayList<>();
        add(lines, INSURANCE_CASH, r.claimId(), null, r.paid());
        add(lines, INSURANCE_CREDIT, r.claimId(), null, r.paid().negate());
        return Optional.of(new Posting(
                EntryKind.REMITTANCE,
                r.claimId(),
                r.paymentDate(),
                "remittance " + r.traceNumber() + " status " + r.statusCode() + " " + why
                        + ": held as credit to refund or be recouped",
                lines,
                List.of()));
    }

    /**
     * The entry that takes a replaced (frequency 7) or voided (frequency 8) claim off the patient ledger when its
     * replacement or void is submitted (or a self-pay claim billed to the patient when a later claim of the visit
     * arrives): the exact opposite of every remittance, denial and self-pay charge still standing on it,
     * except that the payer's cash stays and becomes insurance credit until the payer reverses it. What the patient
     * had paid on the claim becomes patient credit. Empty when nothing stands on the claim or it was voided already.
     */
    public static Optional<Posting> voidClaim(ClaimLedger ledger, String byClaimId, java.time.LocalDate on) {
        if (ledger.entries().stream().anyMatch(e -> e.kind() == EntryKind.CLAIM_VOID)) {
            return Optional.empty();
        }
        List<JournalLine> lines = new ArrayList<>();
        List<Long> reversed = new ArrayList<>();
        BigDecimal patientChange = Money.ZERO;
        for (PostedEntry entry : ledger.entries()) {
            boolean standing = ledger.standingIds().contains(entry.id());
            if (!standing
                    || (entry.kind() != EntryKind.REMITTANCE
                            && entry.kind() != EntryKind.DENIAL_RESPONSIBILITY
                            && entry.kind() != EntryKind.SELF_PAY_CHARGE)) {
                continue;
            }
            for (JournalLine line : entry.lines()) {
                if (line.account() == INSURANCE_CASH || line.account() == INSURANCE_CREDIT) {
                    add(
                            lines,
                            INSURANCE_CREDIT,
                            ledger.claimId(),
                            null,
                            line.amount().negate());
                } else {
                    lines.add(line.opposite());
                    if (line.account() == PATIENT_RECEIVABLE) {
                        patientChange = patientChange.subtract(line.amount());
                    }
                }
            }
            reversed.add(entry.id());
        }
        BigDecimal owedAfter = ledger.patientBalance().add(patientChange);
        if (owedAfter.signum() < 0) {
            add(lines, PATIENT_RECEIVABLE, ledger.claimId(), null, owedAfter.negate());
            add(lines, PATIENT_CREDIT, null, null, owedAfter);
        }
        List<JournalLine> net = netted(lines);
        if (net.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Posting(
                EntryKind.CLAIM_VOID,
                ledger.claimId(),
                on,
                "claim superseded by " + byClaimId + ": its charges taken off; payer money held for the payer's "
                        + "reversal",
                net,
                reversed));
    }

    /**
     * A self-pay visit billed to the patient: its whole charge is the patient's (patient receivable, kind OTHER,
     * against gross charges), no payer is involved. Empty when the claim was charged to the patient already, was
     * superseded by a later claim of the visit, or has something posted already (a payer's answer: it is not self-pay).
     *
     * @throws IllegalArgumentException for a charge that is not positive
     */
    public static Optional<Posting> selfPayCharge(ClaimLedger ledger, BigDecimal totalCharge, java.time.LocalDate on) {
        if (!Money.isPositive(Money.of(totalCharge))) {
            throw new IllegalArgumentException("a self-pay charge must be positive, was " + totalCharge);
        }
        if (ledger.superseded() || !ledger.entries().isEmpty()) {
            return Optional.empty();
        }
        List<JournalLine> lines = new ArrayList<>();
        add(lines, PATIENT_RECEIVABLE, ledger.claimId(), ResponsibilityKind.OTHER, Money.of(totalCharge));
        add(lines, GROSS_CHARGES, ledger.claimId(), null, Money.of(totalCharge).negate());
        return Optional.of(new Posting(
                EntryKind.SELF_PAY_CHARGE,
                ledger.claimId(),
                on,
                "self-pay: " + Money.of(totalCharge).toPlainString() + " billed to the patient",
                lines,
                List.of()));
    }

    /** What a biller makes of a lost appeal's open balance (claim-service's decision, the same figure here). */
    public enum BalanceDecision {
        WRITE_OFF,
        BILL_PATIENT
    }

    /**
     * The biller's decision on a lost appeal: what insurance was still to settle on the claim (the charge, when no
     * answer posted it yet) is written off (other adjustment) or billed to the patient (patient receivable, kind
     * OTHER). Empty when the decision was posted already.
     *
     * @param amount the balance claim-service moved; refused when the ledger has another amount open with insurance,
     *     so the two services cannot silently disagree
     */
    public static Optional<Posting> balanceDecision(
            ClaimLedger ledger,
            BigDecimal totalCharge,
            BalanceDecision decision,
            BigDecimal amount,
            java.time.LocalDate on) {
        if (ledger.entries().stream().anyMatch(e -> e.kind() == EntryKind.BALANCE_DECISION)) {
            return Optional.empty();
        }
        List<JournalLine> lines = new ArrayList<>();
        BigDecimal open = ledger.insuranceReceivable();
        if (Money.isZero(ledger.charged())) {
            // a denial that left the patient nothing posted nothing: the charge comes onto the ledger now
            add(lines, INSURANCE_RECEIVABLE, ledger.claimId(), null, Money.of(totalCharge));
            add(
                    lines,
                    GROSS_CHARGES,
                    ledger.claimId(),
                    null,
                    Money.of(totalCharge).negate());
            open = open.add(Money.of(totalCharge));
        }
        if (open.compareTo(Money.of(amount)) != 0 || !Money.isPositive(open)) {
            throw new IllegalStateException("the patient ledger has " + open.toPlainString()
                    + " open with insurance on this claim; the decision moves another amount");
        }
        if (decision == BalanceDecision.WRITE_OFF) {
            settle(lines, ledger.claimId(), OTHER_ADJUSTMENT, null, open);
        } else {
            settle(lines, ledger.claimId(), PATIENT_RECEIVABLE, ResponsibilityKind.OTHER, open);
        }
        return Optional.of(new Posting(
                EntryKind.BALANCE_DECISION,
                ledger.claimId(),
                on,
                "lost appeal: " + open.toPlainString()
                        + (decision == BalanceDecision.WRITE_OFF ? " written off" : " billed to the patient"),
                lines,
                List.of()));
    }

    /** The lines with the same account, claim and kind added up; zero sums dropped. */
    private static List<JournalLine> netted(List<JournalLine> lines) {
        java.util.Map<List<Object>, BigDecimal> sums = new java.util.LinkedHashMap<>();
        for (JournalLine l : lines) {
            sums.merge(java.util.Arrays.asList(l.account(), l.claimId(), l.kind()), l.amount(), BigDecimal::add);
        }
        List<JournalLine> net = new ArrayList<>();
        sums.forEach((key, amount) ->
                add(net, (LedgerAccount) key.get(0), (String) key.get(1), (ResponsibilityKind) key.get(2), amount));
        return net;
    }

    private static Optional<Posting> secondary(Remittance r, ClaimLedger ledger) {
        if (ledger.standing(EntryKind.REMITTANCE).isEmpty()) {
            Optional<PostedEntry> reversed = reversedBillingNextPayer(ledger);
            if (reversed.isPresent()) {
                return laterPayerAfterReversal(r, reversed.get());
            }
            throw new IllegalArgumentException("claim " + r.claimId() + ": secondary remittance " + r.traceNumber()
                    + " before any primary remittance was posted");
        }
        String claim = r.claimId();
        PatientShare before = ledger.patientShare();
        PatientShare after = r.patientShare();
        if (after.total().compareTo(r.reportedPatientTotal()) != 0) {
            throw new IllegalArgumentException("remittance for claim " + claim
                    + ": patient responsibility parts sum to " + after.total().toPlainString() + ", total says "
                    + r.reportedPatientTotal().toPlainString());
        }
        BigDecimal pending = ledger.pendingWithOtherInsurance();
        if (Money.isPositive(pending)) {
            return laterPayer(r, pending);
        }
        BigDecimal writeOff = before.total().subtract(after.total()).subtract(r.paid());
        if (writeOff.signum() < 0) {
            throw new IllegalArgumentException("claim " + claim + ": secondary remittance " + r.traceNumber()
                    + " leaves the patient " + after.total().toPlainString() + " and pays "
                    + r.paid().toPlainString()
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
        return Optional.of(new Posting(
                EntryKind.REMITTANCE,
                claim,
                r.paymentDate(),
                "remittance " + r.traceNumber() + " status " + r.statusCode(),
                lines,
                List.of()));
    }

    /**
     * A later payer's remittance for a visit whose patient share is pending with it: the pending amount is closed by
     * that payer's payment, its write-off (everything of the pending amount it neither paid nor left to the patient:
     * its contractual adjustment; its CARC 23 adjustment for the earlier payers is not a second write-off of the
     * visit) and the patient's share it reports (CLP05), which is the patient's when it is the last payer, or pending
     * with the next one.
     */
    private static Optional<Posting> laterPayer(Remittance r, BigDecimal pending) {
        r.requireBalanced(); // the full charge: its payment, its own adjustments and the earlier payers' (OA-23)
        String claim = r.claimId();
        BigDecimal patient = r.patientShare().total();
        BigDecimal writeOff = pending.subtract(r.paid()).subtract(patient);
        if (writeOff.signum() < 0) {
            throw new IllegalArgumentException("claim " + claim + ": remittance " + r.traceNumber() + " pays "
                    + r.paid().toPlainString() + " and leaves the patient " + patient.toPlainString()
                    + ", more than the " + pending.toPlainString() + " pending with it");
        }
        List<JournalLine> lines = new ArrayList<>();
        add(lines, OTHER_INSURANCE_RECEIVABLE, claim, null, pending.negate());
        add(lines, INSURANCE_CASH, claim, null, r.paid());
        add(lines, CONTRACTUAL_ADJUSTMENT, claim, null, writeOff);
        if (r.hasNextPayer()) {
            add(lines, OTHER_INSURANCE_RECEIVABLE, claim, null, patient);
        } else {
            for (ResponsibilityKind kind : ResponsibilityKind.values()) {
                add(lines, PATIENT_RECEIVABLE, claim, kind, r.patientShare().get(kind));
            }
        }
        return Optional.of(new Posting(
                EntryKind.REMITTANCE,
                claim,
                r.paymentDate(),
                "remittance " + r.traceNumber() + " status " + r.statusCode() + " closes " + pending.toPlainString()
                        + " pending with other insurance" + billedTo(r),
                lines,
                List.of()));
    }

    private static Optional<Posting> reversal(Remittance r, ClaimLedger ledger) {
        BigDecimal takenBack = r.paid().negate();
        List<PostedEntry> standing = ledger.standing(EntryKind.REMITTANCE);
        // the newest standing remittance that paid what is taken back (a second payment is reversed before the first)
        Optional<PostedEntry> matching = Optional.empty();
        for (PostedEntry e : standing) {
            if (e.total(INSURANCE_CASH).compareTo(takenBack) == 0) {
                matching = Optional.of(e);
            }
        }
        if (matching.isEmpty()) {
            if (ledger.superseded()
                    && takenBack.signum() >= 0
                    && ledger.insuranceCredit().compareTo(takenBack) >= 0) {
                // the claim was voided or replaced, so its payment already waits as insurance credit: the reversal
                // only returns that cash, and a second reversal finds no credit left to take
                if (takenBack.signum() == 0) {
                    return Optional.empty();
                }
                List<JournalLine> lines = new ArrayList<>();
                add(lines, INSURANCE_CASH, r.claimId(), null, takenBack.negate());
                add(lines, INSURANCE_CREDIT, r.claimId(), null, takenBack);
                return Optional.of(new Posting(
                        EntryKind.REMITTANCE_REVERSAL,
                        r.claimId(),
                        r.paymentDate(),
                        "reversal " + r.traceNumber() + " of superseded claim: the payer takes back its credit",
                        lines,
                        List.of()));
            }
            if (standing.isEmpty()) {
                throw new IllegalArgumentException(
                        "claim " + r.claimId() + ": reversal " + r.traceNumber() + " matches no posted remittance");
            }
            throw new IllegalArgumentException("claim " + r.claimId() + ": reversal " + r.traceNumber() + " takes back "
                    + takenBack.toPlainString() + " but the remittance it reverses paid "
                    + standing.get(standing.size() - 1).total(INSURANCE_CASH).toPlainString());
        }
        PostedEntry original = matching.get();
        BigDecimal billedOn = original.total(OTHER_INSURANCE_RECEIVABLE);
        if (Money.isPositive(billedOn) && ledger.pendingWithOtherInsurance().compareTo(billedOn) < 0) {
            return reversalAfterALaterPayer(r, original);
        }
        List<JournalLine> lines = new ArrayList<>(
                original.lines().stream().map(JournalLine::opposite).toList());
        List<Long> reversed = new ArrayList<>(List.of(original.id()));
        // A denial from the same 835 as the reversed remittance (its fully denied lines) goes with it; one from an
        // earlier 835 stands again, as it stood before that remittance superseded it.
        for (PostedEntry denial : ledger.entries()) {
            if (denial.kind() == EntryKind.DENIAL_RESPONSIBILITY
                    && denial.reversedBy().contains(original.id())
                    && original.traceNumber().equals(denial.traceNumber())) {
                denial.lines().forEach(l -> lines.add(l.opposite()));
                reversed.add(denial.id());
            }
        }
        return Optional.of(new Posting(
                EntryKind.REMITTANCE_REVERSAL,
                r.claimId(),
                r.paymentDate(),
                "reversal " + r.traceNumber() + " of remittance " + original.traceNumber(),
                lines,
                reversed));
    }

    /**
     * The reversal of a payer's remittance that billed the patient's share to the next payer, after that payer
     * answered on it (closed some of the pending share): the later payer's answer stands (its payment, its
     * write-off, the patient's share it left or passed on), so nothing pending is taken back twice and never goes
     * negative. The reversing payer's cash and adjustments go back to insurance receivable: the charge stands, open
     * with that payer again until it re-adjudicates ({@link #readjudication}), as claim-service shows it open.
     */
    private static Optional<Posting> reversalAfterALaterPayer(Remittance r, PostedEntry original) {
        String claim = r.claimId();
        List<JournalLine> lines = new ArrayList<>();
        BigDecimal settled = Money.ZERO;
        for (LedgerAccount account : List.of(INSURANCE_CASH, CONTRACTUAL_ADJUSTMENT, OTHER_ADJUSTMENT)) {
            BigDecimal amount = original.total(account);
            add(lines, account, claim, null, amount.negate());
            settled = settled.add(amount);
        }
        add(lines, INSURANCE_RECEIVABLE, claim, null, settled);
        return Optional.of(new Posting(
                EntryKind.REMITTANCE_REVERSAL,
                claim,
                r.paymentDate(),
                "reversal " + r.traceNumber() + " of remittance " + original.traceNumber() + " after the next payer"
                        + " answered: " + settled.toPlainString() + " open with the payer again",
                lines,
                List.of(original.id())));
    }

    /**
     * Whether insurance has part of the charge open again because a payer reversed a remittance after a later payer
     * answered on it ({@link #reversalAfterALaterPayer}, or {@link #laterPayerAfterReversal}).
     */
    private static boolean reopenedByReversal(ClaimLedger ledger) {
        return Money.isPositive(ledger.insuranceReceivable())
                && Money.isPositive(ledger.charged())
                && !ledger.standing(EntryKind.REMITTANCE_REVERSAL).isEmpty();
    }

    /**
     * A payer's new answer (re-adjudication) for a claim whose charge stands open with it after its reversal: its
     * payment and adjustments settle what is open. What is left of the open amount is the part of its new patient
     * share the later payers did not settle yet: pending with the next payer again (or the patient's, when none
     * follows). When the later payers settled more than its new share, the excess is their money to take back:
     * insurance credit.
     */
    private static Optional<Posting> readjudication(Remittance r, ClaimLedger ledger) {
        String claim = r.claimId();
        BigDecimal open = ledger.insuranceReceivable();
        List<JournalLine> lines = new ArrayList<>();
        add(lines, INSURANCE_CASH, claim, null, r.paid());
        add(lines, CONTRACTUAL_ADJUSTMENT, claim, null, r.contractualAdjustment());
        add(lines, OTHER_ADJUSTMENT, claim, null, r.otherAdjustments());
        add(lines, INSURANCE_RECEIVABLE, claim, null, open.negate());
        BigDecimal rest =
                open.subtract(r.paid()).subtract(r.contractualAdjustment()).subtract(r.otherAdjustments());
        String what;
        if (rest.signum() < 0) {
            add(lines, INSURANCE_CREDIT, claim, null, rest);
            what = "; the later payers settled " + rest.negate().toPlainString() + " more than its new patient share:"
                    + " held as credit to refund or be recouped";
        } else if (r.hasNextPayer()) {
            add(lines, OTHER_INSURANCE_RECEIVABLE, claim, null, rest);
            what = Money.isPositive(rest) ? "; " + rest.toPlainString() + " more billed to " + r.nextPayerName() : "";
        } else {
            add(lines, PATIENT_RECEIVABLE, claim, ResponsibilityKind.OTHER, rest);
            what = Money.isPositive(rest) ? "; " + rest.toPlainString() + " more to the patient" : "";
        }
        return Optional.of(new Posting(
                EntryKind.REMITTANCE,
                claim,
                r.paymentDate(),
                "remittance " + r.traceNumber() + " status " + r.statusCode() + " re-adjudicates after its reversal: "
                        + open.toPlainString() + " open with the payer settled" + what,
                lines,
                List.of()));
    }

    /** The newest remittance, reversed since, that billed a patient's share to the next payer. */
    private static Optional<PostedEntry> reversedBillingNextPayer(ClaimLedger ledger) {
        java.util.Set<Long> standing = ledger.standingIds();
        PostedEntry found = null;
        for (PostedEntry e : ledger.entries()) {
            if (e.kind() == EntryKind.REMITTANCE
                    && !standing.contains(e.id())
                    && Money.isPositive(e.total(OTHER_INSURANCE_RECEIVABLE))) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * A later payer's remittance that comes after the earlier payer reversed the remittance that billed it (the later
     * payer adjudicated on the earlier answer): it closes what that remittance had billed to it, as it would have
     * before the reversal, and the rest of the charge is open with the earlier payer again. The same ledger as when
     * the reversal comes last.
     */
    private static Optional<Posting> laterPayerAfterReversal(Remittance r, PostedEntry reversed) {
        BigDecimal billed = reversed.total(OTHER_INSURANCE_RECEIVABLE);
        BigDecimal charge = reversed.total(GROSS_CHARGES).negate();
        Posting closing = laterPayer(r, billed).orElseThrow();
        List<JournalLine> lines = new ArrayList<>();
        add(lines, INSURANCE_RECEIVABLE, r.claimId(), null, charge);
        add(lines, GROSS_CHARGES, r.claimId(), null, charge.negate());
        for (JournalLine line : closing.lines()) {
            // what it closes was pending with it before the reversal; it comes out of the reopened charge now
            lines.add(
                    line.account() == OTHER_INSURANCE_RECEIVABLE
                                    && line.amount().signum() < 0
                            ? new JournalLine(INSURANCE_RECEIVABLE, line.claimId(), line.kind(), line.amount())
                            : line);
        }
        return Optional.of(new Posting(
                EntryKind.REMITTANCE,
                r.claimId(),
                r.paymentDate(),
                closing.description() + " after the reversal of remittance " + reversed.traceNumber() + "; "
                        + charge.subtract(billed).toPlainString() + " open with the payer that reversed",
                netted(lines),
                List.of()));
    }

    /**
     * The entry for a denial, or empty when it leaves the patient nothing to pay, is a front-end rejection, denies
     * lines of a claim its 835 paid (that payment's remittance posts them), or a standing remittance or denial
     * already covers it.
     */
    public static Optional<Posting> denial(Denial d, ClaimLedger ledger) {
        if (!d.movesMoney() || !Money.isPositive(d.patientShare().total())) {
            return Optional.empty();
        }
        if (!ledger.standing(EntryKind.REMITTANCE).isEmpty() || ledger.superseded()) {
            return Optional.empty();
        }
        // the same 835 (trace number) posts once, whether as a denial or as a remittance, even one reversed since
        if (d.traceNumber() != null
                && ledger.entries().stream()
                        .anyMatch(e -> d.traceNumber().equals(e.traceNumber())
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
        return Optional.of(new Posting(
                EntryKind.DENIAL_RESPONSIBILITY,
                claim,
                d.deniedOn(),
                "denial " + (d.traceNumber() == null ? "" : d.traceNumber() + " ") + "patient responsibility",
                lines,
                superseded));
    }

    /** Moves {@code amount} of the claim's insurance receivable to {@code account}. */
    private static void settle(
            List<JournalLine> lines, String claim, LedgerAccount account, ResponsibilityKind kind, BigDecimal amount) {
        add(lines, account, claim, kind, amount);
        add(lines, INSURANCE_RECEIVABLE, claim, null, amount.negate());
    }

    private static void add(
            List<JournalLine> lines, LedgerAccount account, String claim, ResponsibilityKind kind, BigDecimal amount) {
        if (!Money.isZero(amount)) {
            lines.add(new JournalLine(account, claim, kind, amount));
        }
    }
}
