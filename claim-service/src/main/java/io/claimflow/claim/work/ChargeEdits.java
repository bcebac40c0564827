package io.claimflow.claim.work;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimNotFoundException;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.platform.validation.InvalidInputException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A biller edits a held or rejected claim's line charges and units: the total is the sum of the lines again, the
 * timeline says who changed which line from what to what (line numbers and amounts only), and the claim stays where
 * it is until released (the scrubber runs again then).
 */
@Service
public class ChargeEdits {

    private final ClaimRepository claims;
    private final ClaimWork work;
    private final Clock clock;

    public ChargeEdits(ClaimRepository claims, ClaimWork work, Clock clock) {
        this.claims = claims;
        this.work = work;
        this.clock = clock;
    }

    /**
     * @throws io.claimflow.claim.model.IllegalTransitionException unless the claim is HELD or REJECTED
     * @throws InvalidInputException for an unknown or repeated line, or when nothing changes
     */
    @Transactional
    public ClaimDetail edit(String claimId, List<Claim.LineCharge> changes, Actor user) {
        Claim claim = claims.findForUpdate(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        List<String> done;
        try {
            done = claim.editCharges(changes);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (done.isEmpty()) {
            throw new InvalidInputException("nothing changed: the lines already have these charges and units");
        }
        claim.note(user, "charges edited: " + String.join("; ", done), null, clock.instant());
        claims.update(claim);
        return work.detail(claimId);
    }
}
