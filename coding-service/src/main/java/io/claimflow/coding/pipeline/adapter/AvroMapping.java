package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.history.CareProvider;
import io.claimflow.coding.pipeline.CodingVersion;
import io.claimflow.coding.pipeline.DenialReason;
import io.claimflow.coding.pipeline.IncomingDocumentation;
import io.claimflow.coding.pipeline.RecodeCause;
import io.claimflow.coding.rules.AdministeredItem;
import io.claimflow.coding.rules.AnnualWellnessVisit;
import io.claimflow.coding.rules.CodeSystem;
import io.claimflow.coding.rules.CodedDiagnosis;
import io.claimflow.coding.rules.CodedLine;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.DecisionMaking;
import io.claimflow.coding.rules.Documented;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.Drug;
import io.claimflow.coding.rules.Edit;
import io.claimflow.coding.rules.EditType;
import io.claimflow.coding.rules.EpisodeOfCare;
import io.claimflow.coding.rules.PatientStatus;
import io.claimflow.coding.rules.PriorServices;
import io.claimflow.coding.rules.Severity;
import io.claimflow.coding.rules.Sex;
import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.CodedBy;
import io.claimflow.events.CodingEdit;
import io.claimflow.events.CodingMethod;
import io.claimflow.events.Coverage;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.events.Diagnosis;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.DrugIdentification;
import io.claimflow.events.EditSeverity;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.Provider;
import io.claimflow.events.RejectionReason;
import io.claimflow.events.ServiceLine;
import io.claimflow.events.UnitOfMeasure;
import io.claimflow.schemas.rules.EncounterDocumentedRules;
import io.claimflow.schemas.serde.StoredRecords;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Maps between the Avro events and the domain: EncounterDocumented in, EncounterCoded out, and EncounterCoded back
 * into a {@link Coding} when a stored version is read again. Events are kept in the database as Avro bytes
 * ({@link StoredRecords}), not JSON.
 */
public final class AvroMapping {

    private AvroMapping() {}

