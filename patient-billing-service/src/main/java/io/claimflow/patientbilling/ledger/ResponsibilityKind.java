package io.claimflow.patientbilling.ledger;

/** Why the patient owes an amount: the PR group adjustment's reason (CARC). */
public enum ResponsibilityKind {
    /** PR-1. */
    DEDUCTIBLE,
    /** PR-2. */
    COINSURANCE,
    /** PR-3. */
    COPAY,
    /** Any other PR reason, e.g. PR-96 non-covered charges or PR-204 not covered under the benefit plan. */
    OTHER;

    /** The kind of a PR adjustment with this claim adjustment reason code. */
    public static ResponsibilityKind ofReasonCode(String carc) {
        return switch (carc.strip()) {
            case "1" -> DEDUCTIBLE;
            case "2" -> COINSURANCE;
            case "3" -> COPAY;
            default -> OTHER;
        };
    }
}
