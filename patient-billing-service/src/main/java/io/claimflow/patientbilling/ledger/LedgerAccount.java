package io.claimflow.patientbilling.ledger;

/**
 * The ledger accounts every journal line posts to, within one patient account. A positive amount is a debit, a
 * negative one a credit, so the lines of an entry sum to zero.
 */
public enum LedgerAccount {
    /** Revenue: what was charged for the claim (credit). */
    GROSS_CHARGES,
    /** What insurance still has to settle on a claim (debit while open). */
    INSURANCE_RECEIVABLE,
    /** Money received from payers (debit). */
    INSURANCE_CASH,
    /**
     * Payer money on a claim that is not the payer's to keep: a second payment of a paid claim, a payment of a claim
     * replaced or voided since (credit, a credit balance to refund or for the payer to recoup with a reversal).
     */
    INSURANCE_CREDIT,
    /** CO adjustments: what the provider may not bill the patient (debit, contra-revenue). */
    CONTRACTUAL_ADJUSTMENT,
    /** OA, PI and CR adjustments: neither the payer's payment nor the patient's responsibility (debit). */
    OTHER_ADJUSTMENT,
    /** What the patient owes on a claim, by kind (debit while owed). */
    PATIENT_RECEIVABLE,
    /** Money received from the patient (debit). */
    PATIENT_CASH,
    /** Patient money not applied to any claim: a credit balance (credit). */
    PATIENT_CREDIT,
    /** Patient balances written off, e.g. small balances (debit). */
    PATIENT_ADJUSTMENT,
    /**
     * Coordination of benefits: the patient's share an earlier payer left on a claim, billed to the next payer and
     * pending with it (debit while pending). Not the patient's balance: no statement, no dunning, until the last
     * payer's remittance closes it into that payer's payment, its write-off and what the patient owes.
     */
    OTHER_INSURANCE_RECEIVABLE;

    /** Whether a line on this account changes what the patient owes. */
    public boolean isPatientBalance() {
        return this == PATIENT_RECEIVABLE || this == PATIENT_CREDIT;
    }
}
