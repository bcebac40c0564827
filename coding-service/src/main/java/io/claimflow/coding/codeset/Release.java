package io.claimflow.coding.codeset;

import io.claimflow.platform.validation.InvalidInputException;
import java.time.LocalDate;

/**
 * One release of a code set or edit table: valid for dates of service from {@code effectiveFrom} to
 * {@code effectiveTo} (null = until a later release supersedes it).
 */
public record Release(String codeSet, String version, LocalDate effectiveFrom, LocalDate effectiveTo, String source) {

    public static final String ICD_10_CM = "ICD-10-CM";
    public static final String CPT = "CPT";
    public static final String HCPCS = "HCPCS";
    public static final String NCCI_PTP = "NCCI-PTP";
    public static final String NCCI_MUE = "NCCI-MUE";
    public static final String ICD_10_CM_EDITS = "ICD-10-CM-EDITS";
    public static final String INDICATIONS = "INDICATIONS";

    public Release {
        if (effectiveFrom == null) {
            throw new InvalidInputException("A release needs the first date of service it is valid for");
        }
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new InvalidInputException("effectiveTo is before effectiveFrom");
        }
        if (version == null || version.isBlank()) {
            throw new InvalidInputException("A release needs a version");
        }
    }

    /** The ICD-10-CM fiscal year: FY 2026 is valid for dates of service 1 October 2025 to 30 September 2026. */
    public static Release icd10cmFiscalYear(int year, String source) {
        return new Release(
                ICD_10_CM, Integer.toString(year), LocalDate.of(year - 1, 10, 1), LocalDate.of(year, 9, 30), source);
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
