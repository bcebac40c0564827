package io.claimflow.adjudication.x12;

import java.util.Map;

/**
 * What a provider-level adjustment (835 PLB03-1, adjustment reason code) is, for a deposit's reconciliation: the
 * codes payers use most, by kind; any other code is OTHER (its code is kept beside it).
 */
public final class ProviderAdjustmentReasons {

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("L6", "INTEREST"),
            Map.entry("WO", "RECOUPMENT"),
            Map.entry("FB", "FORWARD_BALANCE"),
            Map.entry("50", "LATE_CHARGE"),
            Map.entry("51", "INTEREST_PENALTY"),
            Map.entry("72", "AUTHORIZED_RETURN"),
            Map.entry("90", "EARLY_PAYMENT_ALLOWANCE"),
            Map.entry("AP", "ACCELERATED_PAYMENT"),
            Map.entry("B2", "REBATE"),
            Map.entry("BD", "BAD_DEBT"),
            Map.entry("C5", "TEMPORARY_ALLOWANCE"),
            Map.entry("CS", "ADJUSTMENT"),
            Map.entry("CT", "CAPITATION_INTEREST"),
            Map.entry("CV", "CAPITAL_PASSTHRU"),
            Map.entry("CW", "CERTIFIED_REGISTERED_NURSE_ANESTHETIST_PASSTHRU"),
            Map.entry("DM", "DIRECT_MEDICAL_EDUCATION_PASSTHRU"),
            Map.entry("E3", "WITHHOLDING"),
            Map.entry("FC", "FUND_ALLOCATION"),
            Map.entry("GO", "GRADUATE_MEDICAL_EDUCATION_PASSTHRU"),
            Map.entry("IP", "INCENTIVE_PREMIUM_PAYMENT"),
            Map.entry("IR", "INTERNAL_REVENUE_SERVICE_WITHHOLDING"),
            Map.entry("IS", "INTERIM_SETTLEMENT"),
            Map.entry("J1", "NONREIMBURSABLE"),
            Map.entry("L3", "PENALTY"),
            Map.entry("LE", "LEVY"),
            Map.entry("LS", "LUMP_SUM"),
            Map.entry("OA", "ORGAN_ACQUISITION_PASSTHRU"),
            Map.entry("OB", "OFFSET_FOR_AFFILIATED_PROVIDERS"),
            Map.entry("PI", "PERIODIC_INTERIM_PAYMENT"),
            Map.entry("PL", "PAYMENT_FINAL"),
            Map.entry("RA", "RETRO_ACTIVITY_ADJUSTMENT"),
            Map.entry("RE", "RETURN_ON_EQUITY"),
            Map.entry("SL", "STUDENT_LOAN_REPAYMENT"),
            Map.entry("TL", "THIRD_PARTY_LIABILITY"),
            Map.entry("WU", "UNSPECIFIED_RECOVERY"));

    private ProviderAdjustmentReasons() {}

    /** The kind of the PLB reason code; OTHER for a code not listed. */
    public static String kind(String reasonCode) {
        return reasonCode == null ? "OTHER" : KINDS.getOrDefault(reasonCode, "OTHER");
    }
}
