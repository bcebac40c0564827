package io.claimflow.claim.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a claim is in its life (docs/architecture.md, section 6), and which changes are legal from each state. A claim is
 * created, then held by the scrubber or submitted; the payer acknowledges or rejects it, pays it (wholly or partly)
 * or denies it; a coding denial goes back to coding and the corrected claim replaces the original; billers appeal,
 * write off or void; a claim with nothing left to collect is closed.
 *
 * <p>What payers do besides paying and denying has its own states: a reversal (CLP02 22) leaves the claim REVERSED,
 * awaiting the payer's repayment (or its replacement's); a second payment of a paid claim leaves a CREDIT_BALANCE to
 * refund or for the payer to recoup; "not our claim, forwarded" (23) is FORWARDED and a predetermination (25)
 * PREDETERMINED, neither of them paid; the payer's final denial after an appeal is APPEAL_LOST, waiting for the
 * biller's decision to write the balance off or bill the patient.
 *
 * <p>Coordination of benefits: a claim its payer paid and forwarded to the next payer itself (crossover, CLP02
 * 19-21) is CROSSED_OVER, waiting for the next payer's remittance for the same claim (on the follow-up list like a
 * submitted claim); that remittance pays it (or denies it) like any other.
 *
 * <p>A held self-pay claim (no coverage) a biller bills to the patient is BILLED_TO_PATIENT: its whole charge is the
 * patient's responsibility, nothing is left to collect from a payer, and patient-billing charges the visit to the
 * patient (ClaimBilledToPatient).
 */
public enum ClaimStatus {
    CREATED,
    HELD,
    SUBMITTED,
    ACKNOWLEDGED,
    REJECTED,
    PAID,
    PARTIALLY_PAID,
    DENIED,
    RECODE_REQUESTED,
    REPLACED,
    APPEALED,
    WRITTEN_OFF,
    VOIDED,
    CLOSED,
    REVERSED,
    CREDIT_BALANCE,
    FORWARDED,
    PREDETERMINED,
    APPEAL_LOST,
    CROSSED_OVER,
    BILLED_TO_PATIENT;

    private static final Map<ClaimStatus, Set<ClaimStatus>> NEXT = new EnumMap<>(ClaimStatus.class);

    static {
        allow(CREATED, HELD, SUBMITTED);
        // a held claim is released after fixing, written off, superseded by a newer coding, or (self-pay) billed to
        // the patient
        allow(HELD, SUBMITTED, WRITTEN_OFF, REPLACED, BILLED_TO_PATIENT);
        allow(
                SUBMITTED,
                ACKNOWLEDGED,
                REJECTED,
                PAID,
                PARTIALLY_PAID,
                DENIED,
                VOIDED,
                REPLACED,
                FORWARDED,
                PREDETERMINED);
        allow(ACKNOWLEDGED, REJECTED, PAID, PARTIALLY_PAID, DENIED, VOIDED, REPLACED, FORWARDED, PREDETERMINED);
        // a front-end rejection is fixed and sent again (same claim, never adjudicated) or superseded
        allow(REJECTED, SUBMITTED, HELD, WRITTEN_OFF, REPLACED);
        allow(
                PARTIALLY_PAID,
                PAID,
                CLOSED,
                DENIED,
                RECODE_REQUESTED,
                APPEALED,
                WRITTEN_OFF,
                REPLACED,
                VOIDED,
                REVERSED,
                CREDIT_BALANCE);
        // a claim paid in parts (its lines split over two 835s) whose later part denies lines is partly paid
        allow(PAID, CLOSED, REPLACED, VOIDED, REVERSED, CREDIT_BALANCE, PARTIALLY_PAID, CROSSED_OVER);
        allow(
                DENIED,
                RECODE_REQUESTED,
                APPEALED,
                WRITTEN_OFF,
                CLOSED,
                REPLACED,
                VOIDED,
                PAID,
                PARTIALLY_PAID,
                REVERSED);
        allow(RECODE_REQUESTED, REPLACED, DENIED, APPEALED, WRITTEN_OFF);
        allow(APPEALED, PAID, PARTIALLY_PAID, DENIED, CLOSED, WRITTEN_OFF, APPEAL_LOST);
        allow(WRITTEN_OFF, CLOSED);
        // a closed claim can still be corrected or voided with the payer (frequency 7 or 8), reversed or paid again
        allow(CLOSED, REPLACED, VOIDED, REVERSED, CREDIT_BALANCE);
        // the payer took its payment back: it pays again (or denies), or the claim is replaced, voided, written off
        allow(REVERSED, PAID, PARTIALLY_PAID, DENIED, CREDIT_BALANCE, CLOSED, REPLACED, VOIDED, WRITTEN_OFF);
        // paid more than owed: the payer recoups it (a reversal) or it is refunded, and the claim closes
        allow(CREDIT_BALANCE, CLOSED, REVERSED, PAID);
        // not the payer's claim, or only a predetermination: billed again, replaced, voided or written off
        allow(FORWARDED, PAID, PARTIALLY_PAID, DENIED, WRITTEN_OFF, REPLACED, VOIDED, CLOSED);
        allow(PREDETERMINED, SUBMITTED, PAID, PARTIALLY_PAID, DENIED, WRITTEN_OFF, REPLACED, VOIDED);
        // the payer upheld its denial: the biller writes the balance off, bills the patient (closed), appeals again or
        // sends it back to coding
        allow(APPEAL_LOST, WRITTEN_OFF, CLOSED, APPEALED, RECODE_REQUESTED, REPLACED, VOIDED);
        // paid and forwarded by its payer to the next one (crossover): the next payer's remittance settles it
        allow(CROSSED_OVER, PAID, PARTIALLY_PAID, DENIED, CLOSED, REVERSED, REPLACED, VOIDED, WRITTEN_OFF);
        // a self-pay claim billed to the patient: no payer is billed; only a newer coding of the visit supersedes it
        // (coverage is not added to it: the visit is recoded with the coverage, and the patient ledger takes the
        // self-pay charge off when the new claim arrives)
        allow(BILLED_TO_PATIENT, REPLACED);
        allow(REPLACED);
        allow(VOIDED);
    }

    private static void allow(ClaimStatus from, ClaimStatus... to) {
        NEXT.put(from, to.length == 0 ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.of(to[0], to)));
    }

    /** Whether a claim in this state may move to {@code next}. */
    public boolean canBecome(ClaimStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The states a claim in this state may move to. */
    public Set<ClaimStatus> next() {
        return NEXT.get(this);
    }

    /** Sent and waiting for the payer's answer: what follow-up chases. */
    public boolean awaitsPayer() {
        return this == SUBMITTED || this == ACKNOWLEDGED || this == APPEALED || this == CROSSED_OVER;
    }

    /**
     * Whether money on a claim in this state can still need someone's work: false once the claim is closed, written
     * off or superseded by another claim (whose own state then carries the visit's money), and for PAID, which is
     * settled by definition (paid + patient share + contractual = charge, nothing denied) and closes at once, and for
     * BILLED_TO_PATIENT, whose whole charge is the patient's (worked on the patient ledger, not with a payer).
     */
    public boolean canHaveOpenBalance() {
        return this != CLOSED && this != WRITTEN_OFF && this != PAID && this != BILLED_TO_PATIENT && !isSuperseded();
    }

    /** No longer the claim that bills the encounter. */
    public boolean isSuperseded() {
        return this == REPLACED || this == VOIDED;
    }
}
