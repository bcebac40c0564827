package io.claimflow.claim.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a claim is in its life (design guide, section 6), and which changes are legal from each state. A claim is
 * created, then held by the scrubber or submitted; the payer acknowledges or rejects it, pays it (wholly or partly)
 * or denies it; a coding denial goes back to coding and the corrected claim replaces the original; billers appeal,
 * write off or void; a claim with nothing left to collect is closed.
 */
public enum ClaimStatus {
    CREATED, HELD, SUBMITTED, ACKNOWLEDGED, REJECTED, PAID, PARTIALLY_PAID, DENIED, RECODE_REQUESTED, REPLACED,
    APPEALED, WRITTEN_OFF, VOIDED, CLOSED;

    private static final Map<ClaimStatus, Set<ClaimStatus>> NEXT = new EnumMap<>(ClaimStatus.class);

    static {
        allow(CREATED, HELD, SUBMITTED);
        // a held claim is released after fixing, written off, or superseded by a newer coding
        allow(HELD, SUBMITTED, WRITTEN_OFF, REPLACED);
        allow(SUBMITTED, ACKNOWLEDGED, REJECTED, PAID, PARTIALLY_PAID, DENIED, VOIDED, REPLACED);
        allow(ACKNOWLEDGED, REJECTED, PAID, PARTIALLY_PAID, DENIED, VOIDED, REPLACED);
        // a front-end rejection is fixed and sent again (same claim, never adjudicated) or superseded
        allow(REJECTED, SUBMITTED, HELD, WRITTEN_OFF, REPLACED);
        allow(PARTIALLY_PAID, PAID, CLOSED, DENIED, RECODE_REQUESTED, APPEALED, WRITTEN_OFF, REPLACED, VOIDED);
        allow(PAID, CLOSED, REPLACED, VOIDED);
        allow(DENIED, RECODE_REQUESTED, APPEALED, WRITTEN_OFF, CLOSED, REPLACED, VOIDED, PAID, PARTIALLY_PAID);
        allow(RECODE_REQUESTED, REPLACED, DENIED, APPEALED, WRITTEN_OFF);
        allow(APPEALED, PAID, PARTIALLY_PAID, DENIED, CLOSED, WRITTEN_OFF);
        allow(WRITTEN_OFF, CLOSED);
        // a closed claim can still be corrected or voided with the payer (frequency 7 or 8)
        allow(CLOSED, REPLACED, VOIDED);
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
        return this == SUBMITTED || this == ACKNOWLEDGED || this == APPEALED;
    }

    /** No longer the claim that bills the encounter. */
    public boolean isSuperseded() {
        return this == REPLACED || this == VOIDED;
    }
}
