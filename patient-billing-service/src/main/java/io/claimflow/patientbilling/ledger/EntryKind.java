package io.claimflow.patientbilling.ledger;

/** What a journal entry records. */
public enum EntryKind {
    /** A payer's remittance for a claim (PaymentPosted, any status but reversal). */
    REMITTANCE,
    /** A payer's reversal of an earlier remittance (claim status 22): the exact opposite of it. */
    REMITTANCE_REVERSAL,
    /** A denial that leaves the patient responsible (PR adjustments on ClaimDenied). */
    DENIAL_RESPONSIBILITY,
    /** Money received from the patient. */
    PATIENT_PAYMENT,
    /** A patient payment undone (entered twice, a bounced check): the exact opposite of its entry. */
    PATIENT_PAYMENT_REVERSAL,
    /** Patient credit paid back to the patient. */
    PATIENT_REFUND,
    /** A patient balance written off. */
    WRITE_OFF,
    /**
     * A claim replaced (frequency 7) or voided (frequency 8) by a later claim: its standing remittances and denials
     * taken off, the payer's money on it held as insurance credit until the payer reverses it.
     */
    CLAIM_VOID,
    /** A biller's decision on a lost appeal's open balance: written off, or billed to the patient. */
    BALANCE_DECISION,
    /**
     * A self-pay visit billed to the patient (ClaimBilledToPatient): the whole charge is the patient's, no payer is
     * billed. Taken off (CLAIM_VOID) when a later claim of the visit replaces it.
     */
    SELF_PAY_CHARGE
}
