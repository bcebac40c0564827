package io.claimflow.claim.model;

/** Claim frequency type code (CLM05-3). */
public enum Frequency {
    ORIGINAL("1"), REPLACEMENT("7"), VOID("8");

    private final String code;

    Frequency(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
