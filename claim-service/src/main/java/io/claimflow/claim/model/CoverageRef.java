package io.claimflow.claim.model;

/** The coverage a claim bills: payer and member id (the subscriber's details travel in the encounter snapshot). */
public record CoverageRef(String payerId, String payerName, String memberId, String relationshipToSubscriber) {

    /**
     * Whether {@code other} is the same plan: the same payer and member id. Two plans of one payer (a member's and a
     * spouse's with the same insurer) differ by member id only.
     */
    public boolean samePlan(CoverageRef other) {
        return payerId.equals(other.payerId()) && java.util.Objects.equals(memberId, other.memberId());
    }

    public CoverageRef withMemberId(String newMemberId) {
        return new CoverageRef(payerId, payerName, newMemberId, relationshipToSubscriber);
    }
}
