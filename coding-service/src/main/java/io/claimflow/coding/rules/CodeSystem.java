package io.claimflow.coding.rules;

/** Terminology of a documented or coded entry; NONE is free text without a code; CVX vaccines, RXNORM drugs. */
public enum CodeSystem {
    SNOMED_CT,
    ICD_10_CM,
    CPT,
    HCPCS,
    NONE,
    CVX,
    RXNORM
}
