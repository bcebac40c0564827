package io.claimflow.codes;

import java.util.Arrays;

/**
 * Claim frequency type code (837P CLM05-3): the one list of ClaimFlow, used by claim-service (which claim it builds)
 * and adjudication-gateway (what it writes into the 837). The names are those of the Avro {@code ClaimFrequency}.
 */
public enum Frequency {
    /** 1: admit through discharge claim, the first claim for the visit. */
    ORIGINAL("1"),
    /** 7: replacement of a prior claim (names the payer's claim number in REF*F8). */
    REPLACEMENT("7"),
    /** 8: void / cancel of a prior claim. */
    VOID("8");

    private final String code;

    Frequency(String code) {
        this.code = code;
    }

    /** The X12 code (CLM05-3). */
    public String code() {
        return code;
    }

    /**
     * The frequency of an X12 code.
     *
     * @throws IllegalArgumentException for a code that is not 1, 7 or 8
     */
    public static Frequency ofCode(String code) {
        return Arrays.stream(values())
                .filter(f -> f.code.equals(code))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("claim frequency code '" + code + "' is not one of 1, 7, 8"));
    }
}
