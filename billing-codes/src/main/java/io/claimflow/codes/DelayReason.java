package io.claimflow.codes;

import java.util.Arrays;
import java.util.Optional;

/**
 * Claim delay reason code (837P CLM20, X12 005010X222A1): why a claim is filed after the payer's timely-filing limit.
 * The one list of ClaimFlow: claim-service accepts a late claim's reason from it, adjudication-gateway writes it into
 * CLM20, ops-console offers it by its name. Codes 12-14 are not used in the 837P; 15 is.
 */
public enum DelayReason {
    PROOF_OF_ELIGIBILITY_UNKNOWN("1", "Proof of eligibility unknown or unavailable"),
    LITIGATION("2", "Litigation"),
    AUTHORIZATION_DELAYS("3", "Authorization delays"),
    DELAY_IN_CERTIFYING_PROVIDER("4", "Delay in certifying provider"),
    DELAY_IN_SUPPLYING_BILLING_FORMS("5", "Delay in supplying billing forms"),
    DELAY_IN_DELIVERY_OF_CUSTOM_MADE_APPLIANCES("6", "Delay in delivery of custom-made appliances"),
    THIRD_PARTY_PROCESSING_DELAY("7", "Third party processing delay"),
    DELAY_IN_ELIGIBILITY_DETERMINATION("8", "Delay in eligibility determination"),
    ORIGINAL_CLAIM_REJECTED_OR_DENIED(
            "9", "Original claim rejected or denied due to a reason unrelated to the billing limitation rules"),
    ADMINISTRATION_DELAY_IN_PRIOR_APPROVAL("10", "Administration delay in the prior approval process"),
    OTHER("11", "Other"),
    NATURAL_DISASTER("15", "Natural disaster");

    private final String code;
    private final String description;

    DelayReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The X12 code (CLM20). */
    public String code() {
        return code;
    }

    /** The code's X12 name, for people. */
    public String description() {
        return description;
    }

    /** The reason of an X12 code; empty for anything else (12-14, blanks, text). */
    public static Optional<DelayReason> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
