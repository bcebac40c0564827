package io.claimflow.codes;

/**
 * What a payer adjustment means for the biller: a denial category (the names of the Avro DenialCategory), or not a
 * denial at all (CONTRACTUAL: the provider writes it off; PATIENT_RESPONSIBILITY: the patient owes it).
 *
 * <p>The order of the denial categories is their precedence when a denial carries codes of several categories: the
 * first one is the work to do first. Duplicate and timely filing end the claim whatever else is wrong; eligibility and
 * authorization must be fixed before a recode can help; then coding (a recode), medical necessity (an appeal with
 * records); missing information is the least specific (CARC 16 "lacks information" needs a remark code to say what),
 * and OTHER (unknown or generic codes such as 96 and A1) is last. A MISSING_INFORMATION or OTHER adjustment is
 * sharpened by a remark code that names a more specific category (see {@link AdjustmentCodes#denialCategory}).
 */
public enum DenialCategory {
    DUPLICATE,
    TIMELY_FILING,
    ELIGIBILITY,
    AUTHORIZATION,
    CODING,
    MEDICAL_NECESSITY,
    MISSING_INFORMATION,
    OTHER,
    CONTRACTUAL,
    PATIENT_RESPONSIBILITY;

    /** Whether an adjustment of this category denies (part of) the claim rather than settling it. */
    public boolean isDenial() {
        return this != CONTRACTUAL && this != PATIENT_RESPONSIBILITY;
    }

    /** Whether a remark code may replace this category by a more specific one. */
    boolean isVague() {
        return this == MISSING_INFORMATION || this == OTHER;
    }
}
