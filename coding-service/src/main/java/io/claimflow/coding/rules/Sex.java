package io.claimflow.coding.rules;

/** Administrative sex as billed; sex-specific codes are checked against it. */
public enum Sex {
    FEMALE,
    MALE,
    UNKNOWN
}
