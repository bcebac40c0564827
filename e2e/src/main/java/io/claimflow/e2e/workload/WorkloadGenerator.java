package io.claimflow.e2e.workload;

import io.claimflow.e2e.workload.Population.Person;
import io.claimflow.e2e.workload.Population.Policy;
import io.claimflow.events.Address;
import io.claimflow.events.AdministeredItem;
import io.claimflow.events.AdministeredItemKind;
import io.claimflow.events.AdministrativeSex;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.Coverage;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterClass;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.MedicalDecisionMaking;
import io.claimflow.events.NewOrEstablished;
import io.claimflow.events.Patient;
import io.claimflow.events.Payer;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.Provider;
import io.claimflow.events.ProviderEntityType;
import io.claimflow.events.Providers;
import io.claimflow.events.Subscriber;
import io.claimflow.events.SubscriberRelationship;
import io.claimflow.events.TaxIdType;
import io.claimflow.events.UnitOfMeasure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Seeded, realistic {@link EncounterDocumented} events for a family practice: established and new office visits at
 * every level, adult preventive visits with vaccines, point-of-care labs, injections with HCPCS drug codes and NDCs,
 * office procedures, SNOMED CT problems and procedures from coding-service's crosswalk, some free text, and a share
 * of documentation that payers deny (a lab pointed at a diagnosis that does not support it, a drug without its NDC)
 * or that a coder has to look at (an unmapped concept, unclear text).
 *
 * <p>The same seed, settings and sequence of calls give the same encounters (apart from {@code occurredAt}, which is
 * the clock's time of each {@link #next()}).
 */
public final class WorkloadGenerator {

    /** What kind of visit was documented; also what it is expected to lead to. */
    public enum Kind {
        /** Established patient, chronic problems in SNOMED CT, sometimes a lab. */
        CHRONIC_FOLLOW_UP(30),
        /** Acute problem with a point-of-care test. */
        ACUTE_VISIT(14),
        /** New patient visit. */
        NEW_PATIENT(9),
        /** Adult preventive visit, sometimes with a flu or Tdap vaccine. */
        PREVENTIVE(11),
        /** Injection of a drug (HCPCS J-code with NDC) with its administration code. */
        INJECTION(7),
        /** Office procedure documented in CPT with ICD-10-CM diagnoses. */
        OFFICE_PROCEDURE(6),
        /** Diagnoses as free text equal to the ICD-10-CM description. */
        FREE_TEXT(5),
        /** A1c pointed at hypertension: the payer denies the lab (CARC 11), coding recodes, a corrected claim. */
        LAB_DIAGNOSIS_MISMATCH(9),
        /** A J-code given without its NDC: the payer denies the drug line (CARC 16, M119). */
        DRUG_WITHOUT_NDC(3),
        /** A concept the crosswalk does not map, or text nobody can code automatically: held for a coder. */
        NEEDS_CODER(6);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One generated encounter and what the generator meant by it. */
    public record Generated(EncounterDocumented event, Kind kind, Person patient) {}

    private static final String TENANT = "riverside-fm";
    private static final DocumentedCode OFFICE_VISIT = code(CodeSystem.SNOMED_CT, "185463005", "Visit out of hours");
    private static final DocumentedCode FOLLOW_UP = code(CodeSystem.SNOMED_CT, "390906007", "Follow-up encounter");
    private static final DocumentedCode CHECK_UP = code(CodeSystem.SNOMED_CT, "185349003", "Encounter for check up");
    private static final DocumentedCode CONSULTATION = code(CodeSystem.SNOMED_CT, "11429006", "Consultation");

    // SNOMED CT concepts coding-service's crosswalk overlay maps to exactly one ICD-10-CM code
    private static final DocumentedCode HYPERTENSION = snomed("38341003", "Hypertensive disorder, systemic arterial");
    private static final DocumentedCode DIABETES = snomed("73211009", "Diabetes mellitus");
    private static final DocumentedCode HYPERCHOLESTEROLEMIA = snomed("13644009", "Hypercholesterolemia");
    private static final DocumentedCode GERD = snomed("235595009", "Gastroesophageal reflux disease");
    private static final DocumentedCode HYPOTHYROIDISM = snomed("40930008", "Hypothyroidism");
    private static final DocumentedCode DEPRESSION = snomed("35489007", "Depressive disorder");
    private static final DocumentedCode ANXIETY = snomed("21897009", "Generalized anxiety disorder");
    private static final DocumentedCode LOW_BACK_PAIN = snomed("279039007", "Low back pain");
    private static final DocumentedCode COPD = snomed("13645005", "Chronic obstructive lung disease");
    private static final DocumentedCode PREDIABETES = snomed("714628002", "Prediabetes");
    private static final DocumentedCode CORONARY = snomed("53741008", "Coronary arteriosclerosis");
    private static final DocumentedCode STREP = snomed("43878008", "Streptococcal sore throat");
    private static final DocumentedCode PHARYNGITIS = snomed("363746003", "Acute pharyngitis");
    private static final DocumentedCode SINUSITIS = snomed("444814009", "Viral sinusitis");
    private static final DocumentedCode UTI = snomed("68566005", "Urinary tract infectious disease");
    private static final DocumentedCode FEVER = snomed("386661006", "Fever");
    private static final DocumentedCode CHEST_PAIN = snomed("29857009", "Chest pain");
    private static final DocumentedCode ABDOMINAL_PAIN = snomed("21522001", "Abdominal pain");

    private static final DocumentedCode A1C = snomed("43396009", "Hemoglobin A1c measurement, point of care");
    private static final DocumentedCode LIPID_PANEL = snomed("16254007", "Lipid panel");
    private static final DocumentedCode CBC = snomed("26604007", "Complete blood count");
    private static final DocumentedCode URINALYSIS = snomed("27171005", "Urinalysis");
    private static final DocumentedCode ECG = snomed("29303009", "Electrocardiographic procedure");
    private static final DocumentedCode RAPID_STREP =
            code(CodeSystem.CPT, "87880", "Rapid strep antigen test, immunoassay");
    private static final DocumentedCode VENIPUNCTURE = code(CodeSystem.CPT, "36415", "Venipuncture");
    private static final DocumentedCode CMP = code(CodeSystem.CPT, "80053", "Comprehensive metabolic panel");

    private static final List<DocumentedCode> CHRONIC = List.of(
            HYPERTENSION,
            DIABETES,
            HYPERCHOLESTEROLEMIA,
            GERD,
            HYPOTHYROIDISM,
            DEPRESSION,
            ANXIETY,
            LOW_BACK_PAIN,
            COPD,
            PREDIABETES,
            CORONARY);

    private static final Map<String, String> FREE_TEXT_DIAGNOSES = Map.of(
            "Essential (primary) hypertension", "I10",
            "Type 2 diabetes mellitus without complications", "E11.9",
            "Gastro-esophageal reflux disease without esophagitis", "K21.9",
            "Hypothyroidism, unspecified", "E03.9",
            "Migraine, unspecified, not intractable, without status migrainosus", "G43.909",
            "Acute bronchitis, unspecified", "J20.9",
            "Constipation, unspecified", "K59.00");

    private final Random random;
    private final Population population;
    private final Clock clock;
    private final LocalDate today;
    private final String runId;
    private final Map<Kind, Integer> weights;
    private final int totalWeight;
    private final Provider billing;
    private final List<Provider> renderers;
    private final Map<String, Set<LocalDate>> visitDates = new HashMap<>();
    private final Set<String> seenPatients = new HashSet<>();
    private long sequence;

    /**
     * A generator over {@code population}, dates of service within the 90 days before {@code clock}'s date; encounter
     * ids are {@code enc-<runId>-<sequence>}.
     */
    public WorkloadGenerator(long seed, Population population, Clock clock, String runId) {
        this(seed, population, clock, runId, defaultWeights());
    }

    /** As above, with the share of each {@link Kind} (weights, not necessarily summing to 100). */
    public WorkloadGenerator(long seed, Population population, Clock clock, String runId, Map<Kind, Integer> weights) {
        this.random = new Random(seed);
        this.population = population;
        this.clock = clock;
        this.today = LocalDate.now(clock);
        this.runId = runId;
        this.weights = new EnumMap<>(weights);
        this.totalWeight = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (totalWeight <= 0) {
            throw new IllegalArgumentException("at least one kind needs a positive weight");
        }
        Address office = new Address("2200 Riverside Dr", "Suite 110", "Columbus", "OH", "432211234", "US");
        this.billing = new Provider(
                "1847362914",
                ProviderEntityType.ORGANIZATION,
                "Riverside Family Medicine LLC",
                null,
                "207Q00000X",
                "311234567",
                TaxIdType.EIN,
                office);
        this.renderers = List.of(
                person("1293847566", "Raman", "Priya", "207Q00000X"),
                person(npi("162738495"), "Okonkwo", "Daniel", "207Q00000X"),
                person(npi("174839201"), "Lindqvist", "Sara", "207R00000X"),
                person(npi("118273645"), "Alvarez", "Marco", "363LF0000X"));
    }

    /** Every kind at its default share. */
    public static Map<Kind, Integer> defaultWeights() {
        Map<Kind, Integer> weights = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            weights.put(kind, kind.weight);
        }
        return weights;
    }

    /** The patients the encounters are for. */
    public Population population() {
        return population;
    }

    /** The next encounter. */
    public Generated next() {
        sequence++;
        Kind kind = drawKind();
        Person patient;
        LocalDate dateOfService;
        int tries = 0;
        do {
            if (++tries > 10_000) {
                throw new IllegalStateException("the population is too small for this many encounters: every"
                        + " patient has a visit on nearly every day of the last 90; generate more patients");
            }
            patient = population.people().get(random.nextInt(population.people().size()));
            dateOfService = dateOfService(patient);
        } while (dateOfService == null);
        boolean newPatient = kind == Kind.NEW_PATIENT || !seenPatients.contains(patient.mrn());
        seenPatients.add(patient.mrn());
        int age = patient.birthDate().until(dateOfService).getYears();
        if (kind == Kind.PREVENTIVE && age < 18) {
            kind = Kind.ACUTE_VISIT; // the starter chargemaster prices adult preventive visits only
        }

        Visit visit = switch (kind) {
            case CHRONIC_FOLLOW_UP -> chronicFollowUp(newPatient);
            case ACUTE_VISIT -> acuteVisit(newPatient);
            case NEW_PATIENT -> newPatientVisit();
            case PREVENTIVE -> preventive(newPatient, age);
            case INJECTION -> injection(newPatient, true);
            case DRUG_WITHOUT_NDC -> injection(newPatient, false);
            case OFFICE_PROCEDURE -> officeProcedure(newPatient);
            case FREE_TEXT -> freeText(newPatient);
            case LAB_DIAGNOSIS_MISMATCH -> labDiagnosisMismatch();
            case NEEDS_CODER -> needsCoder(newPatient);
        };

        String encounterId = String.format("enc-%s-%07d", runId, sequence);
        EncounterDocumented event = EncounterDocumented.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((runId + "/" + sequence).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setOccurredAt(clock.instant())
                .setEncounterId(encounterId)
                .setCausationId(null)
                .setTenantId(TENANT)
                .setPatient(patient(patient))
                .setCoverages(coverages(patient))
                .setProviders(new Providers(billing, renderers.get(random.nextInt(renderers.size())), null))
                .setFacility(null)
                .setPlaceOfService("11")
                .setDateOfService(dateOfService)
                .setEncounterClass(EncounterClass.AMBULATORY)
                .setEncounterType(visit.encounterType)
                .setPatientStatus(visit.newPatient ? NewOrEstablished.NEW : NewOrEstablished.ESTABLISHED)
                .setTotalTimeMinutes(visit.minutes)
                .setMedicalDecisionMaking(visit.mdm)
                .setDiagnoses(visit.diagnoses)
                .setProcedures(visit.procedures)
                .setAdministeredItems(visit.items)
                .setPriorAuthorizationNumber(null)
                .setReferralNumber(null)
                .setClinicalNote(visit.note)
                .build();
        return new Generated(event, kind, patient);
    }

    private Kind drawKind() {
        int draw = random.nextInt(totalWeight);
        for (Map.Entry<Kind, Integer> entry : weights.entrySet()) {
            draw -= entry.getValue();
            if (draw < 0) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    // one visit per patient and day: the payer would deny a second visit with the same codes as a duplicate (CARC 18)
    private LocalDate dateOfService(Person patient) {
        Set<LocalDate> taken = visitDates.computeIfAbsent(patient.mrn(), k -> new HashSet<>());
        // never before the patient was born (a newborn's visits are all after the birth date)
        int window = (int) Math.max(
                1, Math.min(90, patient.birthDate().until(today, java.time.temporal.ChronoUnit.DAYS) - 1));
        for (int attempt = 0; attempt < 50; attempt++) {
            LocalDate date = today.minusDays(1 + random.nextInt(window));
            if (taken.add(date)) {
                return date;
            }
        }
        return null; // this patient's days are taken: the caller picks another patient
    }

    private Visit chronicFollowUp(boolean newPatient) {
        List<DocumentedCode> problems = distinct(CHRONIC, 1 + random.nextInt(3));
        List<DocumentedCode> procedures = new ArrayList<>();
        if (problems.contains(DIABETES) && random.nextInt(3) > 0) {
            procedures.add(A1C);
        }
        if (problems.contains(HYPERCHOLESTEROLEMIA) && random.nextBoolean()) {
            procedures.add(LIPID_PANEL);
            procedures.add(VENIPUNCTURE);
        }
        if (problems.contains(CORONARY) && random.nextBoolean()) {
            procedures.add(ECG);
        }
        MedicalDecisionMaking mdm = pick(
                MedicalDecisionMaking.LOW,
                MedicalDecisionMaking.MODERATE,
                MedicalDecisionMaking.MODERATE,
                MedicalDecisionMaking.HIGH);
        int minutes = establishedMinutes(mdm);
        String note = "Follow-up of " + texts(problems) + ". Reviewed medications and home readings, "
                + "labs discussed, plan adjusted. Return in " + (1 + random.nextInt(6)) + " months. Total time "
                + minutes + " minutes.";
        return new Visit(FOLLOW_UP, false, minutes, mdm, problems, procedures, List.of(), note);
    }

    private Visit acuteVisit(boolean newPatient) {
        int which = random.nextInt(5);
        List<DocumentedCode> diagnoses;
        List<DocumentedCode> procedures = new ArrayList<>();
        switch (which) {
            case 0 -> {
                diagnoses = List.of(STREP);
                procedures.add(RAPID_STREP);
            }
            case 1 -> diagnoses = List.of(PHARYNGITIS, FEVER);
            case 2 -> diagnoses = List.of(SINUSITIS);
            case 3 -> {
                diagnoses = List.of(UTI);
                procedures.add(URINALYSIS);
            }
            default -> {
                diagnoses = List.of(random.nextBoolean() ? CHEST_PAIN : ABDOMINAL_PAIN);
                if (diagnoses.get(0) == CHEST_PAIN) {
                    procedures.add(ECG);
                } else {
                    procedures.add(CBC);
                    procedures.add(VENIPUNCTURE);
                }
            }
        }
        MedicalDecisionMaking mdm = pick(
                MedicalDecisionMaking.STRAIGHTFORWARD,
                MedicalDecisionMaking.LOW,
                MedicalDecisionMaking.LOW,
                MedicalDecisionMaking.MODERATE);
        int minutes = newPatient ? newMinutes(mdm) : establishedMinutes(mdm);
        return new Visit(
                OFFICE_VISIT,
                newPatient,
                minutes,
                mdm,
                diagnoses,
                procedures,
                List.of(),
                "Acute visit for " + texts(diagnoses) + ". Exam and point-of-care testing as documented. "
                        + "Supportive care, return precautions given.");
    }

    private Visit newPatientVisit() {
        List<DocumentedCode> problems = distinct(CHRONIC, 1 + random.nextInt(3));
        MedicalDecisionMaking mdm = pick(
                MedicalDecisionMaking.STRAIGHTFORWARD,
                MedicalDecisionMaking.LOW,
                MedicalDecisionMaking.MODERATE,
                MedicalDecisionMaking.HIGH);
        int minutes = newMinutes(mdm);
        return new Visit(
                CONSULTATION,
                true,
                minutes,
                mdm,
                problems,
                List.of(),
                List.of(),
                "New patient establishing care. History of " + texts(problems) + ". Records requested. Total time "
                        + minutes + " minutes.");
    }

    private Visit preventive(boolean newPatient, int age) {
        List<DocumentedCode> diagnoses = new ArrayList<>();
        // EHRs document the exam's Z code; coding-service puts the right one first anyway
        diagnoses.add(code(
                CodeSystem.ICD_10_CM,
                "Z00.00",
                "Encounter for general adult medical examination without abnormal findings"));
        if (random.nextInt(3) == 0) {
            diagnoses.add(pick(HYPERTENSION, HYPERCHOLESTEROLEMIA, PREDIABETES));
        }
        List<AdministeredItem> items = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            items.add(new AdministeredItem(
                    AdministeredItemKind.VACCINE,
                    code(CodeSystem.CPT, "90686", "Influenza vaccine, quadrivalent, preservative free"),
                    "49281042350",
                    new BigDecimal("0.500"),
                    UnitOfMeasure.MILLILITER));
        } else if (random.nextInt(5) == 0) {
            items.add(new AdministeredItem(
                    AdministeredItemKind.VACCINE,
                    code(CodeSystem.CPT, "90715", "Tdap vaccine"),
                    "58160084211",
                    new BigDecimal("0.500"),
                    UnitOfMeasure.MILLILITER));
        }
        return new Visit(
                CHECK_UP,
                newPatient,
                30 + random.nextInt(15),
                null,
                diagnoses,
                List.of(),
                items,
                "Annual preventive examination, age " + age + ". Age-appropriate screening and counseling."
                        + (items.isEmpty() ? "" : " Vaccine given, VIS provided."));
    }

    private Visit injection(boolean newPatient, boolean withNdc) {
        boolean asthma = random.nextBoolean();
        List<DocumentedCode> diagnoses =
                List.of(asthma ? code(CodeSystem.ICD_10_CM, "J45.909", "Unspecified asthma, uncomplicated") : COPD);
        int milligrams = pick(4, 8, 10);
        AdministeredItem drug = new AdministeredItem(
                AdministeredItemKind.DRUG,
                code(CodeSystem.HCPCS, "J1100", "Dexamethasone sodium phosphate injection"),
                withNdc ? "63323016501" : null,
                new BigDecimal(milligrams + ".000"),
                UnitOfMeasure.MILLIGRAM);
        List<DocumentedCode> procedures =
                List.of(code(CodeSystem.CPT, "96372", "Therapeutic injection, intramuscular"));
        MedicalDecisionMaking mdm = MedicalDecisionMaking.LOW;
        return new Visit(
                OFFICE_VISIT,
                newPatient,
                newPatient ? newMinutes(mdm) : establishedMinutes(mdm),
                mdm,
                diagnoses,
                procedures,
                List.of(drug),
                "Exacerbation; dexamethasone " + milligrams + " mg IM given in the left deltoid, tolerated well.");
    }

    private Visit officeProcedure(boolean newPatient) {
        int which = random.nextInt(2);
        List<DocumentedCode> diagnoses;
        List<DocumentedCode> procedures;
        String note;
        if (which == 0) {
            diagnoses = List.of(code(CodeSystem.ICD_10_CM, "B07.9", "Viral wart, unspecified"));
            procedures = List.of(code(CodeSystem.CPT, "17110", "Destruction of benign lesions, up to 14"));
            note = "Common warts on the right hand treated with cryotherapy, three lesions.";
        } else {
            diagnoses = List.of(code(CodeSystem.ICD_10_CM, "L82.1", "Other seborrheic keratosis"));
            procedures = List.of(code(CodeSystem.CPT, "11102", "Tangential biopsy of skin, single lesion"));
            note = "Shave biopsy of an irritated pigmented lesion on the back, sent to pathology.";
        }
        // a procedure-only visit: no separately identifiable E/M, so no modifier 25 question
        return new Visit(OFFICE_VISIT, newPatient, null, null, diagnoses, procedures, List.of(), note);
    }

    private Visit freeText(boolean newPatient) {
        List<String> texts = new ArrayList<>(FREE_TEXT_DIAGNOSES.keySet());
        texts.sort(null);
        String text = texts.get(random.nextInt(texts.size()));
        List<DocumentedCode> diagnoses = List.of(code(CodeSystem.NONE, null, text));
        MedicalDecisionMaking mdm = pick(MedicalDecisionMaking.LOW, MedicalDecisionMaking.MODERATE);
        return new Visit(
                OFFICE_VISIT,
                newPatient,
                newPatient ? newMinutes(mdm) : establishedMinutes(mdm),
                mdm,
                diagnoses,
                List.of(),
                List.of(),
                "Assessment: " + text + ". Plan discussed with the patient.");
    }

    private Visit labDiagnosisMismatch() {
        // hypertension first, hyperlipidemia second, an A1c that neither supports: pointed at I10, denied CARC 11
        List<DocumentedCode> diagnoses = List.of(HYPERTENSION, HYPERCHOLESTEROLEMIA);
        MedicalDecisionMaking mdm = MedicalDecisionMaking.MODERATE;
        int minutes = establishedMinutes(mdm);
        return new Visit(
                FOLLOW_UP,
                false,
                minutes,
                mdm,
                diagnoses,
                List.of(A1C),
                List.of(),
                "Hypertension and hyperlipidemia follow-up. Point-of-care HbA1c drawn for screening. Total time "
                        + minutes + " minutes.");
    }

    private Visit needsCoder(boolean newPatient) {
        List<DocumentedCode> diagnoses = random.nextBoolean()
                ? List.of(snomed("271737000", "Anemia"), HYPERTENSION) // not in the crosswalk overlay
                : List.of(code(CodeSystem.NONE, null, "tired all the time, probably stress related"));
        MedicalDecisionMaking mdm = MedicalDecisionMaking.LOW;
        return new Visit(
                OFFICE_VISIT,
                newPatient,
                newPatient ? newMinutes(mdm) : establishedMinutes(mdm),
                mdm,
                diagnoses,
                List.of(),
                List.of(),
                "Patient reports fatigue for several weeks. Workup discussed.");
    }

    // total time consistent with the MDM level (2021 office E/M thresholds), never long enough for 99417
    private int establishedMinutes(MedicalDecisionMaking mdm) {
        return switch (mdm) {
            case STRAIGHTFORWARD -> 10 + random.nextInt(10);
            case LOW -> 20 + random.nextInt(10);
            case MODERATE -> 30 + random.nextInt(10);
            case HIGH -> 40 + random.nextInt(14);
        };
    }

    private int newMinutes(MedicalDecisionMaking mdm) {
        return switch (mdm) {
            case STRAIGHTFORWARD -> 15 + random.nextInt(15);
            case LOW -> 30 + random.nextInt(15);
            case MODERATE -> 45 + random.nextInt(15);
            case HIGH -> 60 + random.nextInt(14);
        };
    }

    private Patient patient(Person person) {
        return new Patient(
                person.mrn(),
                person.lastName(),
                person.firstName(),
                person.middleName(),
                null,
                person.birthDate(),
                AdministrativeSex.valueOf(person.sex()),
                address(person));
    }

    private static Address address(Person person) {
        return new Address(person.line1(), null, person.city(), person.state(), person.postalCode(), "US");
    }

    private static List<Coverage> coverages(Person person) {
        List<Coverage> coverages = new ArrayList<>();
        if (person.primary() != null) {
            coverages.add(coverage(person, person.primary(), PayerResponsibility.PRIMARY));
        }
        if (person.secondary() != null) {
            coverages.add(coverage(person, person.secondary(), PayerResponsibility.SECONDARY));
        }
        return coverages;
    }

    private static Coverage coverage(Person person, Policy policy, PayerResponsibility responsibility) {
        Subscriber subscriber = new Subscriber(
                policy.memberId(),
                person.lastName(),
                person.firstName(),
                person.middleName(),
                person.birthDate(),
                AdministrativeSex.valueOf(person.sex()),
                null);
        return new Coverage(
                responsibility,
                new Payer(policy.payerId(), policy.payerName(), null),
                subscriber,
                SubscriberRelationship.SELF,
                policy.groupNumber(),
                policy.groupName(),
                policy.claimFilingIndicator());
    }

    private static Provider person(String npi, String last, String first, String taxonomy) {
        return new Provider(npi, ProviderEntityType.PERSON, last, first, taxonomy, null, null, null);
    }

    /** A valid NPI: {@code nineDigits} plus the Luhn check digit computed with the 80840 prefix. */
    static String npi(String nineDigits) {
        return io.claimflow.codes.Npi.withCheckDigit(nineDigits);
    }

    private List<DocumentedCode> distinct(List<DocumentedCode> from, int count) {
        List<DocumentedCode> pool = new ArrayList<>(from);
        List<DocumentedCode> chosen = new ArrayList<>();
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static String texts(List<DocumentedCode> codes) {
        return String.join(
                ", ", codes.stream().map(c -> c.getText().toLowerCase()).toList());
    }

    private static DocumentedCode snomed(String code, String text) {
        return code(CodeSystem.SNOMED_CT, code, text);
    }

    private static DocumentedCode code(CodeSystem system, String code, String text) {
        return DocumentedCode.newBuilder()
                .setSystem(system)
                .setCode(code)
                .setText(text)
                .build();
    }

    private record Visit(
            DocumentedCode encounterType,
            boolean newPatient,
            Integer minutes,
            MedicalDecisionMaking mdm,
            List<DocumentedCode> diagnoses,
            List<DocumentedCode> procedures,
            List<AdministeredItem> items,
            String note) {}
}
