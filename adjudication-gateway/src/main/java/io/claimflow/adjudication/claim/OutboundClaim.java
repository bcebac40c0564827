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
        List<OtherPayer> otherPayers,
        String priorAuthorizationNumber,
        String referralNumber,
        List<String> diagnoses,
        List<Line> lines,
        BigDecimal totalCharge,
        String delayReasonCode,
        String claimNote) {

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
        otherPayers = otherPayers == null ? List.of() : List.copyOf(otherPayers);
        if (patientControlNumber.isBlank() || patientControlNumber.length() > 20) {
            throw new IllegalArgumentException(
                    "patient control number must have 1 to 20 characters (claim " + claimId + ")");
        }
        if (lines.isEmpty() || lines.size() > 50) {
            throw new IllegalArgumentException("a claim has 1 to 50 service lines (claim " + claimId + ")");
        }
        if (delayReasonCode != null
                && io.claimflow.codes.DelayReason.ofCode(delayReasonCode).isEmpty()) {
            throw new IllegalArgumentException("delay reason code is not a CLM20 code (claim " + claimId + ")");
        }
        if (claimNote != null && (claimNote.isBlank() || claimNote.length() > 80)) {
            throw new IllegalArgumentException("claim note must have 1 to 80 characters (claim " + claimId + ")");
        }
        if (diagnoses.size() > 12) {
            throw new IllegalArgumentException("a claim has at most 12 diagnoses (claim " + claimId + ")");
        }
        BigDecimal sum = lines.stream().map(Line::charge).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (totalCharge == null || sum.compareTo(totalCharge) != 0) {
            throw new IllegalArgumentException("total charge " + totalCharge + " is not the sum of the line charges "
                    + sum + " (claim " + claimId + ")");
        }
        for (OtherPayer other : otherPayers) {
            if (other.adjudication() != null) {
                other.adjudication().checkBalances(claimId, other.coverage().payerId(), lines, totalCharge);
            }
        }
    }

    /**
     * The claim's payers in payment order (SBR01: P, S, T, then the others): the billed coverage and the other
     * coverages.
     */
    public List<Coverage> paymentOrder() {
        List<Coverage> order = new java.util.ArrayList<>();
        order.add(coverage);
        otherPayers.forEach(o -> order.add(o.coverage()));
        order.sort(java.util.Comparator.comparingInt(
                c -> "PST".indexOf(c.payerSequence()) < 0 ? 3 : "PST".indexOf(c.payerSequence())));
        return order;
    }

    /**
     * The coverage that pays after this payer in the claim's payment order; empty when this payer is the last or is
     * none of the claim's payers. When the claim's own payer is meant, its place is the billed coverage's, also when
     * another coverage has the same payer (a patient with two plans of one payer).
     */
    public java.util.Optional<Coverage> nextAfter(String payerId) {
        List<Coverage> order = paymentOrder();
        int at = payerId.equals(coverage.payerId()) ? order.indexOf(coverage) : -1;
        for (int i = 0; at < 0 && i < order.size(); i++) {
            if (order.get(i).payerId().equals(payerId)) {
                at = i;
            }
        }
        return at >= 0 && at < order.size() - 1 ? java.util.Optional.of(order.get(at + 1)) : java.util.Optional.empty();
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

    /**
     * Another coverage of the patient (837P loops 2320, 2330A, 2330B) and, when that payer adjudicated the claim
     * before, how (loop 2320 CAS/AMT, 2330B DTP*573/REF*F8, loop 2430 per line); adjudication is null when it did not.
     */
    public record OtherPayer(Coverage coverage, PriorAdjudication adjudication) {

        public OtherPayer {
            Objects.requireNonNull(coverage, "coverage");
        }
    }

    /**
     * An earlier payer's adjudication of this claim: its claim control number (CLP07), adjudication date, paid
     * amount (AMT*D), remaining patient liability (AMT*EAF), claim-level adjustments (CAS) and line adjudication.
     */
    public record PriorAdjudication(
            String payerClaimNumber,
            LocalDate adjudicationDate,
            BigDecimal paidAmount,
            BigDecimal remainingPatientLiability,
            List<Notices.Adjustment> claimAdjustments,
            List<LineAdjudication> lines) {

        public PriorAdjudication {
            Objects.requireNonNull(adjudicationDate, "adjudicationDate");
            Objects.requireNonNull(paidAmount, "paidAmount");
            claimAdjustments = claimAdjustments == null ? List.of() : List.copyOf(claimAdjustments);
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        /** Sum of the claim-level and all line-level adjustments. */
        public BigDecimal adjustmentTotal() {
            BigDecimal claimLevel =
                    claimAdjustments.stream().map(Notices.Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            return lines.stream().map(LineAdjudication::adjustmentTotal).reduce(claimLevel, BigDecimal::add);
        }

        /**
         * The X222A1 COB balancing (section 1.4.1.1): for this payer, claim charge (CLM02) = paid (AMT*D) + claim
         * adjustments (2320 CAS) + line adjustments (2430 CAS); and, per adjudicated line, line charge (SV102) = line
         * paid (SVD02) + line adjustments (2430 CAS). Every adjudicated line must be one of the claim's lines.
         */
        void checkBalances(String claimId, String payerId, List<Line> claimLines, BigDecimal totalCharge) {
            String where = "claim " + claimId + ", prior payer " + payerId + ": ";
            BigDecimal accounted = paidAmount.add(adjustmentTotal());
            if (accounted.compareTo(totalCharge) != 0) {
                throw new IllegalArgumentException(where + "COB does not balance: claim charge " + totalCharge
                        + " is not paid " + paidAmount + " + claim and line adjustments " + adjustmentTotal());
            }
            for (LineAdjudication adjudicated : lines) {
                Line billed = claimLines.stream()
                        .filter(l -> l.lineNumber() == adjudicated.lineNumber())
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(where + "line adjudication for line "
                                + adjudicated.lineNumber() + ", which the claim does not have"));
                BigDecimal lineAccounted = adjudicated.paidAmount().add(adjudicated.adjustmentTotal());
                if (lineAccounted.compareTo(billed.charge()) != 0) {
                    throw new IllegalArgumentException(where + "COB does not balance on line "
                            + adjudicated.lineNumber() + ": line charge " + billed.charge() + " is not paid "
                            + adjudicated.paidAmount() + " + line adjustments " + adjudicated.adjustmentTotal());
                }
            }
        }
    }

    /** An earlier payer's adjudication of one of this claim's lines (loop 2430: SVD, CAS, DTP*573). */
    public record LineAdjudication(
            int lineNumber,
            String procedureCode,
            List<String> modifiers,
            BigDecimal paidAmount,
            BigDecimal paidUnits,
            List<Notices.Adjustment> adjustments) {

        public LineAdjudication {
            Objects.requireNonNull(paidAmount, "paidAmount");
            modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
            adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        }

        public BigDecimal adjustmentTotal() {
            return adjustments.stream().map(Notices.Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
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
