package io.claimflow.adjudication.x12;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One 835 transaction set (005010X221A1): one payment (BPR, TRN) from one payer and the claims it pays (CLP loops),
 * with provider-level adjustments (PLB).
 *
 * @param payerKey TRN03, the payer's originating company identifier: with the trace number it identifies the ERA
 * @param payerId REF*2U of loop 1000A when sent, else null
 */
public record Remittance(
        String transactionControlNumber,
        String handlingCode,
        BigDecimal paymentAmount,
        String creditDebit,
        String paymentMethod,
        LocalDate paymentDate,
        String traceNumber,
        String payerKey,
        String payerId,
        String payerName,
        List<ClaimPayment> claims,
        List<ProviderAdjustment> providerAdjustments) {

    public Remittance {
        claims = List.copyOf(claims);
        providerAdjustments = List.copyOf(providerAdjustments);
    }

    /** One CAS reason: group code, CARC, amount. */
    public record Cas(String group, String reason, BigDecimal amount) {}

    /**
     * One PLB adjustment: provider (PLB01), fiscal period date (PLB02), reason code (PLB03-1, e.g. L6 interest, WO
     * overpayment recovery, FB forward balance), reference (PLB03-2), amount (positive reduces the payment).
     */
    public record ProviderAdjustment(
            String providerId, LocalDate fiscalPeriodDate, String reason, String reference, BigDecimal amount) {}

    /**
     * Loop 2100: one claim's payment. memberId is the patient's or the insured's id (NM1*QC / NM1*IL, NM109 with
     * qualifier MI), statementFrom/To the claim's dates (DTM*232 / DTM*233), crossoverCarrierId/Name the payer the
     * claim was forwarded to (NM1*TT: NM109, NM103; with CLP02 19-21), each null when not sent.
     */
    public record ClaimPayment(
            String patientControlNumber,
            String statusCode,
            BigDecimal chargeAmount,
            BigDecimal paidAmount,
            BigDecimal patientResponsibility,
            String claimFilingIndicator,
            String payerClaimNumber,
            List<Cas> adjustments,
            List<String> remarkCodes,
            List<ServicePayment> lines,
            String memberId,
            LocalDate statementFrom,
            LocalDate statementTo,
            String crossoverCarrierId,
            String crossoverCarrierName) {

        public ClaimPayment {
            adjustments = List.copyOf(adjustments);
            remarkCodes = List.copyOf(remarkCodes);
            lines = List.copyOf(lines);
        }

        /** Every date of service the CLP names: its lines' and its statement period's. */
        public List<LocalDate> datesOfService() {
            List<LocalDate> dates = new java.util.ArrayList<>();
            lines.stream()
                    .map(ServicePayment::dateOfService)
                    .filter(java.util.Objects::nonNull)
                    .forEach(dates::add);
            if (statementFrom != null) {
                dates.add(statementFrom);
            }
            if (statementTo != null) {
                dates.add(statementTo);
            }
            return dates;
        }
    }

    /** Loop 2110: one service line's payment; units paid (SVC05) may be decimal, as the guide allows. */
    public record ServicePayment(
            String procedureQualifier,
            String procedureCode,
            List<String> modifiers,
            BigDecimal chargeAmount,
            BigDecimal paidAmount,
            BigDecimal units,
            LocalDate dateOfService,
            String lineItemControlNumber,
            BigDecimal allowedAmount,
            List<Cas> adjustments,
            List<String> remarkCodes) {

        public ServicePayment {
            modifiers = List.copyOf(modifiers);
            adjustments = List.copyOf(adjustments);
            remarkCodes = List.copyOf(remarkCodes);
        }
    }
}
