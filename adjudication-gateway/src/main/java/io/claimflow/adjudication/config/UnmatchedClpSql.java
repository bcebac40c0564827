package io.claimflow.adjudication.config;

/**
 * The one SQL statement of which CLPs kept unmatched (a {@code remittance_claim c} row with its payment and no claim)
 * may be a claim's: by CLP01 (the patient control number), by CLP07 (the payer claim number) or by the member id; the
 * date of service is judged after, on the candidates. The claim intake's look for kept CLPs (claim feature), the
 * remittance's candidates for a claim and the check for any unmatched CLP of claims (response feature) all use it, so
 * that they cannot drift. It lives here, not in an adapter, because one feature's adapter never imports another's.
 */
public final class UnmatchedClpSql {

    private UnmatchedClpSql() {}

    /**
     * The condition on {@code remittance_claim c}, with the claim's values as SQL expressions (a parameter or a
     * column); {@code payerClaimNumber} null for a claim that cannot have one yet (not held before, so never
     * acknowledged): that alternative is then left out.
     */
    public static String mayBeClaims(String patientControlNumber, String payerClaimNumber, String memberId) {
        return "c.claim_id IS NULL AND c.payment_json IS NOT NULL AND (c.patient_control_number = "
                + patientControlNumber
                + (payerClaimNumber == null ? "" : " OR c.payer_claim_number = " + payerClaimNumber)
                + " OR c.member_id = " + memberId + ")";
    }
}
