package io.claimflow.claim.work;

/** The biller work lists a claim can land on. */
public enum WorkQueue {
    /** denials to work: eligibility, authorization, timely filing, missing information, other, recode limit */
    DENIAL,
    /** front-end rejections to fix and resubmit */
    REJECTION,
    /** medical-necessity denials to consider for appeal */
    APPEAL,
    /** a newer coding arrived that could not be applied automatically */
    RECODE
}
