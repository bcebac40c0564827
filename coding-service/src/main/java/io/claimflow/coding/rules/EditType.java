package io.claimflow.coding.rules;

/** Family of a coding edit (the values of EncounterCoded's EditType). */
public enum EditType {
    CODE_VALIDITY,
    SEX_CONFLICT,
    AGE_CONFLICT,
    EXCLUDES1,
    NCCI_PTP,
    MUE,
    DIAGNOSIS_POINTER,
    FIRST_LISTED_DIAGNOSIS,
    OTHER
}
