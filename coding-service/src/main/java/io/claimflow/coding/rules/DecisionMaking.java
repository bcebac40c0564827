package io.claimflow.coding.rules;

/** Level of medical decision making under the 2021 office E/M guidelines. */
public enum DecisionMaking {
    STRAIGHTFORWARD,
    LOW,
    MODERATE,
    HIGH
}
