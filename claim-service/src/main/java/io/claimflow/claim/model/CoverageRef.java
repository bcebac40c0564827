package io.claimflow.claim.model;

/** The coverage a claim bills: payer and member id (the subscriber's details travel in the encounter snapshot). */
public record CoverageRef(String payerId, String payerName, String memberId, String relationshipToSubscriber) {

    public CoverageRef withMemberId(String newMemberId) {
        return new CoverageRef(payerId, payerName, newMemberId, relationshipToSubscriber);
    }
}
