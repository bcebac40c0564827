package io.claimflow.claim.submission.adapter;

import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.PayerOrder;
import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.serde.StoredRecords;
import java.util.List;
import org.springframework.stereotype.Component;

/** The patient's coverages in payment order, from the EncounterCoded the claim was built from. */
@Component
class SnapshotPayerOrder implements PayerOrder {

    @Override
    public List<CoverageRef> coverages(Claim claim) {
        if (claim.snapshot() == null || claim.snapshot().length == 0) {
            return List.of();
        }
        EncounterCoded source = StoredRecords.read(claim.snapshot(), EncounterCoded.class);
        return EncounterCodedMapper.paymentOrder(source.getCoverages()).stream()
                .map(c -> new CoverageRef(
                        c.getPayer().getPayerId(),
                        c.getPayer().getName(),
                        c.getSubscriber().getMemberId(),
                        c.getRelationshipToSubscriber().name()))
                .toList();
    }
}
