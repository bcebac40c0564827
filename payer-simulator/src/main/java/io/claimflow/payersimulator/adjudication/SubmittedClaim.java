package io.claimflow.payersimulator.adjudication;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One claim of a received 837P, as much of it as the simulator adjudicates on. */
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
        List<Line> lines) {

    public SubmittedClaim {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
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
            boolean hasNdc) {

        public Line {
            modifiers = List.copyOf(modifiers);
            diagnosisPointers = List.copyOf(diagnosisPointers);
        }
    }
}
