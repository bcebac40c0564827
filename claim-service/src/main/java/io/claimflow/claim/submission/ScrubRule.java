package io.claimflow.claim.submission;

/** The scrubber's rules: what each checks before a claim may leave. */
public enum ScrubRule {
    REQUIRED_DATA("837P required data present: billing NPI and street address, place of service, 1-12 diagnoses, "
            + "1-50 lines, units of at least 1, at most 4 two-character modifiers per line"),
    NPI_CHECK_DIGIT("billing, rendering and referring NPIs are 10 digits with a valid Luhn check digit (prefix 80840)"),
    TAX_ID_FORMAT("billing provider tax id is nine digits, a plausible EIN or SSN"),
    DIAGNOSIS_POINTERS("every line points to 1-4 distinct diagnoses that exist on the claim"),
    CHARGE_FROM_FEE_SCHEDULE("every line has a price in the fee schedule on its date of service"),
    TOTAL_EQUALS_LINES("total charge equals the sum of the line charges, to the cent"),
    COVERAGE_ON_FILE("the encounter carries a coverage with payer id and member id on the date of service"),
    DATE_OF_SERVICE("dates of service are not in the future"),
    TIMELY_FILING("the payer's timely-filing window (days after the date of service) has not passed, unless a biller "
            + "released the claim with a delay reason (CLM20) and its proof"),
    DUPLICATE_CLAIM("no other live claim bills the same patient, date of service and services"),
    PRIOR_PAYER_ADJUDICATION(
            "a secondary or tertiary claim carries one adjudication for each earlier payer, in payment "
                    + "order (none on a primary claim), each to the cent: claim charge = its paid amount + every adjustment, "
                    + "per line paid + line adjustments = the line's charge on this claim, remaining patient liability = its "
                    + "PR adjustments");

    private final String description;

    ScrubRule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
