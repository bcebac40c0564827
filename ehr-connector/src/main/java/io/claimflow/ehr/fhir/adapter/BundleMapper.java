package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirValues.contentVersion;
import static io.claimflow.ehr.fhir.adapter.FhirValues.encounterClass;
import static io.claimflow.ehr.fhir.adapter.FhirValues.knownId;
import static io.claimflow.ehr.fhir.adapter.FhirValues.patientStatus;
import static io.claimflow.ehr.fhir.adapter.FhirValues.stringExtension;

import io.claimflow.codes.PreventiveEncounterTypes;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.AdministeredItem;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.EncounterIntake.Submission;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import io.claimflow.ehr.intake.Source;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;

/**
 * Reads a FHIR R4 bundle into one {@link Submission} per finished Encounter, collecting every problem instead of
 * stopping at the first. Which elements are read, and which are required, is listed in
 * {@code docs/ehr-integration-guide.md}; problem messages name elements, never the values they held.
 *
 * <p>This class is the assembly: the {@link EncounterWindow} picks the encounters, and each is put together from its
 * parts ({@link EncounterDetails}, {@link Places}, {@link Patients}, {@link EncounterProviders}, {@link Coverages}
 * or else {@link EobCoverage}, {@link Diagnoses}, {@link Procedures}, {@link Medications}, {@link Immunizations}),
 * which share the bundle's references and the problems found through one {@link MappingContext}. An encounter with a
 * problem is refused alone.
 */
final class BundleMapper {

    /**
     * What a bundle gave: the encounters to publish; the problems that refuse an encounter (or, with no submission,
     * the bundle); which encounters they refused (id, or location without one); and the warnings and information
     * (defaults applied, encounters outside the window, resources not read), which refuse nothing.
     */
    record Result(List<Submission> submissions, List<Problem> problems, List<String> refused, List<Problem> notices) {

        Result(List<Submission> submissions, List<Problem> problems) {
            this(submissions, problems, List.of(), List.of());
        }
    }

    private final MappingContext context;
    private final BundleReferences refs;
    private final EncounterDetails details;
    private final Places places;
    private final Patients patients;
    private final EncounterProviders providers;
    private final Coverages coverages;
    private final EobCoverage eobCoverage;
    private final Diagnoses diagnoses;
    private final Procedures procedures;
    private final Medications medications;
    private final Immunizations immunizations;

    private BundleMapper(MappingSettings settings, Bundle bundle) {
        this.context = new MappingContext(settings, bundle);
        this.refs = context.refs();
        this.details = new EncounterDetails(context);
        this.places = new Places(context);
        this.patients = new Patients(context);
        this.providers = new EncounterProviders(context);
        this.coverages = new Coverages(context, patients);
        this.eobCoverage = new EobCoverage(context, patients);
        this.diagnoses = new Diagnoses(context);
        this.procedures = new Procedures(context);
        this.medications = new Medications(context);
        this.immunizations = new Immunizations(context);
    }

    static Result map(String tenantId, Bundle bundle) {
        return map(MappingSettings.of(tenantId), bundle);
    }

    static Result map(MappingSettings settings, Bundle bundle) {
        return new BundleMapper(settings, bundle).run(bundle);
    }

