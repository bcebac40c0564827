package io.claimflow.claim.submission;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Claim ids and patient control numbers from a sequence number: {@code clm-20260311-000317} and
 * {@code RIV20260311000317} (up to three letters or digits of the tenant, the date, the number; at most 20 characters,
 * the CLM01 limit).
 */
public record ClaimNumbers(String claimId, String patientControlNumber) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public static ClaimNumbers of(long sequence, String tenantId, LocalDate today) {
        String number = String.format(Locale.ROOT, "%06d", sequence);
        String day = today.format(DAY);
        String prefix = tenantId.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        prefix = prefix.substring(0, Math.min(3, prefix.length()));
        String pcn = prefix + day + number;
        if (pcn.length() > 20) {
            pcn = pcn.substring(pcn.length() - 20);
        }
        return new ClaimNumbers("clm-" + day + "-" + number, pcn);
    }
}
