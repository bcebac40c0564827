package io.claimflow.adjudication.claim;

/** Where a claim is on its way to and back from the payer, as the gateway sees it. */
public enum ClaimStatus {
    /** Waiting for its interchange (the durable send queue). */
    QUEUED,
    /** In an interchange that waits to be sent. */
    BATCHED,
    /** Sent; waiting for the 999. */
    SENT,
    /** The 999 accepted its transaction set. */
    ACKNOWLEDGED,
    /** Rejected by a 999 or 277CA. */
    REJECTED,
    /** Accepted for adjudication by the 277CA. */
    ACCEPTED,
    /** Paid, wholly or partly, by an 835. */
    PAID,
    /**
     * Paid by a payer that forwarded it to the next payer (CLP02 19-21, crossover): waits for that payer's 835 with
     * the same patient control number.
     */
    CROSSED_OVER,
    /** Denied by an 835. */
    DENIED,
    /** Its payment taken back by an 835 reversal (CLP02 22); a corrected payment may follow. */
    REVERSED,
    /** Not the payer's claim, forwarded to another payer (CLP02 23): nothing paid. */
    FORWARDED,
    /** Priced as a predetermination only (CLP02 25): nothing paid. */
    PREDETERMINED
}
