package io.claimflow.claim.submission;

/** National Provider Identifier check: 10 digits whose last is the Luhn check digit over 80840 plus the first 9. */
final class Npi {

    private Npi() {
    }

    static boolean isValid(String npi) {
        if (npi == null || !npi.matches("[12][0-9]{9}")) {
            return false;
        }
        String digits = "80840" + npi.substring(0, 9);
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
        int check = (10 - sum % 10) % 10;
        return check == npi.charAt(9) - '0';
    }
}
