package io.claimflow.adjudication.claim;

import io.claimflow.codes.Frequency;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A professional claim as the gateway sends it to a payer: everything the 837P needs, plus the ids the gateway keeps
 * to answer with events (claim, encounter, tenant and the ClaimSubmitted event that caused it). Protected health
 * information: never log it, log {@link #claimId()} and {@link #encounterId()}.
 */
public record OutboundClaim(
        String claimId,
        String encounterId,
        String tenantId,
        String submittedEventId,
        String patientControlNumber,
        Frequency frequency,
        String replacedPayerClaimNumber,
        Provider billing,
        Provider rendering,
        Provider referring,
        ServiceFacility facility,
        String placeOfService,
        Person patient,
        Coverage coverage,
        String priorAuthorizationNumber,
        String referralNumber,
        List<String> diagnoses,
        List<Line> lines,
        BigDecimal totalCharge) {

    public OutboundClaim {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(encounterId, "encounterId");
        Objects.requireNonNull(patientControlNumber, "patientControlNumber");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(billing, "billing");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(coverage, "coverage");
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
        if (patientControlNumber.isBlank() || patientControlNumber.length() > 20) {
            throw new IllegalArgumentException(
                    "patient control number must have 1 to 20 characters (claim " + claimId + ")");
        }
        if (lines.isEmpty() || lines.size() > 50) {
            throw new IllegalArgumentException("a claim has 1 to 50 service lines (claim " + claimId + ")");
        }
        if (diagnoses.size() > 12) {
            throw new IllegalArgumentException("a claim has at most 12 diagnoses (claim " + claimId + ")");
        }
        BigDecimal sum = lines.stream().map(Line::charge).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (totalCharge == null || sum.compareTo(totalCharge) != 0) {
            throw new IllegalArgumentException("total charge " + totalCharge + " is not the sum of the line charges "
                    + sum + " (claim " + claimId + ")");
        }
    }

    /** The payer the claim goes to. */
    public String payerId() {
        return coverage.payerId();
    }

    /** A street address (N3/N4). */
    public record Address(String line1, String line2, String city, String state, String postalCode) {}

    /** Billing, rendering or referring provider. */
    public record Provider(
            String npi,
            boolean organization,
            String lastOrOrganizationName,
            String firstName,
            String taxonomyCode,
            String taxId,
            boolean taxIdIsSsn,
            Address address) {}

    /** Service facility location (loop 2310C). */
    public record ServiceFacility(String name, String npi, Address address) {}

    /** A patient or subscriber; sex is the X12 code F, M or U. */
    public record Person(
            String lastName,
            String firstName,
            String middleName,
            String nameSuffix,
            LocalDate birthDate,
            String sex,
            Address address) {}

    /**
     * The coverage billed: payer, subscriber and the patient's relationship to the subscriber (X12 individual
     * relationship code, 18 = self).
     */
    public record Coverage(
            String payerSequence,
            String payerId,
            String payerName,
            String memberId,
            Person subscriber,
            String relationshipCode,
            String groupNumber,
            String groupName,
            String claimFilingIndicator) {

        public boolean patientIsSubscriber() {
            return "18".equals(relationshipCode);
        }
    }

    /** One service line (loop 2400); codeSystem is CPT or HCPCS, both sent with qualifier HC. */
    public record Line(
            int lineNumber,
            String lineItemControlNumber,
            String procedureCode,
            List<String> modifiers,
            int units,
            List<Integer> diagnosisPointers,
            LocalDate dateOfService,
            String placeOfService,
            String ndc,
            BigDecimal ndcQuantity,
            String ndcUnit,
            BigDecimal charge) {

        public Line {
            modifiers = List.copyOf(modifiers);
            diagnosisPointers = List.copyOf(diagnosisPointers);
        }
    }
}
