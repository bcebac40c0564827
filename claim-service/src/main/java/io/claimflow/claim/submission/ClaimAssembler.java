package io.claimflow.claim.submission;

import io.claimflow.claim.feeschedule.FeeSchedule;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimLine;
import io.claimflow.claim.model.CodedEncounter;
import io.claimflow.claim.model.CodedLine;
import io.claimflow.codes.Frequency;
import java.time.Instant;
import java.util.List;

/**
 * Builds a professional claim from a coded encounter: parties from the encounter and its primary coverage, the
 * diagnoses in coding's order, and each line priced from the fee schedule on the line's date of service times its
 * units. A line without a price keeps a null charge and the scrubber holds the claim for it.
 */
public final class ClaimAssembler {

    private final FeeSchedule feeSchedule;

    public ClaimAssembler(FeeSchedule feeSchedule) {
        this.feeSchedule = feeSchedule;
    }

    /**
     * A new claim for {@code encounter}.
     *
     * @param replaced the claim this one replaces, or null for the encounter's first claim; a replacement carries the
     *     payer's claim number of the replaced claim when the payer adjudicated it (frequency 7), otherwise it goes as
     *     a new original (frequency 1), since there is nothing at the payer to replace
     */
    public Claim assemble(CodedEncounter encounter, ClaimNumbers numbers, Claim replaced, Actor actor, Instant now) {
        Frequency frequency =
                replaced != null && replaced.payerClaimNumber() != null ? Frequency.REPLACEMENT : Frequency.ORIGINAL;
        List<ClaimLine> lines = encounter.lines().stream()
                .map(line -> price(encounter, numbers, line))
                .toList();
        Claim.Builder builder = Claim.builder()
                .claimId(numbers.claimId())
                .patientControlNumber(numbers.patientControlNumber())
                .encounterId(encounter.encounterId())
                .tenantId(encounter.tenantId())
                .codingVersion(encounter.codingVersion())
                .frequency(frequency)
                .replacedClaimId(frequency == Frequency.REPLACEMENT ? replaced.claimId() : null)
                .replacedPayerClaimNumber(frequency == Frequency.REPLACEMENT ? replaced.payerClaimNumber() : null)
                .dateOfService(encounter.dateOfService())
                .placeOfService(encounter.placeOfService())
                .priorAuthorizationNumber(encounter.priorAuthorizationNumber())
                .patientMrn(encounter.patientMrn())
                .billing(encounter.billing())
                .rendering(encounter.rendering())
                .referring(encounter.referring())
                .coverage(encounter.coverage())
                .diagnoses(encounter.diagnoses())
                .lines(lines)
                .sourceEventId(encounter.eventId())
                .snapshot(encounter.snapshot());
        String reason = replaced == null
                ? "built from coding version " + encounter.codingVersion()
                : "built from coding version " + encounter.codingVersion() + " to replace claim " + replaced.claimId()
                        + (frequency == Frequency.REPLACEMENT ? " (frequency 7)" : " (never adjudicated: frequency 1)");
        return Claim.create(builder, actor, reason, now);
    }

    /**
     * The void (frequency 8) of an adjudicated claim: the same services and charges under a new claim id, pointing
     * at the payer's claim number of {@code original}.
     */
    public Claim voidOf(Claim original, ClaimNumbers numbers, Actor actor, String reason, Instant now) {
        if (original.payerClaimNumber() == null) {
            throw new IllegalArgumentException(
                    "Claim " + original.claimId() + " has no payer claim number: the payer has nothing to void");
        }
        List<ClaimLine> lines = original.lines().stream()
                .map(l -> l.withControlNumber(numbers.claimId() + "-" + l.lineNumber()))
                .toList();
        Claim.Builder builder = Claim.builder()
                .claimId(numbers.claimId())
                .patientControlNumber(numbers.patientControlNumber())
                .encounterId(original.encounterId())
                .tenantId(original.tenantId())
                .codingVersion(original.codingVersion())
                .frequency(Frequency.VOID)
                .replacedClaimId(original.claimId())
                .replacedPayerClaimNumber(original.payerClaimNumber())
                .dateOfService(original.dateOfService())
                .placeOfService(original.placeOfService())
                .priorAuthorizationNumber(original.priorAuthorizationNumber())
                .patientMrn(original.patientMrn())
                .billing(original.billing())
                .rendering(original.rendering())
                .referring(original.referring())
                .coverage(original.coverage())
                .diagnoses(original.diagnoses())
                .lines(lines)
                .sourceEventId(original.sourceEventId())
                .snapshot(original.snapshot())
                // a later payer's claim is voided with that payer: its place in the payment order and the earlier
                // payers' adjudication go with it (837P loop 2320)
                .payerSequence(original.payerSequence())
                .priorPayerClaimId(original.priorPayerClaimId())
                .priorAdjudications(original.priorAdjudications());
        return Claim.create(builder, actor, "void of claim " + original.claimId() + ": " + reason, now);
    }

    /** The claim's lines priced again; lines that have a price keep it (the claim was built with it). */
    public List<ClaimLine> repriceMissing(Claim claim) {
        return claim.lines().stream()
                .map(line -> line.priced()
                        ? line
                        : line.pricedAt(feeSchedule
                                .unitPrice(
                                        claim.tenantId(), line.procedureCode(), line.modifiers(), line.dateOfService())
                                .orElse(null)))
                .toList();
    }

    private ClaimLine price(CodedEncounter encounter, ClaimNumbers numbers, CodedLine line) {
        ClaimLine unpriced = new ClaimLine(
                line.lineNumber(),
                numbers.claimId() + "-" + line.lineNumber(),
                line.procedureCode(),
                line.modifiers(),
                line.units(),
                line.diagnosisPointers(),
                line.dateOfService(),
                line.placeOfService(),
                null,
                null);
        return unpriced.pricedAt(feeSchedule
                .unitPrice(encounter.tenantId(), line.procedureCode(), line.modifiers(), line.dateOfService())
                .orElse(null));
    }
}
