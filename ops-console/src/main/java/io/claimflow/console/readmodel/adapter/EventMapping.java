package io.claimflow.console.readmodel.adapter;

import io.claimflow.console.readmodel.EventKind;
import io.claimflow.console.readmodel.TimelineEntry;
import io.claimflow.events.Adjustment;
import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.Diagnosis;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RecodeRequested;
import io.claimflow.events.ServiceLine;
import io.claimflow.schemas.Topics;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Avro events to timeline entries. Summaries name ids, codes and amounts only, never the patient (no name, birth
 * date, member id, address or note text).
 */
final class EventMapping {

    private EventMapping() {}

    /** What a ClaimSubmitted adds to the claim row beyond the timeline entry. */
    record Submission(String patientControlNumber, String payerName, String replacedClaimId, LocalDate dateOfService) {}

    static TimelineEntry entry(EncounterDocumented e) {
        String summary = "Documented: date of service " + e.getDateOfService() + ", " + e.getEncounterClass()
                + ", " + e.getDiagnoses().size() + " diagnoses, "
                + e.getProcedures().size() + " procedures, "
                + e.getAdministeredItems().size() + " supplies/drugs";
        return new TimelineEntry(
                e.getEventId(),
                Topics.ENCOUNTER_DOCUMENTED,
                EventKind.DOCUMENTED,
                e.getEncounterId(),
                null,
                e.getTenantId(),
                e.getOccurredAt(),
                summary,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static TimelineEntry entry(EncounterCoded e) {
        String by = e.getCodedBy().getMethod()
                + (e.getCodedBy().getCoderId() == null
                        ? ""
                        : " " + e.getCodedBy().getCoderId());
        String summary = "Coded v" + e.getCodingVersion() + " (" + by + "): "
                + e.getDiagnoses().stream().map(Diagnosis::getCode).collect(Collectors.joining(", ")) + "; "
                + e.getServiceLines().stream().map(EventMapping::line).collect(Collectors.joining(", "))
                + (e.getRecodeCause() == null
                        ? ""
                        : "; recode of claim " + e.getRecodeCause().getClaimId());
        return new TimelineEntry(
                e.getEventId(),
                Topics.ENCOUNTER_CODED,
                EventKind.CODED,
                e.getEncounterId(),
                e.getRecodeCause() == null ? null : e.getRecodeCause().getClaimId(),
                e.getTenantId(),
                e.getOccurredAt(),
                summary,
                e.getCodingVersion(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static TimelineEntry entry(ClaimSubmitted e) {
        String summary = "Submitted " + e.getFrequency() + " claim " + e.getClaimId() + " (coding v"
                + e.getCodingVersion() + ") to " + e.getCoverage().getPayer().getName() + ", total "
                + e.getTotalCharge() + (e.getReplacedClaimId() == null ? "" : ", replaces " + e.getReplacedClaimId());
        return new TimelineEntry(
                e.getEventId(),
                Topics.CLAIM_SUBMITTED,
                EventKind.SUBMITTED,
                e.getEncounterId(),
                e.getClaimId(),
                e.getTenantId(),
                e.getOccurredAt(),
                summary,
                e.getCodingVersion(),
                e.getFrequency().name(),
                null,
                null,
                null,
                e.getCoverage().getPayer().getPayerId(),
                e.getTotalCharge(),
                null,
                null,
                null);
    }

    /** The payer id and name a claim billed to the patient carries in the read model: no payer. */
    static final String SELF_PAY_ID = "SELF-PAY";

    static final String SELF_PAY_NAME = "Self-pay (billed to the patient)";

    static TimelineEntry entry(ClaimBilledToPatient e) {
        String summary = "Billed to the patient: claim " + e.getClaimId() + " (coding v" + e.getCodingVersion()
                + ") by " + e.getBilledBy() + ", total " + e.getTotalCharge()
                + (e.getReplacedClaimId() == null ? "" : ", replaces " + e.getReplacedClaimId());
        return new TimelineEntry(
                e.getEventId(),
                Topics.CLAIM_BILLED_TO_PATIENT,
                EventKind.BILLED_TO_PATIENT,
                e.getEncounterId(),
                e.getClaimId(),
                e.getTenantId(),
                e.getOccurredAt(),
                summary,
                e.getCodingVersion(),
                "SELF_PAY",
                null,
                null,
                null,
                SELF_PAY_ID,
                e.getTotalCharge(),
                null,
                e.getTotalCharge(),
                null);
    }

    static Submission billing(ClaimBilledToPatient e) {
        return new Submission(
                e.getPatientControlNumber(),
                SELF_PAY_NAME,
                e.getReplacedClaimId(),
                e.getLines().stream()
                        .map(l -> l.getService().getDateOfService())
                        .filter(java.util.Objects::nonNull)
                        .min(LocalDate::compareTo)
                        .orElse(null));
    }

    static Submission submission(ClaimSubmitted e) {
        LocalDate dateOfService = e.getLines().stream()
                .map(l -> l.getService().getDateOfService())
                .filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo)
                .orElse(null);
        return new Submission(
                e.getPatientControlNumber(),
                e.getCoverage().getPayer().getName(),
                e.getReplacedClaimId(),
                dateOfService);
    }

    static TimelineEntry entry(ClaimDenied e) {
        String carcs = carcs(e.getClaimAdjustments(), e.getLines());
        String rejections = e.getRejections().stream().map(r -> r.getCode()).collect(Collectors.joining(", "));
        String summary = "Denied (" + e.getStage() + ", " + e.getCategory() + ") by "
                + e.getPayer().getName() + (carcs.isEmpty() ? "" : ": CARC " + carcs)
                + (rejections.isEmpty() ? "" : "; rejected " + rejections);
        return new TimelineEntry(
                e.getEventId(),
                Topics.CLAIM_DENIED,
                EventKind.DENIED,
                e.getEncounterId(),
                e.getClaimId(),
                e.getTenantId(),
                e.getOccurredAt(),
                summary,
                null,
                null,
                e.getStage().name(),
                e.getCategory().name(),
                carcs,
                e.getPayer().getPayerId(),
                e.getTotalCharge(),
                null,
                null,
                null);
    }

    static TimelineEntry entry(RecodeRequested e) {
        String summary = "Recode requested (attempt " + e.getAttempt() + ", coding v" + e.getCodingVersion() + ", "
                + e.getReason().getCategory() + ") by " + e.getRequestedBy().getKind() + " "
                + e.getRequestedBy().getId();
        return new TimelineEntry(
                e.getEventId(),
                Topics.RECODE_REQUESTED,
                EventKind.RECODE_REQUESTED,
                e.getEncounterId(),
                e.getClaimId(),
                e.getTenantId(),
                e.getOccurredAt(),
                summary,
                e.getCodingVersion(),
                null,
                e.getReason().getStage().name(),
                e.getReason().getCategory().name(),
                carcs(e.getReason().getAdjustments(), List.of()),
                null,
                null,
                null,
                null,
                null);
    }

    static TimelineEntry entry(PaymentPosted e) {
        var pr = e.getPatientResponsibility();
        String summary =
                "Payment posted (" + e.getClaimStatus() + ") by " + e.getPayer().getName() + ": charge "
                        + e.getChargeAmount() + ", paid " + e.getPaidAmount() + ", patient " + pr.getTotal()
                        + " (deductible " + pr.getDeductible() + ", coinsurance " + pr.getCoinsurance() + ", copay "
                        + pr.getCopay() + ", other " + pr.getOther() + "), contractual " + e.getContractualAdjustment()
                        + ", " + e.getPaymentMethod() + " " + e.getTraceNumber() + " on " + e.getPaymentDate();
        return new TimelineEntry(
                e.getEventId(),
                Topics.PAYMENT_POSTED,
                EventKind.PAYMENT_POSTED,
                e.getEncounterId(),
                e.getClaimId(),
                e.getTenantId(),
                e.getOccurredAt(),
                summary,
                null,
                null,
                null,
                null,
                carcs(e.getClaimAdjustments(), e.getLines()),
                e.getPayer().getPayerId(),
                e.getChargeAmount(),
                e.getPaidAmount(),
                pr.getTotal(),
                e.getContractualAdjustment());
    }

    private static String line(ServiceLine line) {
        return line.getProcedureCode()
                + (line.getModifiers().isEmpty() ? "" : "-" + String.join("-", line.getModifiers()))
                + (line.getUnits() == 1 ? "" : " x" + line.getUnits());
    }

    /** Group and reason codes of the claim and line adjustments, e.g. {@code CO-11, PR-3}, each once. */
    private static String carcs(List<Adjustment> claimLevel, List<LineAdjudication> lines) {
        Set<String> codes = new LinkedHashSet<>();
        claimLevel.forEach(a -> codes.add(a.getGroupCode() + "-" + a.getReasonCode()));
        lines.forEach(l -> l.getAdjustments().forEach(a -> codes.add(a.getGroupCode() + "-" + a.getReasonCode())));
        return String.join(", ", codes);
    }

    static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : value;
    }
}
