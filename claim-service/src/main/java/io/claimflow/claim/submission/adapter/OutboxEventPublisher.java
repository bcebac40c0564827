package io.claimflow.claim.submission.adapter;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.denial.RecodeRequest;
import io.claimflow.claim.denial.RecodeRequests;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.PriorAdjudication;
import io.claimflow.claim.submission.PatientBilledClaims;
import io.claimflow.claim.submission.SubmittedClaims;
import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimFrequency;
import io.claimflow.events.ClaimLine;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.Coverage;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialReason;
import io.claimflow.events.DenialStage;
import io.claimflow.events.Diagnosis;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.Payer;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.PriorPayerAdjudication;
import io.claimflow.events.Provider;
import io.claimflow.events.Providers;
import io.claimflow.events.RecodeRequested;
import io.claimflow.events.RejectionReason;
import io.claimflow.events.Requester;
import io.claimflow.events.RequesterKind;
import io.claimflow.events.ServiceLine;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.StoredRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Claim-service's events into the transactional outbox, keyed by encounter id: ClaimSubmitted (and ClaimBilledToPatient
 * for a self-pay claim billed to the patient) from the claim plus the parties of the EncounterCoded it was built from
 * (with a biller's corrections laid over them), RecodeRequested from a routed coding denial.
 */
@Component
class OutboxEventPublisher implements SubmittedClaims, RecodeRequests, PatientBilledClaims {

    private final OutboxWriter outbox;

    OutboxEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(Claim claim, String causationId, Instant at) {
        outbox.append(Topics.CLAIM_SUBMITTED, claim.encounterId(), claimSubmitted(claim, causationId, at));
    }

    @Override
    public void publishBilledToPatient(
            Claim claim, String replacedClaimId, String billedBy, String reason, Instant at) {
        outbox.append(
                Topics.CLAIM_BILLED_TO_PATIENT,
                claim.encounterId(),
                claimBilledToPatient(claim, replacedClaimId, billedBy, reason, at));
    }

    @Override
    public void publish(RecodeRequest r) {
        outbox.append(Topics.RECODE_REQUESTED, r.encounterId(), recodeRequested(r));
    }

    static ClaimSubmitted claimSubmitted(Claim claim, String causationId, Instant at) {
        EncounterCoded source = StoredRecords.read(claim.snapshot(), EncounterCoded.class);
        Providers providers = providers(claim, source);
        if (claim.coverage() == null) {
            throw new IllegalStateException("Claim " + claim.claimId() + " has no coverage to submit to");
        }
        // a later payer's coverage is the plan the claim bills: its payer and member id (two plans of one payer, a
        // member's and a spouse's, differ by member id only)
        Coverage billed = claim.payerSequence() > 1
                ? source.getCoverages().stream()
                        .filter(c -> c.getPayer()
                                .getPayerId()
                                .equals(claim.coverage().payerId()))
                        .sorted(java.util.Comparator.comparing(c -> !java.util.Objects.equals(
                                c.getSubscriber().getMemberId(),
                                claim.coverage().memberId())))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("Claim " + claim.claimId() + " bills payer "
                                + claim.coverage().payerId() + ", which is not among the encounter's coverages"))
                : EncounterCodedMapper.primaryCoverage(source.getCoverages());
        Coverage coverage;
        if (billed == null) {
            // coverage a biller added to a self-pay claim: the patient is the subscriber
            var patient = source.getPatient();
            coverage = Coverage.newBuilder()
                    .setResponsibility(io.claimflow.events.PayerResponsibility.PRIMARY)
                    .setPayer(io.claimflow.events.Payer.newBuilder()
                            .setPayerId(claim.coverage().payerId())
                            .setName(claim.coverage().payerName())
                            .build())
                    .setSubscriber(io.claimflow.events.Subscriber.newBuilder()
                            .setMemberId(claim.coverage().memberId())
                            .setLastName(patient.getLastName())
                            .setFirstName(patient.getFirstName())
                            .setMiddleName(patient.getMiddleName())
                            .setBirthDate(patient.getBirthDate())
                            .setSex(patient.getSex())
                            .build())
                    .setRelationshipToSubscriber(io.claimflow.events.SubscriberRelationship.SELF)
                    .build();
        } else {
            // a copy: the encounter's coverage stays as it was
            coverage = Coverage.newBuilder(billed).build();
            if (!claim.coverage().payerId().equals(coverage.getPayer().getPayerId())) {
                // the biller changed the payer: the claim goes to that one
                coverage.setPayer(io.claimflow.events.Payer.newBuilder()
                        .setPayerId(claim.coverage().payerId())
                        .setName(claim.coverage().payerName())
                        .build());
            }
        }
        coverage.getSubscriber().setMemberId(claim.coverage().memberId());
        List<Coverage> others = new ArrayList<>(EncounterCodedMapper.paymentOrder(source.getCoverages()));
        others.remove(billed);
        Map<Integer, ServiceLine> services = source.getServiceLines().stream()
                .collect(Collectors.toMap(ServiceLine::getLineNumber, Function.identity()));
        List<ClaimLine> lines = lines(claim, services);
        return ClaimSubmitted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setEncounterId(claim.encounterId())
                .setCausationId(causationId)
                .setTenantId(claim.tenantId())
                .setClaimId(claim.claimId())
                .setPatientControlNumber(claim.patientControlNumber())
                .setFrequency(ClaimFrequency.valueOf(claim.frequency().name()))
                .setReplacedPayerClaimNumber(claim.replacedPayerClaimNumber())
                .setReplacedClaimId(claim.replacedClaimId())
                .setCodingVersion(claim.codingVersion())
                .setProviders(providers)
                .setFacility(source.getFacility())
                .setPlaceOfService(claim.placeOfService())
                .setPatient(source.getPatient())
                .setCoverage(coverage)
                .setOtherCoverages(others)
                .setPriorPayerAdjudications(claim.priorAdjudications().stream()
                        .map(p -> prior(p, services))
                        .toList())
                .setPriorAuthorizationNumber(claim.priorAuthorizationNumber())
                .setReferralNumber(source.getReferralNumber())
                .setDiagnoses(diagnoses(claim))
                .setLines(lines)
                .setTotalCharge(claim.totalCharge())
                .setDelayReasonCode(claim.delayReasonCode())
                .setClaimNote(claim.claimNote())
                .build();
    }

    /**
     * ClaimBilledToPatient from a claim billed to the patient and the EncounterCoded it was built from (with a
     * biller's corrections laid over its providers); no coverage, no payer.
     */
    static ClaimBilledToPatient claimBilledToPatient(
            Claim claim, String replacedClaimId, String billedBy, String reason, Instant at) {
        EncounterCoded source = StoredRecords.read(claim.snapshot(), EncounterCoded.class);
        Map<Integer, ServiceLine> services = source.getServiceLines().stream()
                .collect(Collectors.toMap(ServiceLine::getLineNumber, Function.identity()));
        return ClaimBilledToPatient.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setEncounterId(claim.encounterId())
                .setCausationId(claim.sourceEventId())
                .setTenantId(claim.tenantId())
                .setClaimId(claim.claimId())
                .setPatientControlNumber(claim.patientControlNumber())
                .setReplacedClaimId(replacedClaimId)
                .setCodingVersion(claim.codingVersion())
                .setBilledBy(billedBy)
                .setReason(reason)
                .setProviders(providers(claim, source))
                .setFacility(source.getFacility())
                .setPlaceOfService(claim.placeOfService())
                .setPatient(source.getPatient())
                .setDiagnoses(diagnoses(claim))
                .setLines(lines(claim, services))
                .setTotalCharge(claim.totalCharge())
                .build();
    }

    /**
     * The encounter's providers with the biller's corrections (NPIs, billing tax id) laid over them: a copy, the
     * encounter's left as they were.
     */
    private static Providers providers(Claim claim, EncounterCoded source) {
        Providers providers = Providers.newBuilder(source.getProviders()).build();
        overlay(
                providers.getBilling(),
                claim.billing() == null ? null : claim.billing().npi());
        if (claim.billing() != null) {
            providers.getBilling().setTaxId(claim.billing().taxId());
        }
        overlay(
                providers.getRendering(),
                claim.rendering() == null ? null : claim.rendering().npi());
        overlay(
                providers.getReferring(),
                claim.referring() == null ? null : claim.referring().npi());
        return providers;
    }

    private static List<Diagnosis> diagnoses(Claim claim) {
        return claim.diagnoses().stream()
                .map(d -> Diagnosis.newBuilder()
                        .setCode(d.code())
                        .setDescription(d.description())
                        .build())
                .toList();
    }

    /** The claim's lines, each its encounter's service line with the claim's line item control number and charge. */
    static List<ClaimLine> lines(Claim claim, Map<Integer, ServiceLine> services) {
        return claim.lines().stream()
                .map(line -> {
                    ServiceLine coded = services.get(line.lineNumber());
                    // a biller may have edited the units (and the charge) of a held claim's line: a copy with the
                    // claim's units, the encounter's line left as it was
                    ServiceLine service = coded.getUnits() == line.units()
                            ? coded
                            : ServiceLine.newBuilder(coded)
                                    .setUnits(line.units())
                                    .build();
                    return ClaimLine.newBuilder()
                            .setLineItemControlNumber(line.lineItemControlNumber())
                            .setService(service)
                            .setChargeAmount(line.charge())
                            .build();
                })
                .toList();
    }

    static RecodeRequested recodeRequested(RecodeRequest r) {
        List<Adjustment> adjustments = r.denial().adjustments().stream()
                .map(OutboxEventPublisher::adjustment)
                .toList();
        DenialReason reason = DenialReason.newBuilder()
                .setStage(r.denial().frontEndRejection() ? DenialStage.FRONT_END_REJECTION : DenialStage.ADJUDICATED)
                .setCategory(DenialCategory.valueOf(r.category().name()))
                .setPayerClaimNumber(r.denial().payerClaimNumber())
                .setAdjustments(adjustments)
                .setRemarkCodes(r.denial().remarkCodes())
                .setRejections(r.denial().rejectionCodes().stream()
                        .map(code -> RejectionReason.newBuilder().setCode(code).build())
                        .toList())
                .setPayerText(r.denial().payerText())
                .setAffectedLineNumbers(r.denial().affectedLineNumbers())
                .build();
        return RecodeRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(r.at())
                .setEncounterId(r.encounterId())
                .setCausationId(r.causationId())
                .setTenantId(r.tenantId())
                .setClaimId(r.claimId())
                .setCodingVersion(r.codingVersion())
                .setReason(reason)
                .setAttempt(r.attempt())
                .setRequestedBy(Requester.newBuilder()
                        .setKind(
                                r.requestedBy().kind() == io.claimflow.claim.model.Actor.Kind.USER
                                        ? RequesterKind.USER
                                        : RequesterKind.RULE)
                        .setId(r.requestedBy().id())
                        .build())
                .setInstructions(r.instructions())
                .build();
    }

    private static PriorPayerAdjudication prior(PriorAdjudication p, Map<Integer, ServiceLine> services) {
        return PriorPayerAdjudication.newBuilder()
                .setResponsibility(PayerResponsibility.valueOf(p.responsibility()))
                .setPayer(Payer.newBuilder()
                        .setPayerId(p.payerId())
                        .setName(p.payerName())
                        .build())
                .setPayerClaimNumber(p.payerClaimNumber())
                .setAdjudicationDate(p.adjudicationDate())
                .setPaidAmount(p.paidAmount())
                .setRemainingPatientLiability(p.remainingPatientLiability())
                .setClaimAdjustments(p.claimAdjustments().stream()
                        .map(OutboxEventPublisher::adjustment)
                        .toList())
                .setLines(p.lines().stream()
                        .map(l -> {
                            ServiceLine billed = services.get(l.lineNumber());
                            return LineAdjudication.newBuilder()
                                    .setLineNumber(l.lineNumber())
                                    .setLineItemControlNumber(null)
                                    .setProcedureCode(l.procedureCode())
                                    .setCodeSystem(billed == null ? CodeSystem.CPT : billed.getCodeSystem())
                                    .setModifiers(l.modifiers())
                                    .setDateOfService(billed == null ? null : billed.getDateOfService())
                                    .setUnits(l.units())
                                    .setChargeAmount(l.chargeAmount())
                                    .setAllowedAmount(l.allowedAmount())
                                    .setPaidAmount(l.paidAmount())
                                    .setAdjustments(l.adjustments().stream()
                                            .map(OutboxEventPublisher::adjustment)
                                            .toList())
                                    .setRemarkCodes(l.remarkCodes())
                                    .build();
                        })
                        .toList())
                .build();
    }

    private static Adjustment adjustment(PriorAdjudication.Adjustment a) {
        return adjustment(new AdjustmentCode(a.groupCode(), a.reasonCode(), a.amount()));
    }

    private static void overlay(Provider provider, String npi) {
        if (provider != null && npi != null) {
            provider.setNpi(npi);
        }
    }

    private static Adjustment adjustment(AdjustmentCode a) {
        AdjustmentGroupCode group = Arrays.stream(AdjustmentGroupCode.values())
                .filter(g -> g.name().equals(a.groupCode()))
                .findFirst()
                .orElse(AdjustmentGroupCode.OA);
        return Adjustment.newBuilder()
                .setGroupCode(group)
                .setReasonCode(a.reasonCode())
                .setAmount(a.amount())
                .build();
    }
}