    /**
     * The pipeline's view of an EncounterDocumented.
     *
     * @throws IllegalArgumentException when it lacks what coding needs (no patient, no date of service, nothing
     *     documented): not retryable, so the platform dead-letters it with this reason (ids only, no patient data)
     */
    public static IncomingDocumentation incoming(EncounterDocumented event, Clock clock) {
        String id = event.getEncounterId();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(
                    "Incomplete documentation: EncounterDocumented " + event.getEventId() + " has no encounterId");
        }
        requireUuid(event.getEventId(), "EncounterDocumented for encounter " + id);
        // the same rules ehr-connector applies before it accepts an encounter (one implementation, in schemas)
        List<String> missing = EncounterDocumentedRules.lacking(event, LocalDate.now(clock));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Incomplete documentation for encounter " + id + ": lacks " + String.join(", ", missing));
        }
        List<EncounterDocumentedRules.Violation> unusable = EncounterDocumentedRules.unusableText(event);
        if (!unusable.isEmpty()) {
            throw new IllegalArgumentException("Unusable documentation for encounter " + id + ": "
                    + unusable.stream()
                            .map(EncounterDocumentedRules.Violation::toString)
                            .collect(java.util.stream.Collectors.joining("; ")));
        }
        return new IncomingDocumentation(
                event.getEventId(),
                toDomain(event),
                StoredRecords.write(event),
                event.getPatient().getMrn(),
                careProvider(event));
    }

    /** Rendering provider, group (billing NPI) and specialty (the rendering taxonomy, else the billing one). */
    static CareProvider careProvider(EncounterDocumented event) {
        Provider billing = event.getProviders().getBilling();
        Provider rendering = event.getProviders().getRendering();
        String taxonomy = rendering != null && rendering.getTaxonomyCode() != null
                ? rendering.getTaxonomyCode()
                : billing.getTaxonomyCode();
        return new CareProvider(rendering == null ? null : rendering.getNpi(), billing.getNpi(), taxonomy);
    }

    public static DocumentedEncounter toDomain(EncounterDocumented event) {
        boolean medicare = event.getCoverages().stream()
                .filter(c -> c.getResponsibility() == PayerResponsibility.PRIMARY)
                .findFirst()
                .or(() -> event.getCoverages().stream().findFirst())
                .map(Coverage::getClaimFilingIndicator)
                .map("MB"::equals)
                .orElse(false);
        List<AdministeredItem> items = event.getAdministeredItems().stream()
                .map(i -> new AdministeredItem(
                        i.getKind().name(),
                        documented(i.getCode()),
                        i.getNdc(),
                        i.getQuantity(),
                        i.getUnit().name()))
                .toList();
        return new DocumentedEncounter(
                event.getEncounterId(),
                event.getTenantId(),
                event.getDateOfService(),
                event.getPatient().getBirthDate(),
                Sex.valueOf(event.getPatient().getSex().name()),
                event.getPlaceOfService(),
                event.getEncounterClass().name(),
                documented(event.getEncounterType()),
                PatientStatus.valueOf(event.getPatientStatus().name()),
                event.getTotalTimeMinutes(),
                event.getMedicalDecisionMaking() == null
                        ? null
                        : DecisionMaking.valueOf(
                                event.getMedicalDecisionMaking().name()),
                event.getDiagnoses().stream().map(AvroMapping::documented).toList(),
                event.getProcedures().stream().map(AvroMapping::documented).toList(),
                items,
                medicare,
                event.getAnnualWellnessVisit() == null
                        ? null
                        : AnnualWellnessVisit.valueOf(
                                event.getAnnualWellnessVisit().name()),
                event.getAbnormalFindings(),
                PriorServices.NONE); // the history adds it (PatientHistoryService)
    }

    private static Documented documented(DocumentedCode code) {
        if (code == null) {
            return new Documented(CodeSystem.NONE, null, "");
        }
        return new Documented(
                CodeSystem.valueOf(code.getSystem().name()),
                code.getCode(),
                code.getText(),
                code.getModifiers(),
                code.getQuantity(),
                code.getEpisodeOfCare() == null
                        ? null
                        : EpisodeOfCare.valueOf(code.getEpisodeOfCare().name()));
    }

    /** The EncounterCoded event of a coding version; the context (patient, coverage, providers) from the documentation. */
    public static EncounterCoded encounterCoded(CodingVersion version, byte[] documentation, Clock clock) {
        EncounterDocumented doc = StoredRecords.read(documentation, EncounterDocumented.class);
        Coding coding = version.coding();
        return EncounterCoded.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setEncounterId(version.encounterId())
                .setCausationId(version.causationId())
                .setTenantId(doc.getTenantId())
                .setCodingVersion(version.version())
                .setPatient(doc.getPatient())
                .setCoverages(doc.getCoverages())
                .setProviders(doc.getProviders())
                .setFacility(doc.getFacility())
                .setPlaceOfService(doc.getPlaceOfService())
                .setDateOfService(doc.getDateOfService())
                .setPriorAuthorizationNumber(doc.getPriorAuthorizationNumber())
                .setReferralNumber(doc.getReferralNumber())
                .setCodeSetVersions(version.codeSetVersions().stream()
                        .map(v -> new io.claimflow.events.CodeSetVersion(v.codeSet(), v.version()))
                        .toList())
                .setDiagnoses(coding.diagnoses().stream()
                        .map(d -> new Diagnosis(d.code(), d.description()))
                        .toList())
                .setServiceLines(coding.lines().stream()
                        .map(l -> serviceLine(l, doc.getDateOfService()))
                        .toList())
                .setCodedBy(new CodedBy(
                        version.automatic() ? CodingMethod.AUTOMATIC : CodingMethod.CODER, version.coderId()))
                .setEdits(coding.edits().stream().map(AvroMapping::edit).toList())
                .setRecodeCause(recodeCause(version.recodeCause()))
                .build();
    }

    private static ServiceLine serviceLine(CodedLine line, LocalDate dos) {
        DrugIdentification drug = null;
        if (line.drug() != null && line.drug().quantity() != null && line.drug().unit() != null) {
            drug = new DrugIdentification(
                    line.drug().ndc(),
                    line.drug().quantity().setScale(3, RoundingMode.UNNECESSARY),
                    UnitOfMeasure.valueOf(line.drug().unit()));
        }
        return ServiceLine.newBuilder()
                .setLineNumber(line.lineNumber())
                .setProcedureCode(line.code())
                .setCodeSystem(
                        io.claimflow.events.CodeSystem.valueOf(line.system().name()))
                .setDescription(line.description())
                .setModifiers(line.modifiers())
                .setUnits(line.units())
                .setDiagnosisPointers(line.pointers())
                .setDateOfService(dos)
                .setPlaceOfService(null)
                .setDrug(drug)
                .build();
    }

    private static CodingEdit edit(Edit edit) {
        return CodingEdit.newBuilder()
                .setEditType(io.claimflow.events.EditType.valueOf(edit.type().name()))
                .setRuleId(edit.ruleId())
                .setSeverity(EditSeverity.valueOf(edit.severity().name()))
                .setMessage(edit.message())
                .setLineNumbers(edit.lines())
                .setCodes(edit.codes())
                .setResolution(edit.resolution())
                .build();
    }

    /** A recode's cause as EncounterCoded carries it; null for a first coding. */
    public static io.claimflow.events.RecodeCause recodeCause(RecodeCause cause) {
        if (cause == null) {
            return null;
        }
        DenialReason reason = cause.reason();
        return new io.claimflow.events.RecodeCause(
                cause.claimId(),
                cause.previousCodingVersion(),
                cause.attempt(),
                io.claimflow.events.DenialReason.newBuilder()
                        .setStage(DenialStage.valueOf(reason.stage()))
                        .setCategory(DenialCategory.valueOf(reason.category()))
                        .setPayerClaimNumber(reason.payerClaimNumber())
                        .setAdjustments(reason.adjustments().stream()
                                .map(a -> new Adjustment(
                                        AdjustmentGroupCode.valueOf(a.groupCode()), a.reasonCode(), a.amount()))
                                .toList())
                        .setRemarkCodes(reason.remarkCodes())
                        .setRejections(reason.rejections().stream()
                                .map(r -> new RejectionReason(r.code(), r.description(), r.location()))
                                .toList())
                        .setPayerText(reason.payerText())
                        .setAffectedLineNumbers(reason.affectedLineNumbers())
                        .build());
    }

    /** A stored EncounterCoded read back as the coding it carries. */
    public static Coding coding(EncounterCoded event) {
        List<CodedDiagnosis> diagnoses = event.getDiagnoses().stream()
                .map(d -> new CodedDiagnosis(d.getCode(), d.getDescription()))
                .toList();
        List<CodedLine> lines = event.getServiceLines().stream()
                .map(l -> new CodedLine(
                        l.getLineNumber(),
                        l.getProcedureCode(),
                        CodeSystem.valueOf(l.getCodeSystem().name()),
                        l.getDescription(),
                        l.getModifiers(),
                        l.getUnits(),
                        l.getDiagnosisPointers(),
                        l.getDrug() == null
                                ? null
                                : new Drug(
                                        l.getDrug().getNdc(),
                                        l.getDrug().getQuantity(),
                                        l.getDrug().getUnit().name())))
                .toList();
        List<Edit> edits = event.getEdits().stream()
                .map(e -> new Edit(
                        EditType.valueOf(e.getEditType().name()),
                        e.getRuleId(),
                        Severity.valueOf(e.getSeverity().name()),
                        e.getMessage(),
                        e.getLineNumbers(),
                        e.getCodes(),
                        e.getResolution()))
                .toList();
        return new Coding(diagnoses, lines, edits, List.of());
    }

    /**
     * The event id the batch marks the event processed under, after the checks {@link #incoming} starts with, in its
     * order: a record without an encounter id or a UUID event id fails with the reason it always had.
     */
    public static UUID eventId(EncounterDocumented event) {
        String id = event.getEncounterId();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(
                    "Incomplete documentation: EncounterDocumented " + event.getEventId() + " has no encounterId");
        }
        return requireUuid(event.getEventId(), "EncounterDocumented for encounter " + id);
    }

    static UUID requireUuid(String eventId, String what) {
        try {
            return UUID.fromString(eventId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " has an eventId that is not a UUID");
        }
    }
}
