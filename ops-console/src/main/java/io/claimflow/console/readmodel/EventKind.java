package io.claimflow.console.readmodel;

/** What happened to an encounter, one per topic, in the order events flow. */
public enum EventKind {
    DOCUMENTED,
    CODED,
    SUBMITTED,
    DENIED,
    RECODE_REQUESTED,
    PAYMENT_POSTED,
    BILLED_TO_PATIENT
}
