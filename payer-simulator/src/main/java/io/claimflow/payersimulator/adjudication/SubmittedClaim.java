package io.claimflow.payersimulator.adjudication;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One claim of a received 837P, as much of it as the simulator adjudicates on: payerId/payerName the destination
 * payer (loop 2010BB), otherPayers the other coverages (loops 2320/2330A/2330B) in the order sent, each line's
 * priorAdjudications the other payers' line adjudication (loop 2430).
 */
public record SubmittedClaim(
        String transactionControlNumber,
        String patientControlNumber,
        BigDecimal totalCharge,
        String frequencyCode,
        String payerSequence,
        String replacedPayerClaimNumber,
        String priorAuthorization,
        String memberId,
        String patientLastName,
        String patientFirstName,
        String billingName,
        String billingNpi,
        String billingTaxId,
        List<String> diagnoses,
        List<Line> lines,
        String payerId,
        String payerName,
        List<OtherPayer> otherPayers) {

    public SubmittedClaim {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
        otherPayers = otherPayers == null ? List.of() : List.copyOf(otherPayers);
    }

    /** A claim without coordination of benefits, to the configured payer. */
    public SubmittedClaim(
            String transactionControlNumber,
            String patientControlNumber,
            BigDecimal totalCharge,
            String frequencyCode,
            String payerSequence,
            String replacedPayerClaimNumber,
            String priorAuthorization,
            String memberId,
            String patientLastName,
            String patientFirstName,
            String billingName,
            String billingNpi,
            String billingTaxId,
            List<String> diagnoses,
            List<Line> lines) {
        this(
                transactionControlNumber,
                patientControlNumber,
                totalCharge,
                frequencyCode,
                payerSequence,
                replacedPayerClaimNumber,
                priorAuthorization,
                memberId,
                patientLastName,
                patientFirstName,
                billingName,
                billingNpi,
                billingTaxId,
                diagnoses,
                lines,
                null,
                null,
                List.of());
    }

    /**
     * Another payer of the claim (loop 2320 with 2330A/2330B): its SBR01, the member id with it, its id and name;
     * when it adjudicated the claim, its paid amount (AMT*D), the patient liability it left (AMT*EAF, null when not
     * sent), its claim-level adjustments (CAS) and its claim number (REF*F8).
     */
    public record OtherPayer(
            String payerSequence,
            String memberId,
            String payerId,
            String payerName,
            BigDecimal paid,
            BigDecimal remainingPatientLiability,
            List<Cas> claimAdjustments,
            String payerClaimNumber) {

        public OtherPayer {
            claimAdjustments = claimAdjustments == null ? List.of() : List.copyOf(claimAdjustments);
        }

        public boolean adjudicated() {
            return paid != null;
        }
    }

    /** An adjustment read from a CAS segment of the 837P (loops 2320 and 2430). */
    public record Cas(String group, String reason, BigDecimal amount) {}

    /** Another payer's adjudication of one line (loop 2430): SVD01 its id, SVD02 paid, its CAS. */
    public record PriorLine(String payerId, BigDecimal paid, List<Cas> adjustments) {

        public PriorLine {
            adjustments = List.copyOf(adjustments);
        }

        /** What this payer left to the patient on the line (its PR adjustments). */
        public BigDecimal patientLiability() {
            return adjustments.stream()
                    .filter(c -> c.group().equals("PR"))
                    .map(Cas::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One service line (loop 2400). */
    public record Line(
            String procedureCode,
            List<String> modifiers,
            BigDecimal charge,
            int units,
            List<Integer> diagnosisPointers,
            LocalDate dateOfService,
            String lineItemControlNumber,
            boolean hasNdc,
            List<PriorLine> priorAdjudications) {

        public Line {
            modifiers = List.copyOf(modifiers);
            diagnosisPointers = List.copyOf(diagnosisPointers);
            priorAdjudications = priorAdjudications == null ? List.of() : List.copyOf(priorAdjudications);
        }

        /** A line without other payers' adjudication. */
        public Line(
                String procedureCode,
                List<String> modifiers,
                BigDecimal charge,
                int units,
                List<Integer> diagnosisPointers,
                LocalDate dateOfService,
                String lineItemControlNumber,
                boolean hasNdc) {
            this(
                    procedureCode,
                    modifiers,
                    charge,
                    units,
                    diagnosisPointers,
                    dateOfService,
                    lineItemControlNumber,
                    hasNdc,
                    List.of());
        }
    }
}
