package io.claimflow.adjudication.claim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Takes a submitted claim into the durable send queue. */
@Service
public class ClaimIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimIntake.class);

    private final OutboundClaims claims;
    private final ApplicationEventPublisher published;

    public ClaimIntake(OutboundClaims claims, ApplicationEventPublisher published) {
        this.claims = claims;
        this.published = published;
    }

    /**
     * A claim the gateway holds now (new or released again), in the transaction that took it; {@code
     * keptPaymentsMayMatch} false when no CLP kept unmatched can be the claim's (looked at as it was taken in).
     */
    public record ClaimTaken(String claimId, boolean keptPaymentsMayMatch) {

        /** A claim taken in, not known to have no CLP kept unmatched waiting for it. */
        public ClaimTaken(String claimId) {
            this(claimId, true);
        }
    }

    /**
     * Queues the claim in the caller's transaction. A claim released again (same claim id, a new ClaimSubmitted
     * event) is queued again for a new interchange; the same event again changes nothing.
     */
    @Transactional
    public OutboundClaims.Enqueued accept(OutboundClaim claim) {
        OutboundClaims.Enqueue taken = claims.enqueue(claim);
        OutboundClaims.Enqueued result = taken.outcome();
        switch (result) {
            case NEW ->
                LOG.debug(
                        "claim {} of encounter {} queued for payer {}",
                        claim.claimId(),
                        claim.encounterId(),
                        claim.payerId());
            case RESUBMITTED ->
                LOG.info(
                        "claim {} of encounter {} released again (event {}, frequency {}): "
                                + "queued for a new interchange to payer {}",
                        claim.claimId(),
                        claim.encounterId(),
                        claim.submittedEventId(),
                        claim.frequency().code(),
                        claim.payerId());
            case DUPLICATE ->
                LOG.info(
                        "claim {} of encounter {}: event {} was taken before; nothing done",
                        claim.claimId(),
                        claim.encounterId(),
                        claim.submittedEventId());
        }
        if (result != OutboundClaims.Enqueued.DUPLICATE) {
            published.publishEvent(new ClaimTaken(claim.claimId(), taken.keptPaymentsMayMatch()));
        }
        return result;
    }
}
