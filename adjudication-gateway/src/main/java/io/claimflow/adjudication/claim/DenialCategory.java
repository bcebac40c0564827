package io.claimflow.adjudication.claim;

/** What kind of work a denial needs; mirrors the Avro DenialCategory. */
public enum DenialCategory {
    CODING, ELIGIBILITY, AUTHORIZATION, DUPLICATE, TIMELY_FILING, MISSING_INFORMATION, MEDICAL_NECESSITY, OTHER
}
