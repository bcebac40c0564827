package io.claimflow.claim.denial;

/**
 * What a payer adjustment means for the biller: one of the denial categories of the events, or not a denial at all
 * (a contractual write-off, or what the patient owes).
 */
public enum DenialCategory {
    DUPLICATE, TIMELY_FILING, ELIGIBILITY, AUTHORIZATION, CODING, MEDICAL_NECESSITY, MISSING_INFORMATION, OTHER,
    CONTRACTUAL, PATIENT_RESPONSIBILITY;

    /** Whether an adjustment of this category denies (part of) the claim rather than settling it. */
    public boolean isDenial() {
        return this != CONTRACTUAL && this != PATIENT_RESPONSIBILITY;
    }
}
