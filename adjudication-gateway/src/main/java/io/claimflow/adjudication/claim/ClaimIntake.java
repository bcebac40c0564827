package io.claimflow.adjudication.claim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Takes a submitted claim into the durable send queue. */
@Service
public class ClaimIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimIntake.class);

    private final OutboundClaims claims;

    public ClaimIntake(OutboundClaims claims) {
        this.claims = claims;
    }

    /** Queues the claim in the caller's transaction; a claim id seen before is left as it is. */
    @Transactional
    public boolean accept(OutboundClaim claim) {
        boolean queued = claims.enqueue(claim);
        if (queued) {
            LOG.info("claim {} of encounter {} queued for payer {}", claim.claimId(), claim.encounterId(),
                    claim.payerId());
        } else {
            LOG.info("claim {} of encounter {} is already held; ignored", claim.claimId(), claim.encounterId());
        }
        return queued;
    }
}
