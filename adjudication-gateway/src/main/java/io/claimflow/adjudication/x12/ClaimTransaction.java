package io.claimflow.adjudication.x12;

import io.claimflow.adjudication.claim.OutboundClaim;

/** One 837P transaction set (ST/SE) carrying one claim, with its transaction set control number (ST02). */
public record ClaimTransaction(long transactionControlNumber, OutboundClaim claim) {

    public ClaimTransaction {
        if (transactionControlNumber < 1 || transactionControlNumber > 999_999_999L) {
            throw new IllegalArgumentException("transaction control number out of range: " + transactionControlNumber);
        }
    }

    /** ST02 / SE02: at least four digits. */
    public String stControlNumber() {
        return formatStControlNumber(transactionControlNumber);
    }

    public static String formatStControlNumber(long number) {
        return String.format("%04d", number);
    }
}
