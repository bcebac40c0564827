package io.claimflow.coding.rules;

/** New or established patient for E/M coding. */
public enum PatientStatus {
    NEW,
    ESTABLISHED,
    UNKNOWN
}