    private Result run(Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION
                && bundle.getType() != Bundle.BundleType.COLLECTION
                && bundle.getType() != Bundle.BundleType.BATCH) {
            context.problem("Bundle.type", Kind.UNSUPPORTED, "Bundle.type must be transaction, batch or collection");
            return new Result(List.of(), context.problems());
        }
        List<Encounter> encounters = refs.all(Encounter.class);
        if (encounters.isEmpty()) {
            context.problem("Bundle.entry", Kind.REQUIRED, "the bundle holds no Encounter");
        }
        EncounterWindow.Slice slice = new EncounterWindow(context.settings().earliestDateOfService()).slice(encounters);
        slice.outside().forEach(refs::use);
        slice.unfinished().forEach(refs::use);
        context.notices().addAll(slice.notices());
        List<Encounter> finished = slice.finished();
        if (!slice.inWindow().isEmpty() && finished.isEmpty()) {
            context.problem(
                    refs.path(slice.inWindow().get(0)) + ".status",
                    Kind.INVALID,
                    "no Encounter in the bundle is finished; only finished encounters are documented for billing");
        }
        List<Submission> submissions = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Encounter encounter : finished) {
            refs.use(encounter);
            int before = context.problemCount();
            Optional<Submission> submission = encounter(encounter, encounters.size() == 1);
            if (submission.isPresent() && !seen.add(submission.get().source().encounterId())) {
                context.problem(refs.path(encounter), Kind.INVALID, "the bundle holds the same Encounter twice");
            } else {
                submission.ifPresent(submissions::add);
            }
            if (context.problemCount() > before) {
                String id = knownId(encounter);
                refused.add(id != null ? id : refs.path(encounter));
            }
        }
        context.notices().notRead(refs);
        return new Result(
                submissions,
                context.problems(),
                List.copyOf(refused),
                context.notices().list());
    }

    /** One encounter from its parts; empty when a part found a problem (the problems say which). */
    private Optional<Submission> encounter(Encounter encounter, boolean onlyEncounter) {
        int before = context.problemCount();
        String at = refs.path(encounter);

        String encounterId = details.encounterId(encounter, at);
        DocumentedEncounter.Patient patient = null;
        Patient fhirPatient = context.resolveRequired(
                encounter.getSubject(),
                Patient.class,
                at + ".subject",
                "the Encounter's subject, a Patient in the bundle");
        if (fhirPatient != null) {
            patient = patients.patient(fhirPatient);
        }
        LocalDate dateOfService = null;
        if (!encounter.hasPeriod() || !encounter.getPeriod().hasStart()) {
            context.problem(
                    at + ".period.start", Kind.REQUIRED, "Encounter.period.start (the date of service) is required");
        } else {
            dateOfService = context.localDate(encounter.getPeriod().getStartElement(), at + ".period.start");
        }
        EncounterClass encounterClass = encounterClass(encounter.getClass_());
        Code encounterType = details.encounterType(encounter, at);
        Location location = places.location(encounter, at);
        String placeOfService = places.placeOfService(encounter, location, encounterClass, at);
        DocumentedEncounter.Providers encounterProviders = providers.of(encounter, at);
        List<DocumentedEncounter.Coverage> coverage = fhirPatient == null ? List.of() : coverages.of(fhirPatient);
        if (fhirPatient != null && coverage.isEmpty() && patient != null) {
            coverage = eobCoverage.of(encounter, fhirPatient, patient.mrn());
        }
        List<Code> diagnosisCodes = diagnoses.of(encounter, onlyEncounter);
        List<Code> procedureCodes = procedures.of(encounter, onlyEncounter);
        List<AdministeredItem> items = new ArrayList<>(medications.of(encounter, onlyEncounter));
        items.addAll(immunizations.of(encounter));
        if (diagnosisCodes.isEmpty()
                && procedureCodes.isEmpty()
                && items.isEmpty()
                && !isPreventive(encounterType)
                && context.problemCount() == before) {
            context.problem(
                    at,
                    Kind.REQUIRED,
                    "the Encounter has no diagnosis (Encounter.reasonCode, reasonReference or diagnosis, or a "
                            + "Condition referring to it), no Procedure and no Immunization or "
                            + "MedicationAdministration in the bundle, and its type is not a preventive visit");
        }
        if (context.problemCount() > before) {
            return Optional.empty();
        }
        DocumentedEncounter documented = new DocumentedEncounter(
                context.settings().tenantId(),
                encounterId,
                patient,
                coverage,
                encounterProviders,
                places.facility(location),
                placeOfService,
                dateOfService,
                encounterClass,
                encounterType,
                patientStatus(encounter),
                details.totalTime(encounter, at),
                details.medicalDecisionMaking(encounter, at),
                diagnosisCodes,
                procedureCodes,
                items,
                stringExtension(encounter, FhirTerms.EXT_PRIOR_AUTHORIZATION),
                stringExtension(encounter, FhirTerms.EXT_REFERRAL),
                details.clinicalNote(encounter),
                details.annualWellnessVisit(encounter, at),
                details.abnormalFindings(encounter, at));
        if (context.problemCount() > before) {
            return Optional.empty();
        }
        String version =
                encounter.getMeta().hasVersionId() ? encounter.getMeta().getVersionId() : contentVersion(documented);
        return Optional.of(new Submission(new Source(Source.FHIR, encounterId, version), documented));
    }

    /** A preventive visit (well child visit, check-up) is itself the service, its reason the examination. */
    private static boolean isPreventive(Code encounterType) {
        return encounterType != null
                && ((encounterType.system() == CodeSystem.SNOMED_CT
                                && PreventiveEncounterTypes.snomed(encounterType.code()))
                        || PreventiveEncounterTypes.text(encounterType.text()));
    }
}
