package io.claimflow.claim.workitem;

/** The biller work lists a claim can land on. */
public enum WorkQueue {
    /** denials to work: eligibility, authorization, timely filing, missing information, other, recode limit */
    DENIAL,
    /** front-end rejections to fix and resubmit */
    REJECTION,
    /** medical-necessity denials to consider for appeal */
    APPEAL,
    /** a newer coding arrived that could not be applied automatically, or a denied claim waits for its recode */
    RECODE,
    /** the payer reversed its payment (CLP02 22): chase the repayment, or replace, void or write off */
    REVERSAL,
    /** the payer paid more than is owed (e.g. the same claim paid twice): refund it, or wait for its recoupment */
    CREDIT_BALANCE,
    /** the payer says the claim is not its own (CLP02 23) or answered a predetermination (25): bill it for payment */
    NOT_PAID,
    /** the payer upheld its denial after an appeal: decide to write the balance off or bill the patient */
    LOST_APPEAL,
    /**
     * coordination of benefits: the next payer named by a remittance is not among the patient's coverages, or an
     * earlier payer reversed (or changed) the adjudication a later payer's claim carries: bill, void or correct it
     */
    COORDINATION
}
