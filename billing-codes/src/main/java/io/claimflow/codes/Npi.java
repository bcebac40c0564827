package io.claimflow.codes;

/**
 * The one National Provider Identifier check of ClaimFlow (CMS, "Requirements for the NPI check digit"): 10 digits,
 * the first 1 or 2, the last the Luhn check digit computed over the prefix 80840 and the first nine digits.
 */
public final class Npi {

    /** What a failing NPI is told, for messages and problem details (never the value). */
    public static final String RULE = "an NPI is 10 digits, starts with 1 or 2 and ends with the Luhn check digit "
            + "computed with the prefix 80840";

    private Npi() {}

    public static boolean isValid(String npi) {
        if (npi == null || !npi.matches("[12][0-9]{9}")) {
            return false;
        }
        return checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }

    /** A valid NPI from its first nine digits (the first 1 or 2): for test data and generators. */
    public static String withCheckDigit(String nineDigits) {
        if (nineDigits == null || !nineDigits.matches("[12][0-9]{8}")) {
            throw new IllegalArgumentException("nine digits starting with 1 or 2 expected");
        }
        return nineDigits + checkDigit(nineDigits);
    }

    private static int checkDigit(String nineDigits) {
        String digits = "80840" + nineDigits;
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
