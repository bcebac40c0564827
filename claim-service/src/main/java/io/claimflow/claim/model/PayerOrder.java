package io.claimflow.claim.model;

import java.util.List;

/** The patient's coverages for a claim's visit, in payment order: primary first (port; read from the encounter). */
public interface PayerOrder {

    List<CoverageRef> coverages(Claim claim);
}
