package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirTerms.EIN;
import static io.claimflow.ehr.fhir.adapter.FhirTerms.NPI;
import static io.claimflow.ehr.fhir.adapter.FhirValues.*;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.claimflow.codes.Npi;
import io.claimflow.codes.PreventiveEncounterTypes;
import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Address;
import io.claimflow.ehr.intake.DocumentedEncounter.AdministeredItem;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.EntityType;
import io.claimflow.ehr.intake.DocumentedEncounter.MedicalDecisionMaking;
import io.claimflow.ehr.intake.DocumentedEncounter.Provider;
import io.claimflow.ehr.intake.EncounterIntake.Submission;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import io.claimflow.ehr.intake.Source;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a FHIR R4 bundle into one {@link Submission} per finished Encounter, collecting every problem instead of
 * stopping at the first. Which elements are read, and which are required, is listed in
 * {@code docs/ehr-integration-guide.md}; problem messages name elements, never the values they held.
 */
final class BundleMapper {

    private static final BigDecimal MINUTES_IN_A_DAY = BigDecimal.valueOf(1440);

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

    private final String tenantId;
    private final MappingSettings settings;
    private final BundleReferences refs;
    private final List<Problem> problems = new ArrayList<>();
    private final Notices notices = new Notices();

    private BundleMapper(MappingSettings settings, Bundle bundle) {
        this.tenantId = settings.tenantId();
        this.settings = settings;
        this.refs = new BundleReferences(bundle, settings.directory());
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
            problem("Bundle.type", Kind.UNSUPPORTED, "Bundle.type must be transaction, batch or collection");
            return new Result(List.of(), List.copyOf(problems));
        }
        List<Encounter> encounters = refs.all(Encounter.class);
        if (encounters.isEmpty()) {
            problem("Bundle.entry", Kind.REQUIRED, "the bundle holds no Encounter");
        }
        EncounterWindow.Slice slice = new EncounterWindow(settings.earliestDateOfService()).slice(encounters);
        slice.outside().forEach(refs::use);
        slice.unfinished().forEach(refs::use);
        notices.addAll(slice.notices());
        List<Encounter> finished = slice.finished();
        if (!slice.inWindow().isEmpty() && finished.isEmpty()) {
            problem(
                    refs.path(slice.inWindow().get(0)) + ".status",
                    Kind.INVALID,
                    "no Encounter in the bundle is finished; only finished encounters are documented for billing");
        }
        List<Submission> submissions = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Encounter encounter : finished) {
            refs.use(encounter);
            int before = problems.size();
            Optional<Submission> submission = encounter(encounter, encounters.size() == 1);
            if (submission.isPresent() && !seen.add(submission.get().source().encounterId())) {
                problem(refs.path(encounter), Kind.INVALID, "the bundle holds the same Encounter twice");
            } else {
                submission.ifPresent(submissions::add);
            }
            if (problems.size() > before) {
                String id = knownId(encounter);
                refused.add(id != null ? id : refs.path(encounter));
            }
        }
        notices.notRead(refs);
        return new Result(submissions, List.copyOf(problems), List.copyOf(refused), notices.list());
    }

    private Optional<Submission> encounter(Encounter encounter, boolean onlyEncounter) {
        int before = problems.size();
        String at = refs.path(encounter);

        String encounterId = encounterId(encounter, at);
        DocumentedEncounter.Patient patient = null;
        Patient fhirPatient = resolveRequired(
                encounter.getSubject(),
                Patient.class,
                at + ".subject",
                "the Encounter's subject, a Patient in the bundle");
        if (fhirPatient != null) {
            patient = patient(fhirPatient);
        }
        LocalDate dateOfService = null;
        if (!encounter.hasPeriod() || !encounter.getPeriod().hasStart()) {
            problem(at + ".period.start", Kind.REQUIRED, "Encounter.period.start (the date of service) is required");
        } else {
            dateOfService = localDate(encounter.getPeriod().getStartElement(), at + ".period.start");
        }
        EncounterClass encounterClass = encounterClass(encounter.getClass_());
        Code encounterType = encounterType(encounter, at);
        Location location = location(encounter, at);
        String placeOfService = placeOfService(encounter, location, encounterClass, at);
        DocumentedEncounter.Providers providers = providers(encounter, at);
        List<DocumentedEncounter.Coverage> coverages = fhirPatient == null ? List.of() : coverages(fhirPatient);
        if (fhirPatient != null && coverages.isEmpty() && patient != null) {
            coverages = claimCoverage(encounter, fhirPatient, patient.mrn());
        }
        List<Code> diagnoses = diagnoses(encounter, onlyEncounter);
        List<Code> procedures = procedures(encounter, onlyEncounter);
        List<AdministeredItem> items = new ArrayList<>(administeredItems(encounter, onlyEncounter));
        items.addAll(immunizations(encounter));
        // a preventive visit (well child visit, check-up) is itself the service, its reason the examination
        boolean preventive = encounterType != null
                && ((encounterType.system() == CodeSystem.SNOMED_CT
                                && PreventiveEncounterTypes.snomed(encounterType.code()))
                        || PreventiveEncounterTypes.text(encounterType.text()));
        if (diagnoses.isEmpty()
                && procedures.isEmpty()
                && items.isEmpty()
                && !preventive
                && problems.size() == before) {
            problem(
                    at,
                    Kind.REQUIRED,
                    "the Encounter has no diagnosis (Encounter.reasonCode, reasonReference or diagnosis, or a "
                            + "Condition referring to it), no Procedure and no Immunization or "
                            + "MedicationAdministration in the bundle, and its type is not a preventive visit");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        DocumentedEncounter documented = new DocumentedEncounter(
                tenantId,
                encounterId,
                patient,
                coverages,
                providers,
                facility(location),
                placeOfService,
                dateOfService,
                encounterClass,
                encounterType,
                patientStatus(encounter),
                totalTime(encounter, at),
                mdm(encounter, at),
                diagnoses,
                procedures,
                items,
                stringExtension(encounter, FhirTerms.EXT_PRIOR_AUTHORIZATION),
                stringExtension(encounter, FhirTerms.EXT_REFERRAL),
                clinicalNote(encounter),
                annualWellnessVisit(encounter, at),
                abnormalFindings(encounter, at));
        if (problems.size() > before) {
            return Optional.empty();
        }
        String version =
                encounter.getMeta().hasVersionId() ? encounter.getMeta().getVersionId() : contentVersion(documented);
        return Optional.of(new Submission(new Source(Source.FHIR, encounterId, version), documented));
    }

    // --- encounter ---------------------------------------------------------------------------------------------

    private String encounterId(Encounter encounter, String at) {
        String id = BundleReferences.logicalId(encounter);
        if (id != null) {
            return id;
        }
        // A transaction bundle creating the Encounter carries no id: its business identifier names it then.
        return encounter.getIdentifier().stream()
                .filter(Identifier::hasValue)
                .sorted(Comparator.comparing(i -> i.getUse() == Identifier.IdentifierUse.OFFICIAL ? 0 : 1))
                .map(Identifier::getValue)
                .findFirst()
                .orElseGet(() -> {
                    problem(at + ".id", Kind.REQUIRED, "the Encounter needs an id or an identifier");
                    return null;
                });
    }

    private Code encounterType(Encounter encounter, String at) {
        if (!encounter.hasType()) {
            problem(at + ".type", Kind.REQUIRED, "Encounter.type (the kind of visit) is required");
            return null;
        }
        CodeableConcept type = encounter.getTypeFirstRep();
        return code(
                type,
                at + ".type[0]",
                List.of(CodeSystem.CPT, CodeSystem.SNOMED_CT, CodeSystem.HCPCS, CodeSystem.ICD_10_CM),
                false);
    }

    /** Total time in minutes: ClaimFlow's extension (Duration or integer minutes), else Encounter.length in min. */
    private Integer totalTime(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_TOTAL_TIME);
        if (extension != null && extension.getValue() != null) {
            Type value = extension.getValue();
            if (value instanceof Quantity quantity) {
                return minutes(quantity, at + ".extension");
            }
            try {
                return withinADay(BigDecimal.valueOf(Integer.parseInt(value.primitiveValue())), at + ".extension");
            } catch (NumberFormatException e) {
                problem(at + ".extension", Kind.INVALID, "total time must be a Duration or whole minutes");
                return null;
            }
        }
        if (encounter.hasLength()) {
            return minutes(encounter.getLength(), at + ".length");
        }
        return null;
    }

    private Integer minutes(Quantity quantity, String at) {
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        if (!quantity.hasValue() || unit == null) {
            problem(at, Kind.INVALID, "a duration needs a value and a unit");
            return null;
        }
        BigDecimal value = quantity.getValue();
        BigDecimal minutes = switch (unit) {
            case "min", "minutes", "minute" -> value;
            case "h", "hour", "hours" -> value.multiply(BigDecimal.valueOf(60));
            default -> null;
        };
        if (minutes == null) {
            problem(at, Kind.INVALID, "a duration must be in min or h (UCUM)");
            return null;
        }
        return withinADay(minutes, at);
    }

    /** A total time is the practitioner's time on one date; compared before rounding (1e999999999 is not expanded). */
    private Integer withinADay(BigDecimal minutes, String at) {
        if (minutes.signum() < 0 || minutes.compareTo(MINUTES_IN_A_DAY) > 0) {
            problem(at, Kind.INVALID, "a total time is from 0 to 1440 minutes (the practitioner's time on one date)");
            return null;
        }
        return minutes.setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }

    private MedicalDecisionMaking mdm(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_MDM);
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        Type value = extension.getValue();
        String code = value instanceof CodeableConcept cc
                ? cc.getCodingFirstRep().getCode()
                : value instanceof Coding coding ? coding.getCode() : value.primitiveValue();
        try {
            return MedicalDecisionMaking.valueOf(String.valueOf(code).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(
                    at + ".extension",
                    Kind.INVALID,
                    "medical decision making must be straightforward, low, moderate or high");
            return null;
        }
    }

    /** The extension (initial or subsequent), else an Encounter.type HCPCS G0438 or G0439; null when neither. */
    private DocumentedEncounter.AnnualWellnessVisit annualWellnessVisit(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_ANNUAL_WELLNESS_VISIT);
        if (extension != null && extension.getValue() != null) {
            String value = codeValue(extension.getValue());
            if ("initial".equalsIgnoreCase(value)) {
                return DocumentedEncounter.AnnualWellnessVisit.INITIAL;
            }
            if ("subsequent".equalsIgnoreCase(value)) {
                return DocumentedEncounter.AnnualWellnessVisit.SUBSEQUENT;
            }
            problem(at + ".extension", Kind.INVALID, "the annual wellness visit must be initial or subsequent");
            return null;
        }
        for (CodeableConcept type : encounter.getType()) {
            for (Coding coding : type.getCoding()) {
                if (FhirTerms.codeSystem(coding.getSystem()).orElse(null) == CodeSystem.HCPCS) {
                    if ("G0438".equalsIgnoreCase(coding.getCode())) {
                        return DocumentedEncounter.AnnualWellnessVisit.INITIAL;
                    }
                    if ("G0439".equalsIgnoreCase(coding.getCode())) {
                        return DocumentedEncounter.AnnualWellnessVisit.SUBSEQUENT;
                    }
                }
            }
        }
        return null;
    }

    private Boolean abnormalFindings(Encounter encounter, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_ABNORMAL_FINDINGS);
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        if (extension.getValue() instanceof BooleanType value && value.hasValue()) {
            return value.getValue();
        }
        problem(at + ".extension", Kind.INVALID, "abnormal findings must be a valueBoolean");
        return null;
    }

    // --- place ---------------------------------------------------------------------------------------------------

    private Location location(Encounter encounter, String at) {
        if (!encounter.hasLocation()) {
            return null;
        }
        return resolveRequired(
                encounter.getLocationFirstRep().getLocation(),
                Location.class,
                at + ".location[0].location",
                "a Location in the bundle");
    }

    /** CMS place of service: extension, Location.type, else derived from the encounter class. */
    private String placeOfService(Encounter encounter, Location location, EncounterClass encounterClass, String at) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_PLACE_OF_SERVICE);
        if (extension != null && extension.getValue() != null) {
            Type value = extension.getValue();
            String code = value instanceof Coding coding
                    ? coding.getCode()
                    : value instanceof CodeableConcept cc
                            ? cc.getCodingFirstRep().getCode()
                            : value.primitiveValue();
            return checkPos(code, at + ".extension");
        }
        if (location != null) {
            for (CodeableConcept type : location.getType()) {
                for (Coding coding : type.getCoding()) {
                    if (FhirTerms.PLACE_OF_SERVICE.equals(coding.getSystem())) {
                        return checkPos(coding.getCode(), refs.path(location) + ".type");
                    }
                }
            }
        }
        String derived = switch (encounterClass) {
            case AMBULATORY -> "11";
            case VIRTUAL -> "02";
            case EMERGENCY -> "23";
            case INPATIENT -> "21";
            case HOME_HEALTH -> "12";
            case OTHER -> null;
        };
        if (derived == null) {
            problem(
                    at + ".class",
                    Kind.REQUIRED,
                    "no place of service: give Location.type with a CMS place of "
                            + "service code, or an Encounter.class of AMB, VR, EMER, IMP or HH");
        }
        return derived;
    }

    private String checkPos(String code, String at) {
        if (code == null || !code.matches("\\d{2}")) {
            problem(at, Kind.INVALID, "a place of service is a two-digit CMS code");
            return null;
        }
        return code;
    }

    private DocumentedEncounter.Facility facility(Location location) {
        if (location == null || !location.hasAddress() || !location.hasName()) {
            return null;
        }
        String at = refs.path(location);
        Address address = address(location.getAddress(), at + ".address");
        String id = BundleReferences.logicalId(location);
        if (id == null) {
            id = location.getIdentifier().stream()
                    .filter(Identifier::hasValue)
                    .map(Identifier::getValue)
                    .findFirst()
                    .orElse(location.getName());
        }
        return address == null
                ? null
                : new DocumentedEncounter.Facility(
                        id, location.getName(), identifier(location.getIdentifier(), NPI), address);
    }

    // --- patient and coverage -----------------------------------------------------------------------------------

    private DocumentedEncounter.Patient patient(Patient patient) {
        String at = refs.path(patient);
        String mrn = mrn(patient.getIdentifier());
        if (mrn == null) {
            problem(at + ".identifier", Kind.REQUIRED, "Patient.identifier (the medical record number) is required");
        }
        HumanName name = name(patient.getName());
        if (name == null || !name.hasFamily() || !name.hasGiven()) {
            problem(at + ".name", Kind.REQUIRED, "Patient.name with family and given is required");
            name = new HumanName();
        }
        LocalDate birthDate = null;
        if (!patient.hasBirthDate()) {
            problem(at + ".birthDate", Kind.REQUIRED, "Patient.birthDate is required");
        } else {
            birthDate = localDate(patient.getBirthDateElement(), at + ".birthDate");
        }
        Address address = null;
        if (!patient.hasAddress()) {
            problem(at + ".address", Kind.REQUIRED, "Patient.address (for statements and the claim) is required");
        } else {
            org.hl7.fhir.r4.model.Address home = patient.getAddress().stream()
                    .filter(a -> a.getUse() == org.hl7.fhir.r4.model.Address.AddressUse.HOME)
                    .findFirst()
                    .orElse(patient.getAddressFirstRep());
            address = address(home, at + ".address");
        }
        return new DocumentedEncounter.Patient(
                mrn,
                name.getFamily(),
                given(name, 0),
                given(name, 1),
                name.hasSuffix() ? name.getSuffix().get(0).getValue() : null,
                birthDate,
                sex(patient.getGender()),
                address);
    }

    private List<DocumentedEncounter.Coverage> coverages(Patient patient) {
        record Ordered(int order, Coverage resource) {}
        List<Ordered> ordered = new ArrayList<>();
        List<Coverage> all = refs.all(Coverage.class).stream()
                .filter(c -> refs.pointsTo(c.getBeneficiary(), patient))
                .filter(c -> !c.hasStatus() || c.getStatus() == Coverage.CoverageStatus.ACTIVE)
                // self-pay: a Patient or RelatedPerson (guarantor) as payor is no insurance coverage to bill
                .filter(c -> c.getPayor().stream()
                        .map(p -> refs.resolve(p).orElse(null))
                        .noneMatch(p -> p instanceof Patient || p instanceof RelatedPerson))
                .toList();
        all.forEach(refs::use);
        for (Coverage coverage : all) {
            if (!coverage.hasOrder() && all.size() > 1) {
                problem(
                        refs.path(coverage) + ".order",
                        Kind.REQUIRED,
                        "Coverage.order is required when the patient has more than one coverage");
                continue;
            }
            ordered.add(new Ordered(coverage.hasOrder() ? coverage.getOrder() : 1, coverage));
        }
        ordered.sort(Comparator.comparingInt(Ordered::order));
        List<DocumentedEncounter.Coverage> coverages = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (i > 0 && ordered.get(i).order() == ordered.get(i - 1).order()) {
                problem(
                        refs.path(ordered.get(i).resource()) + ".order",
                        Kind.INVALID,
                        "two coverages of the patient have the same Coverage.order");
            }
            DocumentedEncounter.Coverage coverage = coverage(ordered.get(i).resource(), patient, i + 1);
            if (coverage != null) {
                coverages.add(coverage);
            }
        }
        return coverages;
    }

    /**
     * Without Coverage resources of the patient: the Coverage contained in the ExplanationOfBenefit of this encounter
     * (as Synthea writes it: a payer's name, no member id), its name mapped to the tenant's payer id
     * ({@code claimflow.ehr.fhir.payers}). A self-pay name means no coverage; an unmapped name or a missing member id
     * (unless the MRN is configured to stand in) leaves the encounter without coverage, with a notice.
     */
    private List<DocumentedEncounter.Coverage> claimCoverage(Encounter encounter, Patient patient, String mrn) {
        for (ExplanationOfBenefit eob : refs.all(ExplanationOfBenefit.class)) {
            boolean about = eob.getItem().stream()
                    .flatMap(i -> i.getEncounter().stream())
                    .anyMatch(r -> refs.pointsTo(r, encounter));
            if (!about) {
                continue;
            }
            refs.use(eob);
            String at = refs.path(eob) + ".insurance";
            Coverage contained = eob.getContained().stream()
                    .filter(Coverage.class::isInstance)
                    .map(Coverage.class::cast)
                    .findFirst()
                    .orElse(null);
            String name = contained != null
                            && contained.hasPayor()
                            && contained.getPayorFirstRep().hasDisplay()
                    ? contained.getPayorFirstRep().getDisplay()
                    : eob.getInsurance().stream()
                            .filter(i -> i.getCoverage().hasDisplay())
                            .map(i -> i.getCoverage().getDisplay())
                            .findFirst()
                            .orElse(null);
            if (name == null) {
                return List.of();
            }
            EhrProperties.Payers payers = settings.payers();
            if (payers.selfPayNames().stream().anyMatch(name::equalsIgnoreCase)) {
                notice(at, Kind.NOT_USED, "the ExplanationOfBenefit names no insurance: the encounter is self-pay");
                return List.of();
            }
            String payerId = payers.ids().getOrDefault(name, payers.defaultPayerId());
            if (payerId == null) {
                notice(
                        at,
                        Kind.NOT_USED,
                        "the payer name on the ExplanationOfBenefit's coverage is not in "
                                + "claimflow.ehr.fhir.payers.ids and there is no default-payer-id: published without coverage");
                return List.of();
            }
            String memberId = contained == null
                    ? null
                    : contained.hasSubscriberId()
                            ? contained.getSubscriberId()
                            : contained.getIdentifier().stream()
                                    .filter(Identifier::hasValue)
                                    .filter(i ->
                                            i.getType().getCoding().stream().anyMatch(c -> "MB".equals(c.getCode())))
                                    .map(Identifier::getValue)
                                    .findFirst()
                                    .orElse(null);
            if (memberId == null && payers.mrnAsMemberId() && mrn != null) {
                notice(
                        at,
                        Kind.DEFAULTED,
                        "the ExplanationOfBenefit's coverage has no member id: the patient's MRN "
                                + "is sent as member id (claimflow.ehr.fhir.payers.mrn-as-member-id)");
                memberId = mrn;
            }
            if (memberId == null) {
                notice(
                        at,
                        Kind.DEFAULTED,
                        "the ExplanationOfBenefit's coverage has no member id (subscriberId): "
                                + "published without coverage");
                return List.of();
            }
            HumanName holder = name(patient.getName());
            DocumentedEncounter.Subscriber subscriber = new DocumentedEncounter.Subscriber(
                    memberId,
                    holder == null ? null : holder.getFamily(),
                    given(holder, 0),
                    given(holder, 1),
                    patient.hasBirthDate()
                            ? localDate(patient.getBirthDateElement(), refs.path(patient) + ".birthDate")
                            : null,
                    sex(patient.getGender()),
                    null);
            return List.of(new DocumentedEncounter.Coverage(
                    DocumentedEncounter.Responsibility.PRIMARY,
                    new DocumentedEncounter.Payer(payerId, name),
                    subscriber,
                    DocumentedEncounter.Relationship.SELF,
                    null,
                    null,
                    null));
        }
        return List.of();
    }

    private DocumentedEncounter.Coverage coverage(Coverage coverage, Patient patient, int position) {
        String at = refs.path(coverage);
        DocumentedEncounter.Responsibility responsibility = switch (position) {
            case 1 -> DocumentedEncounter.Responsibility.PRIMARY;
            case 2 -> DocumentedEncounter.Responsibility.SECONDARY;
            case 3 -> DocumentedEncounter.Responsibility.TERTIARY;
            default -> DocumentedEncounter.Responsibility.OTHER;
        };
        Organization payor = coverage.hasPayor()
                ? resolveRequired(
                        coverage.getPayorFirstRep(),
                        Organization.class,
                        at + ".payor[0]",
                        "an Organization in the bundle")
                : null;
        if (!coverage.hasPayor()) {
            problem(at + ".payor", Kind.REQUIRED, "Coverage.payor is required");
        }
        DocumentedEncounter.Payer payer = null;
        if (payor != null) {
            String payerId = payor.getIdentifier().stream()
                    .filter(Identifier::hasValue)
                    .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "NIIP".equals(c.getCode())))
                    .map(Identifier::getValue)
                    .findFirst()
                    .orElse(payor.getIdentifier().stream()
                            .filter(Identifier::hasValue)
                            .map(Identifier::getValue)
                            .findFirst()
                            .orElse(null));
            if (payerId == null) {
                problem(
                        refs.path(payor) + ".identifier",
                        Kind.REQUIRED,
                        "the payer Organization needs an identifier (its electronic payer id)");
            }
            if (!payor.hasName()) {
                problem(refs.path(payor) + ".name", Kind.REQUIRED, "the payer Organization needs a name");
            }
            payer = new DocumentedEncounter.Payer(payerId, payor.getName());
        }
        DocumentedEncounter.Relationship relationship = relationship(coverage.getRelationship());
        String memberId = coverage.hasSubscriberId()
                ? coverage.getSubscriberId()
                : coverage.getIdentifier().stream()
                        .filter(Identifier::hasValue)
                        .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "MB".equals(c.getCode())))
                        .map(Identifier::getValue)
                        .findFirst()
                        .orElse(null);
        if (memberId == null) {
            problem(
                    at + ".subscriberId",
                    Kind.REQUIRED,
                    "Coverage.subscriberId (or an identifier of type MB) is required");
        }
        DocumentedEncounter.Subscriber subscriber = null;
        Resource holder = coverage.hasSubscriber()
                ? refs.resolve(coverage.getSubscriber()).orElse(null)
                : null;
        if (coverage.hasSubscriber() && holder == null) {
            problem(
                    at + ".subscriber",
                    Kind.UNRESOLVED_REFERENCE,
                    "Coverage.subscriber does not point to a resource in the bundle");
        } else if (holder == null && relationship != DocumentedEncounter.Relationship.SELF) {
            problem(
                    at + ".subscriber",
                    Kind.REQUIRED,
                    "Coverage.subscriber is required when the patient is not the subscriber");
        } else if (holder == null || holder == patient) {
            HumanName name = name(patient.getName());
            subscriber = new DocumentedEncounter.Subscriber(
                    memberId,
                    name == null ? null : name.getFamily(),
                    given(name, 0),
                    given(name, 1),
                    patient.hasBirthDate()
                            ? localDate(patient.getBirthDateElement(), refs.path(patient) + ".birthDate")
                            : null,
                    sex(patient.getGender()),
                    null);
        } else if (holder instanceof RelatedPerson person) {
            subscriber = subscriber(
                    memberId,
                    person.getName(),
                    person.getBirthDateElement(),
                    person.getGender(),
                    person.getAddress(),
                    refs.path(person));
        } else if (holder instanceof Patient other) {
            subscriber = subscriber(
                    memberId,
                    other.getName(),
                    other.getBirthDateElement(),
                    other.getGender(),
                    other.getAddress(),
                    refs.path(other));
        } else {
            problem(at + ".subscriber", Kind.INVALID, "Coverage.subscriber must be a Patient or RelatedPerson");
        }
        String groupNumber = null;
        String groupName = null;
        for (Coverage.ClassComponent cls : coverage.getClass_()) {
            if (cls.getType().getCoding().stream().anyMatch(c -> "group".equals(c.getCode()))) {
                groupNumber = cls.getValue();
                groupName = cls.getName();
            }
        }
        String filing = coverage.getType().getCoding().stream()
                .filter(c -> FhirTerms.CLAIM_FILING_INDICATOR.equals(c.getSystem()))
                .map(Coding::getCode)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null); // a coding without a code: none
        return new DocumentedEncounter.Coverage(
                responsibility, payer, subscriber, relationship, groupNumber, groupName, filing);
    }

    private DocumentedEncounter.Subscriber subscriber(
            String memberId,
            List<HumanName> names,
            org.hl7.fhir.r4.model.DateType birthDate,
            Enumerations.AdministrativeGender gender,
            List<org.hl7.fhir.r4.model.Address> addresses,
            String at) {
        HumanName name = name(names);
        if (name == null || !name.hasFamily() || !name.hasGiven()) {
            problem(at + ".name", Kind.REQUIRED, "the subscriber needs a name with family and given");
            name = new HumanName();
        }
        return new DocumentedEncounter.Subscriber(
                memberId,
                name.getFamily(),
                given(name, 0),
                given(name, 1),
                birthDate != null && birthDate.hasValue() ? localDate(birthDate, at + ".birthDate") : null,
                sex(gender),
                addresses.isEmpty() ? null : address(addresses.get(0), at + ".address"));
    }

    // --- providers -----------------------------------------------------------------------------------------------

    private DocumentedEncounter.Providers providers(Encounter encounter, String at) {
        Provider billing = null;
        Provider configured = settings.billingProvider();
        if (!encounter.hasServiceProvider()) {
            if (configured != null) {
                notice(
                        at + ".serviceProvider",
                        Kind.DEFAULTED,
                        "the Encounter has no serviceProvider: billed under "
                                + "the tenant's billing provider (claimflow.ehr.billing-provider)");
                billing = configured;
            } else {
                problem(
                        at + ".serviceProvider",
                        Kind.REQUIRED,
                        "Encounter.serviceProvider (the billing Organization, with its NPI) is required");
            }
        } else {
            Resource resolved = refs.resolve(encounter.getServiceProvider()).orElse(null);
            if (resolved == null && configured != null) {
                notice(
                        at + ".serviceProvider",
                        Kind.DEFAULTED,
                        "the serviceProvider is neither in the bundle nor in "
                                + "the directory of organizations received before: billed under the tenant's billing "
                                + "provider (claimflow.ehr.billing-provider)");
                billing = configured;
            } else {
                Organization organization = resolveRequired(
                        encounter.getServiceProvider(),
                        Organization.class,
                        at + ".serviceProvider",
                        "an Organization in the bundle");
                if (organization != null) {
                    billing = organization(organization);
                }
            }
        }
        Provider rendering = null;
        Provider referring = null;
        for (int i = 0; i < encounter.getParticipant().size(); i++) {
            Encounter.EncounterParticipantComponent participant =
                    encounter.getParticipant().get(i);
            Set<String> types = new LinkedHashSet<>();
            participant.getType().forEach(t -> t.getCoding().forEach(c -> types.add(c.getCode())));
            String where = at + ".participant[" + i + "].individual";
            if (types.contains("REF")) {
                if (referring == null) {
                    referring = practitioner(participant.getIndividual(), where, false);
                }
            } else if (types.isEmpty() || types.contains("PPRF") || types.contains("ATND") || types.contains("SPRF")) {
                boolean primary = types.contains("PPRF") || types.contains("ATND");
                if (rendering == null || primary && !types.contains("SPRF")) {
                    Provider candidate = practitioner(participant.getIndividual(), where, true);
                    if (rendering == null || primary) {
                        rendering = candidate;
                    }
                }
            }
        }
        return new DocumentedEncounter.Providers(billing, rendering, referring);
    }

    private Provider organization(Organization organization) {
        String at = refs.path(organization);
        String npi = identifier(organization.getIdentifier(), NPI);
        if ((npi == null || !Npi.isValid(npi)) && settings.billingProvider() != null) {
            notice(
                    at + ".identifier",
                    Kind.DEFAULTED,
                    (npi == null
                                    ? "the billing Organization has no NPI"
                                    : "the billing Organization's NPI is not valid (" + Npi.RULE + ")")
                            + ": billed under the tenant's billing provider (claimflow.ehr.billing-provider)");
            return settings.billingProvider();
        }
        if (npi == null) {
            problem(
                    at + ".identifier",
                    Kind.REQUIRED,
                    "the billing Organization needs an NPI (identifier system " + NPI + ")");
        } else if (!Npi.isValid(npi)) {
            problem(
                    at + ".identifier",
                    Kind.INVALID,
                    "the billing Organization's NPI is not valid: " + Npi.RULE
                            + " (or configure the tenant's billing provider, claimflow.ehr.billing-provider)");
        }
        if (!organization.hasName()) {
            problem(at + ".name", Kind.REQUIRED, "the billing Organization needs a name");
        }
        String taxId = identifier(organization.getIdentifier(), EIN);
        Address address =
                organization.hasAddress() ? address(organization.getAddressFirstRep(), at + ".address") : null;
        String taxonomy = refs.all(PractitionerRole.class).stream()
                .filter(r -> refs.pointsTo(r.getOrganization(), organization) && !r.hasPractitioner())
                .map(r -> taxonomy(r.getSpecialty()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        return new Provider(
                npi,
                EntityType.ORGANIZATION,
                organization.getName(),
                null,
                taxonomy,
                taxId == null ? null : taxId.replace("-", ""),
                taxId == null ? null : DocumentedEncounter.TaxIdType.EIN,
                address);
    }

    /**
     * A Practitioner, directly or through a PractitionerRole; taxonomy from the role's NUCC specialty. A rendering
     * performer that cannot be found or has no valid NPI is replaced by the tenant's rendering provider when one is
     * configured (a warning); a referring one is left out (a warning). Otherwise it refuses the encounter.
     */
    private Provider practitioner(Reference reference, String at, boolean rendering) {
        Resource resource = refs.resolve(reference).orElse(null);
        if (resource == null) {
            if (substitute(
                    at,
                    "the participant is neither in the bundle nor in the directory of practitioners "
                            + "received before",
                    rendering)) {
                return rendering ? settings.renderingProvider() : null;
            }
            problem(at, Kind.UNRESOLVED_REFERENCE, "the participant does not point to a resource in the bundle");
            return null;
        }
        Practitioner practitioner;
        String taxonomy = null;
        if (resource instanceof PractitionerRole role) {
            taxonomy = taxonomy(role.getSpecialty());
            practitioner = resolveRequired(
                    role.getPractitioner(),
                    Practitioner.class,
                    refs.path(role) + ".practitioner",
                    "a Practitioner in the bundle");
            if (practitioner == null) {
                return null;
            }
        } else if (resource instanceof Practitioner p) {
            practitioner = p;
            taxonomy = refs.all(PractitionerRole.class).stream()
                    .filter(r -> refs.pointsTo(r.getPractitioner(), p))
                    .peek(refs::use)
                    .map(r -> taxonomy(r.getSpecialty()))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(p.getQualification().stream()
                            .map(q -> taxonomy(List.of(q.getCode())))
                            .filter(java.util.Objects::nonNull)
                            .findFirst()
                            .orElse(null));
        } else {
            problem(at, Kind.INVALID, "a participant must be a Practitioner or PractitionerRole");
            return null;
        }
        String where = refs.path(practitioner);
        String npi = identifier(practitioner.getIdentifier(), NPI);
        if ((npi == null || !Npi.isValid(npi))
                && substitute(
                        at,
                        npi == null
                                ? "the Practitioner has no NPI"
                                : "the Practitioner's NPI is not valid (" + Npi.RULE + ")",
                        rendering)) {
            return rendering ? settings.renderingProvider() : null;
        }
        if (npi == null) {
            problem(
                    where + ".identifier",
                    Kind.REQUIRED,
                    "the Practitioner needs an NPI (identifier system " + NPI + ")");
        } else if (!Npi.isValid(npi)) {
            problem(
                    where + ".identifier",
                    Kind.INVALID,
                    "the Practitioner's NPI is not valid: " + Npi.RULE
                            + " (or configure the tenant's rendering provider, claimflow.ehr.rendering-provider)");
        }
        HumanName name = name(practitioner.getName());
        if (name == null || !name.hasFamily()) {
            problem(where + ".name", Kind.REQUIRED, "the Practitioner needs a family name");
            name = new HumanName();
        }
        return new Provider(npi, EntityType.PERSON, name.getFamily(), given(name, 0), taxonomy, null, null, null);
    }

    /**
     * Whether a performer without a usable NPI is stood in for: a rendering one by the tenant's rendering provider
     * (when configured), a referring one by nobody (it is optional on a claim). Says so in a warning.
     */
    private boolean substitute(String at, String why, boolean rendering) {
        if (rendering && settings.renderingProvider() != null) {
            notice(
                    at,
                    Kind.DEFAULTED,
                    why + ": the tenant's rendering provider (claimflow.ehr.rendering-provider) " + "renders");
            return true;
        }
        if (!rendering) {
            notice(at, Kind.DEFAULTED, why + ": the claim goes without a referring provider");
            return true;
        }
        return false;
    }

    // --- diagnoses, procedures, items, note ----------------------------------------------------------------------

    private List<Code> diagnoses(Encounter encounter, boolean onlyEncounter) {
        List<Condition> ordered = new ArrayList<>();
        List<Encounter.DiagnosisComponent> listed = new ArrayList<>(encounter.getDiagnosis());
        listed.sort(Comparator.comparingInt(d -> d.hasRank() ? d.getRank() : Integer.MAX_VALUE));
        for (Encounter.DiagnosisComponent diagnosis : listed) {
            int index = encounter.getDiagnosis().indexOf(diagnosis);
            Resource resource = refs.resolve(diagnosis.getCondition()).orElse(null);
            if (resource instanceof Condition condition) {
                if (!ordered.contains(condition)) {
                    ordered.add(condition);
                }
            } else if (resource == null) {
                problem(
                        refs.path(encounter) + ".diagnosis[" + index + "].condition",
                        Kind.UNRESOLVED_REFERENCE,
                        "the diagnosis does not point to a Condition in the bundle");
            }
            // a Procedure as Encounter.diagnosis.condition is read with the procedures
        }
        for (Condition condition : refs.all(Condition.class)) {
            if (ordered.contains(condition)) {
                continue;
            }
            boolean linked = refs.pointsTo(condition.getEncounter(), encounter)
                    || onlyEncounter && !condition.hasEncounter() && !isProblemListItem(condition);
            if (linked) {
                ordered.add(condition);
            }
        }
        // The reason for the visit is a documented diagnosis too, where no Condition of the encounter says it.
        for (int i = 0; i < encounter.getReasonReference().size(); i++) {
            Resource resource =
                    refs.resolve(encounter.getReasonReference().get(i)).orElse(null);
            if (resource instanceof Condition condition && !ordered.contains(condition)) {
                ordered.add(condition);
            }
        }
        List<Code> codes = new ArrayList<>();
        for (Condition condition : ordered) {
            refs.use(condition);
            if (isEnteredInErrorOrRefuted(condition)) {
                continue;
            }
            String at = refs.path(condition) + ".code";
            if (!condition.hasCode()) {
                problem(at, Kind.REQUIRED, "Condition.code is required");
                continue;
            }
            Code code = code(condition.getCode(), at, List.of(CodeSystem.ICD_10_CM, CodeSystem.SNOMED_CT), true);
            if (code != null) {
                DocumentedEncounter.EpisodeOfCare episode = episodeOfCare(condition);
                if (episode == null && code.system() == CodeSystem.SNOMED_CT) {
                    episode = recordedAt(condition, encounter)
                            ? DocumentedEncounter.EpisodeOfCare.INITIAL
                            : DocumentedEncounter.EpisodeOfCare.SUBSEQUENT;
                }
                codes.add(new Code(code.system(), code.code(), code.text(), List.of(), null, episode));
            }
        }
        for (int i = 0; i < encounter.getReasonCode().size(); i++) {
            CodeableConcept concept = encounter.getReasonCode().get(i);
            boolean readable = concept.getCoding().stream()
                    .map(c -> FhirTerms.codeSystem(c.getSystem()))
                    .anyMatch(system -> system.filter(CodeSystem.ICD_10_CM::equals)
                                    .isPresent()
                            || system.filter(CodeSystem.SNOMED_CT::equals).isPresent());
            // a reason in another code system is kept as its text, as the guide says for a Condition's text
            Code reason = readable
                    ? code(
                            concept,
                            refs.path(encounter) + ".reasonCode[" + i + "]",
                            List.of(CodeSystem.ICD_10_CM, CodeSystem.SNOMED_CT),
                            true)
                    : display(concept) == null ? null : new Code(CodeSystem.NONE, null, display(concept));
            boolean said = reason == null
                    || codes.stream()
                            .anyMatch(c -> c.system() == reason.system()
                                    && (reason.code() == null
                                            ? c.text().equalsIgnoreCase(reason.text())
                                            : reason.code().equals(c.code())));
            if (!said) {
                codes.add(
                        reason.system() == CodeSystem.SNOMED_CT && recordedElsewhere(reason.code(), encounter)
                                ? new Code(
                                        reason.system(),
                                        reason.code(),
                                        reason.text(),
                                        List.of(),
                                        null,
                                        DocumentedEncounter.EpisodeOfCare.SUBSEQUENT)
                                : reason);
            }
        }
        return codes;
    }

    /**
     * Whether {@code condition} was recorded at this encounter (its Condition.encounter, or none in a bundle of one
     * encounter): without a documented episode of care, this visit is the initial one for it (ICD-10-CM 7th
     * character A), a later visit for the same condition a subsequent one (D). Only for SNOMED CT diagnoses, whose
     * ICD-10-CM code coding-service completes; a documented ICD-10-CM code carries its own 7th character.
     */
    private boolean recordedAt(Condition condition, Encounter encounter) {
        return !condition.hasEncounter() || refs.pointsTo(condition.getEncounter(), encounter);
    }

    /** Whether a Condition with this SNOMED CT code was recorded at another encounter of the bundle. */
    private boolean recordedElsewhere(String snomed, Encounter encounter) {
        return refs.all(Condition.class).stream()
                .filter(c -> c.hasEncounter() && !refs.pointsTo(c.getEncounter(), encounter))
                .filter(c -> !isEnteredInErrorOrRefuted(c))
                .anyMatch(c -> c.getCode().getCoding().stream()
                        .anyMatch(coding -> snomed.equals(coding.getCode())
                                && FhirTerms.codeSystem(coding.getSystem())
                                        .filter(CodeSystem.SNOMED_CT::equals)
                                        .isPresent()));
    }

    /** The condition-episode-of-care extension: initial, subsequent or sequela; null when absent. */
    private DocumentedEncounter.EpisodeOfCare episodeOfCare(Condition condition) {
        Extension extension = condition.getExtensionByUrl(FhirTerms.EXT_EPISODE_OF_CARE);
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        String value = codeValue(extension.getValue());
        for (DocumentedEncounter.EpisodeOfCare episode : DocumentedEncounter.EpisodeOfCare.values()) {
            if (episode.name().equalsIgnoreCase(value)) {
                return episode;
            }
        }
        problem(
                refs.path(condition) + ".extension",
                Kind.INVALID,
                "the episode of care must be initial, subsequent or sequela");
        return null;
    }

    private List<Code> procedures(Encounter encounter, boolean onlyEncounter) {
        List<Code> codes = new ArrayList<>();
        for (Procedure procedure : refs.all(Procedure.class)) {
            boolean linked =
                    refs.pointsTo(procedure.getEncounter(), encounter) || onlyEncounter && !procedure.hasEncounter();
            if (!linked) {
                continue;
            }
            refs.use(procedure);
            if (procedure.getStatus() != Procedure.ProcedureStatus.COMPLETED) {
                continue;
            }
            String at = refs.path(procedure) + ".code";
            if (!procedure.hasCode()) {
                problem(at, Kind.REQUIRED, "Procedure.code is required");
                continue;
            }
            Code code = code(
                    procedure.getCode(), at, List.of(CodeSystem.CPT, CodeSystem.HCPCS, CodeSystem.SNOMED_CT), true);
            if (code == null) {
                continue;
            }
            // Body site and its side travel in the text (coding-service appends RT/LT/50 where the code takes them).
            String sites = bodySite(procedure.getBodySite());
            if (sites != null) {
                code = new Code(code.system(), code.code(), code.text() + " (body site: " + sites + ")");
            }
            List<ChargeItem> charges = refs.all(ChargeItem.class).stream()
                    .filter(c -> c.getService().stream().anyMatch(r -> refs.pointsTo(r, procedure)))
                    .toList();
            charges.forEach(refs::use);
            List<String> modifiers = new ArrayList<>(
                    modifiers(procedure.getExtensionsByUrl(FhirTerms.EXT_PROCEDURE_MODIFIER), refs.path(procedure)));
            BigDecimal quantity = quantity(
                    procedure.getExtensionByUrl(FhirTerms.EXT_PROCEDURE_QUANTITY), refs.path(procedure) + ".extension");
            for (ChargeItem charge : charges) {
                String where = refs.path(charge);
                for (String modifier : modifiers(charge.getExtensionsByUrl(FhirTerms.EXT_PROCEDURE_MODIFIER), where)) {
                    if (!modifiers.contains(modifier)) {
                        modifiers.add(modifier);
                    }
                }
                if (charge.hasQuantity() && charge.getQuantity().hasValue()) {
                    BigDecimal charged = decimal(charge.getQuantity().getValue(), where + ".quantity");
                    if (quantity != null && charged != null && quantity.compareTo(charged) != 0) {
                        problem(
                                where + ".quantity",
                                Kind.INVALID,
                                "ChargeItem.quantity differs from the quantity documented on its Procedure");
                    }
                    quantity = quantity == null ? charged : quantity;
                }
            }
            codes.add(new Code(code.system(), code.code(), code.text(), modifiers, quantity, null));
        }
        return codes;
    }

    /** Two-character CPT/HCPCS modifiers from valueCode, valueCoding, valueCodeableConcept or valueString. */
    private List<String> modifiers(List<Extension> extensions, String at) {
        List<String> modifiers = new ArrayList<>();
        for (Extension extension : extensions) {
            String value = extension.getValue() == null ? null : codeValue(extension.getValue());
            if (value == null || !value.trim().matches("[A-Za-z0-9]{2}")) {
                problem(at + ".extension", Kind.INVALID, "a procedure modifier is a two-character CPT/HCPCS modifier");
                continue;
            }
            modifiers.add(value.trim().toUpperCase(Locale.ROOT));
        }
        return modifiers;
    }

    private BigDecimal quantity(Extension extension, String at) {
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        Type value = extension.getValue();
        if (value instanceof Quantity quantity && quantity.hasValue()) {
            return decimal(quantity.getValue(), at);
        }
        try {
            return decimal(new BigDecimal(value.primitiveValue()), at);
        } catch (NumberFormatException | NullPointerException e) {
            problem(at, Kind.INVALID, "a procedure quantity must be a number");
            return null;
        }
    }

    /** A documented quantity as EncounterDocumented carries it: at most 3 decimals and 9 integer digits. */
    private BigDecimal decimal(BigDecimal value, String at) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 3 || stripped.abs().compareTo(new BigDecimal("1000000000")) >= 0) {
            problem(at, Kind.INVALID, "a quantity must have at most 3 decimals and 9 digits");
            return null;
        }
        return stripped.setScale(3);
    }

    private List<AdministeredItem> administeredItems(Encounter encounter, boolean onlyEncounter) {
        List<AdministeredItem> items = new ArrayList<>();
        for (MedicationAdministration given : refs.all(MedicationAdministration.class)) {
            boolean linked = refs.pointsTo(given.getContext(), encounter) || onlyEncounter && !given.hasContext();
            if (!linked) {
                continue;
            }
            refs.use(given);
            if (given.getStatus() != MedicationAdministration.MedicationAdministrationStatus.COMPLETED) {
                continue;
            }
            String at = refs.path(given);
            // medicationCodeableConcept, else the code of the Medication that medicationReference points to
            Resource referenced = given.hasMedicationReference()
                    ? refs.resolve(given.getMedicationReference()).orElse(null)
                    : null;
            CodeableConcept medication = given.hasMedicationCodeableConcept()
                    ? given.getMedicationCodeableConcept()
                    : referenced instanceof org.hl7.fhir.r4.model.Medication m && m.hasCode() ? m.getCode() : null;
            if (medication == null) {
                notice(
                        at + ".medication",
                        Kind.NOT_USED,
                        "a MedicationAdministration without a coded medication "
                                + "(medicationCodeableConcept or a Medication with a code) is left out of billing");
                continue;
            }
            String ndc = null;
            Code code = null;
            String rxnorm = null;
            for (Coding coding : medication.getCoding()) {
                if (FhirTerms.RXNORM.equals(coding.getSystem()) && coding.hasCode() && rxnorm == null) {
                    rxnorm = coding.getCode();
                }
                if (FhirTerms.NDC.equals(coding.getSystem()) && ndc == null) {
                    ndc = ndc11(coding.getCode());
                    if (ndc == null) {
                        problem(
                                at + ".medicationCodeableConcept",
                                Kind.INVALID,
                                "an NDC must be 11 digits, or 10 digits in 4-4-2, 5-3-2 or 5-4-1 form");
                    }
                } else if (FhirTerms.HCPCS.equals(coding.getSystem()) && code == null) {
                    code = new Code(
                            CodeSystem.HCPCS,
                            coding.getCode(),
                            firstNonNull(medication.getText(), coding.getDisplay(), coding.getCode()));
                }
            }
            Quantity dose = given.getDosage().getDose();
            if (ndc == null && code == null && rxnorm != null) {
                // RxNorm only: carried as such, coding-service bills it where its crosswalk has an HCPCS code
                items.add(rxNormItem(medication, rxnorm, dose, at));
                continue;
            }
            if (ndc == null && code == null) {
                notice(
                        at + ".medicationCodeableConcept",
                        Kind.NOT_USED,
                        "a MedicationAdministration coded in none " + "of NDC, HCPCS or RxNorm is left out of billing");
                continue;
            }
            if (code == null) {
                code = new Code(
                        CodeSystem.NONE,
                        null,
                        firstNonNull(
                                medication.getText(),
                                medication.getCodingFirstRep().getDisplay(),
                                "NDC " + ndc));
            }
            DocumentedEncounter.Unit unit =
                    dose == null ? null : unit(dose.hasCode() ? dose.getCode() : dose.getUnit());
            if (dose == null || !dose.hasValue() || unit == null) {
                problem(
                        at + ".dosage.dose",
                        Kind.REQUIRED,
                        "the dose needs a value and a UCUM unit: mg, g, mL, [iU] or {unit}");
                continue;
            }
            items.add(new AdministeredItem(
                    DocumentedEncounter.ItemKind.DRUG,
                    code,
                    ndc,
                    dose.getValue().setScale(3, java.math.RoundingMode.HALF_UP),
                    unit));
        }
        return items;
    }

    /**
     * A drug coded only in RxNorm: its dose when documented in a unit ClaimFlow carries, else one administration
     * (quantity 1, unit UNIT; Synthea documents no dose).
     */
    private AdministeredItem rxNormItem(CodeableConcept medication, String rxnorm, Quantity dose, String at) {
        Code code = new Code(
                CodeSystem.RXNORM,
                rxnorm,
                firstNonNull(
                        medication.getText(), medication.getCodingFirstRep().getDisplay(), "RxNorm " + rxnorm));
        DocumentedEncounter.Unit unit = dose == null ? null : unit(dose.hasCode() ? dose.getCode() : dose.getUnit());
        if (dose != null && dose.hasValue() && unit != null) {
            BigDecimal quantity = decimal(dose.getValue(), at + ".dosage.dose");
            if (quantity != null) {
                return new AdministeredItem(DocumentedEncounter.ItemKind.DRUG, code, null, quantity, unit);
            }
        }
        return new AdministeredItem(
                DocumentedEncounter.ItemKind.DRUG,
                code,
                null,
                BigDecimal.ONE.setScale(3),
                DocumentedEncounter.Unit.UNIT);
    }

    /**
     * Completed Immunizations of the encounter, coded in CVX (or NDC): one VACCINE item each, one dose, for
     * coding-service to bill the vaccine product and its administration. Other codings are reported, not billed.
     */
    private List<AdministeredItem> immunizations(Encounter encounter) {
        List<AdministeredItem> items = new ArrayList<>();
        for (Immunization immunization : refs.all(Immunization.class)) {
            if (!refs.pointsTo(immunization.getEncounter(), encounter)) {
                continue;
            }
            refs.use(immunization);
            if (immunization.getStatus() != Immunization.ImmunizationStatus.COMPLETED) {
                continue;
            }
            String at = refs.path(immunization) + ".vaccineCode";
            CodeableConcept vaccine = immunization.getVaccineCode();
            String text =
                    firstNonNull(vaccine.getText(), vaccine.getCodingFirstRep().getDisplay());
            Coding cvx = vaccine.getCoding().stream()
                    .filter(c -> FhirTerms.CVX.equals(c.getSystem()) && c.hasCode())
                    .findFirst()
                    .orElse(null);
            String ndc = vaccine.getCoding().stream()
                    .filter(c -> FhirTerms.NDC.equals(c.getSystem()))
                    .map(c -> ndc11(c.getCode()))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            if (cvx == null && ndc == null) {
                notice(at, Kind.NOT_USED, "an Immunization coded in neither CVX nor NDC is left out of billing");
                continue;
            }
            Code code = cvx != null
                    ? new Code(CodeSystem.CVX, cvx.getCode(), firstNonNull(text, "CVX " + cvx.getCode()))
                    : new Code(CodeSystem.NONE, null, firstNonNull(text, "NDC " + ndc));
            items.add(new AdministeredItem(
                    DocumentedEncounter.ItemKind.VACCINE,
                    code,
                    ndc,
                    BigDecimal.ONE.setScale(3),
                    DocumentedEncounter.Unit.UNIT));
        }
        return items;
    }

    /** The clinical note: a text/plain attachment of a DocumentReference about this encounter. */
    private static String clinicalNote(Encounter encounter, BundleReferences refs) {
        for (DocumentReference document : refs.all(DocumentReference.class)) {
            boolean about = document.getContext().getEncounter().stream().anyMatch(r -> refs.pointsTo(r, encounter));
            if (!about) {
                continue;
            }
            refs.use(document);
            for (DocumentReference.DocumentReferenceContentComponent content : document.getContent()) {
                Attachment attachment = content.getAttachment();
                if (attachment.hasData()
                        && attachment.hasContentType()
                        && attachment.getContentType().startsWith("text/plain")) {
                    return new String(attachment.getData(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private String clinicalNote(Encounter encounter) {
        return clinicalNote(encounter, refs);
    }

    // --- codes ---------------------------------------------------------------------------------------------------

    /**
     * The coding to keep from a CodeableConcept, the first in {@code preference} order; text only (system NONE)
     * when there is no coding at all. Codings in systems ClaimFlow does not read are passed over, but a concept
     * whose codings are all in such systems is a problem: ClaimFlow cannot code from it.
     */
    private Code code(CodeableConcept concept, String at, List<CodeSystem> preference, boolean textOnlyAllowed) {
        if (!concept.hasCoding()) {
            if (textOnlyAllowed && concept.hasText()) {
                return new Code(CodeSystem.NONE, null, concept.getText());
            }
            problem(at, Kind.REQUIRED, textOnlyAllowed ? "a code or text is required" : "a coding is required");
            return null;
        }
        for (CodeSystem wanted : preference) {
            for (Coding coding : concept.getCoding()) {
                Optional<CodeSystem> system = FhirTerms.codeSystem(coding.getSystem());
                if (system.isPresent() && system.get() == wanted && coding.hasCode()) {
                    return new Code(
                            wanted,
                            coding.getCode(),
                            firstNonNull(concept.getText(), coding.getDisplay(), coding.getCode()));
                }
            }
        }
        unknownSystems(concept, at, preference.stream().map(Enum::name).toList().toString());
        return null;
    }

    private void unknownSystems(CodeableConcept concept, String at, String expected) {
        for (int i = 0; i < concept.getCoding().size(); i++) {
            Coding coding = concept.getCoding().get(i);
            String system = coding.hasSystem() ? coding.getSystem() : "(none)";
            problem(
                    at + ".coding[" + i + "].system",
                    Kind.UNKNOWN_CODE_SYSTEM,
                    "code system " + system
                            + " is not one ClaimFlow reads here (expected " + expected + ": " + FhirTerms.SNOMED_CT
                            + ", "
                            + FhirTerms.ICD_10_CM + ", " + FhirTerms.CPT + ", " + FhirTerms.HCPCS + ", " + FhirTerms.NDC
                            + ")");
        }
    }

    // --- shared pieces -------------------------------------------------------------------------------------------

    private <T extends Resource> T resolveRequired(Reference reference, Class<T> type, String at, String what) {
        if (reference == null || !reference.hasReference()) {
            problem(at, Kind.REQUIRED, at.substring(at.lastIndexOf('.') + 1) + " is required: " + what);
            return null;
        }
        Resource resource = refs.resolve(reference).orElse(null);
        if (resource == null) {
            problem(
                    at,
                    Kind.UNRESOLVED_REFERENCE,
                    "the reference does not point to a resource in the bundle (" + what + ")");
            return null;
        }
        if (!type.isInstance(resource)) {
            problem(at, Kind.INVALID, "the reference points to a " + resource.fhirType() + ", not " + what);
            return null;
        }
        return type.cast(resource);
    }

    private LocalDate localDate(BaseDateTimeType value, String at) {
        if (value == null || value.getValue() == null) {
            problem(at, Kind.INVALID, "not a valid date");
            return null;
        }
        if (value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            problem(at, Kind.INVALID, "a full date (year, month and day) is required");
            return null;
        }
        // the calendar date as written, in the value's own time zone (not converted to the server's)
        return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
    }

    private Address address(org.hl7.fhir.r4.model.Address address, String at) {
        String line1 = address.getLine().size() > 0 ? address.getLine().get(0).getValue() : null;
        if (line1 == null || !address.hasCity() || !address.hasState() || !address.hasPostalCode()) {
            problem(at, Kind.REQUIRED, "an address needs line, city, state and postalCode");
            return null;
        }
        String line2 = address.getLine().size() > 1 ? address.getLine().get(1).getValue() : null;
        String country = address.hasCountry() && address.getCountry().length() == 2 ? address.getCountry() : "US";
        return new Address(
                line1,
                line2,
                address.getCity(),
                address.getState(),
                address.getPostalCode().replace("-", ""),
                country);
    }

    private void problem(String location, Kind kind, String message) {
        problems.add(new Problem(location, kind, message));
    }

    private void notice(String location, Kind kind, String message) {
        notices.add(new Problem(location, kind, message));
    }
}
